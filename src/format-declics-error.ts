/**
 * Error messages in the caller's language: the whole message table, for apps that show errors to people.
 * @module
 */
import { renderErrorMessage } from "./_lib/messages/index.js";
import type { DeclicsError, ErrorLanguage } from "./errors.js";

/** Options of {@link formatDeclicsError}. */
export interface FormatDeclicsErrorOptions {
  /** The language of the message: `"fr"` or `"en"` (default `"en"`, the language of `error.message`). */
  readonly language?: ErrorLanguage;
}

/**
 * The message of a {@link DeclicsError} in the caller's language, written from its code and details by
 * the one message table of declics (`error.message` is the English one). Never throws: details from
 * another version or copied by hand are rendered as well as they can be, values are shown truncated and
 * with control characters escaped.
 *
 * @param error - a DeclicsError (or a plain copy of one, `{ code, details }`, e.g. read back from JSON)
 * @param options - `{ language: "fr" }` for French
 * @returns the message, one line
 * @example
 * ```ts
 * import { DeclicsError, formatDeclicsError } from "declics";
 *
 * const error = new DeclicsError({
 *   code: "malformed_code",
 *   module: "territory",
 *   details: { kind: "codeInsee", received: "3155", expected: { kind: "insee_code" } },
 * });
 * formatDeclicsError(error, { language: "fr" });
 * // => 'Code INSEE mal formé : attendu un code commune INSEE de 5 caractères (ex. 31555, 2A004 ou 97411), reçu "3155".'
 * formatDeclicsError(error, { language: "en" });
 * // => 'Malformed INSEE code: expected a 5-character INSEE commune code (e.g. 31555, 2A004 or 97411), received "3155".'
 * ```
 * @category Errors
 */
export function formatDeclicsError(
  error: Pick<DeclicsError, "code" | "details">,
  options: FormatDeclicsErrorOptions = {},
): string {
  return renderErrorMessage(error.code, error.details, options.language === "fr" ? "fr" : "en");
}
