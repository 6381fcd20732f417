import * as z from "zod/v4";

/**
 * Small vocabularies shared by several modules. They live here so that `declics/diversity` can name a
 * territory kind without importing the territory engine (and its data).
 */

/** The kind of territory a person lives in, as the territory module reports it. */
export const TerritoryKind = z.enum(["qpv", "zrr", "frr", "other"]);
export type TerritoryKind = z.infer<typeof TerritoryKind>;

/** Gender as declared by the person. */
export const Gender = z.enum(["female", "male", "other", "undisclosed"]);
export type Gender = z.infer<typeof Gender>;

/** Age bands used by the French public employment service's statistics. */
export const AgeBand = z.enum(["under_26", "26_49", "50_plus"]);
export type AgeBand = z.infer<typeof AgeBand>;

/** Age band of an age in completed years: under 26, 26 to 49, 50 and over. */
export function bandOfAge(age: number): AgeBand {
  return age < 26 ? "under_26" : age < 50 ? "26_49" : "50_plus";
}

/** Calendar zones: each has its own public holidays and time zone. */
export const CalendarZone = z.enum([
  "mainland",
  "alsace_moselle",
  "guadeloupe",
  "martinique",
  "guyane",
  "la_reunion",
  "mayotte",
  "saint_martin",
  "saint_barthelemy",
  "saint_pierre_et_miquelon",
  "polynesie_francaise",
  "nouvelle_caledonie",
  "wallis_et_futuna",
]);
export type CalendarZone = z.infer<typeof CalendarZone>;

/**
 * The stages of the parcours a participant can reach, in order: registered, assessed (skill tests),
 * workshops (upskilling), met training organisations or employers, entered training, hired.
 */
export const ParcoursStage = z.enum([
  "registered",
  "assessed",
  "workshops",
  "met_training_or_employers",
  "entered_training",
  "hired",
]);
export type ParcoursStage = z.infer<typeof ParcoursStage>;

/** A participant's identifier, the same in the curriculum and diversity modules (pseudonymous: no names). */
export const ParticipantId = z.string().min(1).brand<"ParticipantId">();
export type ParticipantId = z.infer<typeof ParticipantId>;
