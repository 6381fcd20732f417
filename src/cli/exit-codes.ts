import { DeclicsError, isDeclicsError, type DeclicsErrorCode, type DeclicsErrorDetails } from "../errors.js";
import { t, type Lang } from "./messages.js";
import { sanitiseForTerminal } from "./terminal-text.js";

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
 * exitCodeOf(cliError("output_unavailable", "Cannot write out.csv", { file: "out.csv", reason: "ENOSPC" })); // => 3
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
 * failureLine(cliError("usage", "Bad option", { reason: "x" }), "en"); // => "Bad option [usage]"
 * ```
 */
export function failureLine(error: unknown, lang: Lang): string {
  if (isDeclicsError(error)) {
    const text = error.module === "cli" ? error.message : libraryMessage(error, lang);
    return sanitiseForTerminal(`${text} [${error.code}]`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return sanitiseForTerminal(t(lang, "error.generic", { message }));
}

function libraryMessage(error: DeclicsError, lang: Lang): string {
  if (error.code === "data_missing" || error.code === "data_integrity")
    return t(lang, "error.data", { message: error.message });
  if (error.code === "geocoder_unavailable")
    return t(lang, "error.geocoder", { reason: (error as DeclicsError<"geocoder_unavailable">).details.reason });
  return t(lang, "error.usage", { message: error.message });
}

/**
 * Builds a command-line `DeclicsError` (module `cli`), whose message is already in the user's language.
 *
 * @param code - the error code
 * @param message - the message shown to the user
 * @param details - the typed details
 * @param cause - the underlying error, if any
 * @returns the error
 * @example
 * ```ts
 * throw cliError("unreadable_input", "Unreadable input file: a.csv (empty).", { file: "a.csv", reason: "empty" });
 * ```
 */
export function cliError<C extends DeclicsErrorCode>(
  code: C,
  message: string,
  details: DeclicsErrorDetails[C],
  cause?: unknown,
): DeclicsError<C> {
  return new DeclicsError({ code, module: "cli", message, details, ...(cause === undefined ? {} : { cause }) });
}

/** The message of any thrown value. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
