import { parseWith, safeParseWith, type SafeParseResult } from "../_lib/parse.js";
import { ParticipantRecords, type ParticipantRecord } from "./schema.js";

const CONTEXT = { module: "diversity", what: "participant records" } as const;

/**
 * Validates participant records once, at the boundary (gender, age band or birth date, territory kind,
 * commune, département, diploma level, cohort, stages reached with dates). There is no ethnicity field.
 *
 * @param input - an array of records, e.g. parsed from JSON or CSV
 * @returns the typed records
 * @throws {DeclicsError} `invalid_input` naming each faulty field (e.g. `3.gender`), what was expected and what arrived
 * @example
 * ```ts
 * import { parseParticipantRecords } from "declics/diversity";
 *
 * parseParticipantRecords([{ id: "p1", gender: "female", ageBand: "under_26", territoryKind: "qpv", stages: [] }]).length;
 * // => 1
 * ```
 * @category Records
 */
export function parseParticipantRecords(input: unknown): ParticipantRecord[] {
  return parseWith(ParticipantRecords, input, CONTEXT);
}

/**
 * Like {@link parseParticipantRecords}, returning a result instead of throwing.
 *
 * @param input - an array of records
 * @returns `{ success: true, data }` or `{ success: false, error }` with the `invalid_input` error
 * @example
 * ```ts
 * import { safeParseParticipantRecords } from "declics/diversity";
 *
 * safeParseParticipantRecords([{ id: "p1", gender: "f" }]).success;
 * // => false
 * ```
 * @category Records
 */
export function safeParseParticipantRecords(input: unknown): SafeParseResult<ParticipantRecord[]> {
  return safeParseWith(ParticipantRecords, input, CONTEXT);
}
