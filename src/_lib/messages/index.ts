/**
 * The one message table of declics, as zod keeps its error map: for each error code, its message in
 * English and in French, written from the typed details. It is kept in parts (one per family of codes, see
 * ./part.ts) so that each module bundles the words of its own errors; this file joins them for
 * `formatDeclicsError`. No message mixes the two languages: details carry data (codes, numbers, ids,
 * expectations as `{ kind }`), never sentences.
 * @module
 */
import type { DeclicsErrorCode, ErrorLanguage } from "../../errors.js";
import { ASSESSMENT_MESSAGES, ASSESSMENT_REASONS } from "./assessment.js";
import { CLI_MESSAGES, CLI_REASONS, FILE_REASONS } from "./cli.js";
import { CORE_MESSAGES } from "./core.js";
import { CURRICULUM_MESSAGES, CURRICULUM_REASONS } from "./curriculum.js";
import { DATA_MESSAGES } from "./data.js";
import { DIVERSITY_MESSAGES, DIVERSITY_REASONS } from "./diversity.js";
import { type MessagePart, renderWith } from "./part.js";
import { TERRITORY_MESSAGES } from "./territory.js";

/** The message of each code, in each language. */
export type ErrorMessageTable = MessagePart<DeclicsErrorCode>;

/** The whole table: every part (the compiler checks that every code has its messages). Built on first use. */
export function wholeTable(): ErrorMessageTable {
  whole ??= {
    ...CORE_MESSAGES,
    ...TERRITORY_MESSAGES,
    ...DATA_MESSAGES,
    ...CURRICULUM_MESSAGES,
    ...ASSESSMENT_MESSAGES,
    ...DIVERSITY_MESSAGES,
    ...CLI_MESSAGES,
  };
  return whole;
}
let whole: ErrorMessageTable | undefined;

/** Every reason the table has words for, by family (for the tests that check each one in both languages). */
export function knownReasons(): Readonly<Record<string, readonly string[]>> {
  return {
    curriculum: Object.keys(CURRICULUM_REASONS),
    assessment: Object.keys(ASSESSMENT_REASONS),
    diversity: Object.keys(DIVERSITY_REASONS),
    files: Object.keys(FILE_REASONS),
    cli: Object.keys(CLI_REASONS),
  };
}

/**
 * The message of an error code in a language, from its details. Never throws: a render that fails on
 * hostile or hand-made details falls back to the code itself.
 */
export function renderErrorMessage(code: DeclicsErrorCode, details: unknown, lang: ErrorLanguage): string {
  return renderWith(wholeTable(), code, details, lang);
}
