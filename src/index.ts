/**
 * declics: the domain core of DéClics Numériques.
 *
 * The root entry holds only what every module shares: the error type, the shared vocabulary (territory
 * kinds, gender, age bands, calendar zones, parcours stages), the calendar-day input type and the seeded
 * random source. Each domain lives in its own subpath, so an app bundles only what it uses:
 * `declics/territory`, `declics/curriculum`, `declics/assessment`, `declics/diversity`, `declics/data`
 * (Node loaders). Every subpath also re-exports `DeclicsError` and `isDeclicsError`.
 * @module declics
 */
export { DeclicsError, isDeclicsError } from "./errors.js";
export { formatDeclicsError, type FormatDeclicsErrorOptions } from "./format-declics-error.js";
export type {
  DeclicsErrorCode,
  DeclicsErrorDetails,
  DeclicsErrorInit,
  DeclicsModule,
  ErrorLanguage,
  Expectation,
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
export type { DayInput } from "./_lib/calendar-day.js";
export { createSeededRandom, type RandomSource } from "./_lib/random.js";
export { AgeBand, CalendarZone, Gender, ParcoursStage, ParticipantId, TerritoryKind } from "./_lib/vocabulary.js";
