/**
 * declics: the domain core of DéClics Numériques.
 *
 * The root entry re-exports the four module barrels and the error type, so that everything can be
 * imported from `declics`. For smaller bundles import a subpath (`declics/diversity`,
 * `declics/assessment`, ...): the root pulls in the territory engine.
 * @module declics
 */
export { DeclicsError, formatDeclicsError, isDeclicsError } from "./errors.js";
export type {
  DeclicsErrorCode,
  DeclicsErrorDetails,
  DeclicsErrorInit,
  DeclicsModule,
  ErrorLanguage,
  Expectation,
  FormatDeclicsErrorOptions,
  InputIssue,
  KnownIdKind,
  LocalisedText,
  ItemBankReason,
  PlanReason,
  Problem,
  TableReason,
  TemplateReason,
} from "./errors.js";
export type { SafeParseResult } from "./_lib/parse.js";
export { createSeededRandom, type RandomSource } from "./_lib/random.js";
export * from "./_lib/vocabulary.js";
export * from "./territory/index.js";
export * from "./curriculum/index.js";
export * from "./assessment/index.js";
export * from "./diversity/index.js";
