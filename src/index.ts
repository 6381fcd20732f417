/**
 * declics: the domain core of DéClics Numériques.
 *
 * The root entry re-exports the four module barrels and the error type. For smaller bundles import a
 * subpath (`declics/diversity`, `declics/assessment`, ...).
 * @module declics
 */
export { DeclicsError, isDeclicsError } from "./errors.js";
export type { DeclicsErrorCode, DeclicsErrorDetails, DeclicsErrorInit, DeclicsModule, InputIssue } from "./errors.js";
export type { SafeParseResult } from "./_lib/parse.js";
export * from "./_lib/vocabulary.js";
export * as territory from "./territory/index.js";
export * as curriculum from "./curriculum/index.js";
export * as assessment from "./assessment/index.js";
export * as diversity from "./diversity/index.js";
