/**
 * The message table is written in parts, one per family of error codes (core, territory, data, curriculum,
 * assessment, diversity, cli), each with its messages in English and French. A module raises its errors
 * through {@link errorWith} and the parts of the codes it raises, so that a bundle carries the words of
 * its own errors only; `formatDeclicsError` joins every part into the whole table (./index.ts).
 * @module
 */
import {
  DeclicsError,
  type DeclicsErrorCode,
  type DeclicsErrorDetails,
  type DeclicsErrorInit,
  type ErrorLanguage,
  type Expectation,
} from "../../errors.js";
import { ownEntry, shown } from "./values.js";
import { renderExpectation } from "./vocabulary.js";

/** Writes the message of one code from its details. */
export type Render<C extends DeclicsErrorCode> = (details: DeclicsErrorDetails[C]) => string;

/** The messages of some codes, each in English and French. */
export type MessagePart<C extends DeclicsErrorCode> = {
  readonly [K in C]: { readonly en: Render<K>; readonly fr: Render<K> };
};

/** ", received X" — left out when a detail gives no separate received value (it is then in the expectation's note). */
export const rec = (received: unknown, lang: ErrorLanguage): string =>
  received === "" ? "" : lang === "fr" ? `, reçu ${shown(received)}` : `, received ${shown(received)}`;
/** What was expected, in English. */
export const en = (e: Expectation): string => renderExpectation(e, "en");
/** What was expected, in French. */
export const fr = (e: Expectation): string => renderExpectation(e, "fr");

const FALLBACK = {
  en: (code: string) => `declics error ${code}`,
  fr: (code: string) => `erreur declics ${code}`,
};

/**
 * The message of an error code in a language, from its details, by the part that has it. Never throws: a
 * render that fails on hostile or hand-made details, or a code the part does not have, falls back to the
 * code itself.
 */
export function renderWith(
  part: Partial<MessagePart<DeclicsErrorCode>>,
  code: DeclicsErrorCode,
  details: unknown,
  lang: ErrorLanguage,
): string {
  const safeCode = shown(code);
  try {
    const entry = ownEntry<{ readonly en: Render<never>; readonly fr: Render<never> }>(part, code);
    if (entry === undefined || typeof details !== "object" || details === null) return FALLBACK[lang](safeCode);
    const render = (lang === "fr" ? entry.fr : entry.en) as (d: unknown) => string;
    return render(details);
  } catch {
    return FALLBACK[lang](safeCode);
  }
}

/**
 * The function a module raises its errors with: a {@link DeclicsError} whose `message` is written in
 * English by the given parts of the table (the codes the module may raise, checked by the compiler).
 *
 * @example
 * ```ts
 * const diversityError = errorWith({ ...CORE_MESSAGES, ...DIVERSITY_MESSAGES });
 * throw diversityError({ code: "invalid_table", module: "diversity", details: { reason: "missing_count" } });
 * ```
 */
export function errorWith<C extends DeclicsErrorCode>(
  part: MessagePart<C>,
): <K extends C>(init: DeclicsErrorInit<K>) => DeclicsError<K> {
  return (init) => {
    const error = new DeclicsError(init);
    error.message = renderWith(part as Partial<MessagePart<DeclicsErrorCode>>, init.code, init.details, "en");
    return error;
  };
}
