import {
  DeclicsError,
  isDeclicsError,
  type DeclicsErrorCode,
  type DeclicsErrorDetails,
  type Problem,
} from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { t, type Lang } from "./messages.js";
import { sanitiseForTerminal } from "./terminal-text.js";
import { wholeTable } from "../_lib/messages/index.js";
import { errorWith } from "../_lib/messages/part.js";

/** The command line raises its errors with the whole table (it may report any module's). */
const raise = errorWith(wholeTable());

/**
 * The exit codes of the command line, and the one place where a failure becomes an exit code and a message.
 * @module
 */

/** Exit codes of the CLI (documented in docs/cli.md). */
export const EXIT = { done: 0, usage: 1, unreadable: 2, failed: 3, interrupted: 130, terminated: 143 } as const;

/** Which exit code each error code gives; any other error (a bug) gives 3. */
const EXIT_BY_CODE: Partial<Record<DeclicsErrorCode, number>> = {
  usage: EXIT.usage,
  invalid_option: EXIT.usage,
  invalid_input: EXIT.usage,
  invalid_coordinates: EXIT.usage,
  swapped_coordinates: EXIT.usage,
  outside_france: EXIT.usage,
  malformed_code: EXIT.usage,
  unknown_code: EXIT.usage,
  unencodable_output: EXIT.usage,
  unreadable_input: EXIT.unreadable,
  output_unavailable: EXIT.failed,
  data_missing: EXIT.failed,
  data_integrity: EXIT.failed,
  geocoder_unavailable: EXIT.failed,
};

/**
 * The exit code of a failed command.
 *
 * @param error - what the command threw
 * @returns 1 (usage), 2 (unreadable input) or 3 (data, output or service unavailable; unexpected errors)
 * @example
 * ```ts
 * import { cliError, exitCodeOf } from "./exit-codes.js";
 *
 * exitCodeOf(cliError("output_unavailable", { file: "out.csv", reason: "ENOSPC" })); // => 3
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (!isDeclicsError(error)) return EXIT.failed;
  return EXIT_BY_CODE[error.code] ?? EXIT.failed;
}

/**
 * The one line a failed command prints on standard error: the message, its code in brackets, with any
 * control character (terminal escape sequences from a hostile file) made visible. No stack trace: an
 * unexpected error says so and asks for a report.
 *
 * @param error - what the command threw
 * @param lang - fr or en
 * @returns the line, without the final newline
 * @example
 * ```ts
 * import { cliError, failureLine } from "./exit-codes.js";
 *
 * failureLine(cliError("output_unavailable", { file: "out.csv", reason: "ENOSPC" }), "en");
 * // => "Cannot write out.csv: no space left on the device [output_unavailable]"
 * ```
 */
export function failureLine(error: unknown, lang: Lang): string {
  if (isDeclicsError(error))
    return sanitiseForTerminal(`${formatDeclicsError(error, { language: lang })} [${error.code}]`);
  const message = error instanceof Error ? error.message : String(error);
  return sanitiseForTerminal(t(lang, "error.generic", { message }));
}

/**
 * Builds a command-line `DeclicsError` (module `cli`). Its message comes from the one message table, in
 * French or English (`formatDeclicsError`), like every other error of the library.
 *
 * @param code - the error code
 * @param details - the typed details (a reason code and its values, never a sentence)
 * @param cause - the underlying error, if any
 * @returns the error
 * @example
 * ```ts
 * import { formatDeclicsError } from "declics";
 * import { cliError } from "./exit-codes.js";
 *
 * formatDeclicsError(cliError("unreadable_input", { file: "a.csv", reason: "empty_file" }), { language: "en" });
 * // => "Unreadable input file: a.csv (the file is empty, not even a header)."
 * ```
 */
export function cliError<C extends DeclicsErrorCode>(
  code: C,
  details: DeclicsErrorDetails[C],
  cause?: unknown,
): DeclicsError<C> {
  return raise({ code, module: "cli", details, ...(cause === undefined ? {} : { cause }) });
}

/**
 * Why a file operation failed, as a reason code: the system code (`ENOENT`, `EACCES`…) when there is one,
 * else `failed` with the error's own text as a value.
 */
export function problemOf(error: unknown): Problem {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return { reason: code };
  return { reason: "failed", values: { cause: error instanceof Error ? error.message : String(error) } };
}
