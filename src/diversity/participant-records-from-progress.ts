import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { AgeBand, Gender, ParcoursStage, TerritoryKind } from "../_lib/vocabulary.js";
import { DayInput } from "./_days.js";
import { parseParticipantRecords } from "./parse-participant-records.js";
import type { ParticipantRecord } from "./schema.js";

/** The fields of a curriculum progress record (`computeProgress(...).records`) this adapter reads. */
const ProgressLike = z.object({
  participantId: z.string(),
  gender: Gender.optional(),
  territoryKind: TerritoryKind.optional(),
  ageBand: AgeBand.optional(),
  stages: z.array(z.object({ stage: ParcoursStage, date: DayInput })),
});
const Options = z.object({
  /** Cohort label given to every record (e.g. the plan's cohort id). */
  cohort: z.string().min(1).optional(),
  /** Département code given to every record (e.g. where the cohort runs). */
  departement: z.string().optional(),
});

/** A progress record as `declics/curriculum`'s `computeProgress` returns it (only the fields read here). */
export type ProgressRecordLike = z.input<typeof ProgressLike>;
/** Options of {@link participantRecordsFromProgress}. */
export type ParticipantRecordsFromProgressOptions = z.input<typeof Options>;

/**
 * Turns the progress records of `declics/curriculum` (`computeProgress(plan, attendance, outcomes).records`)
 * into participant records for the metrics of this module: `participantId` becomes `id`, each stage's
 * `date` becomes `on`, and the cohort label is added. Nothing is guessed: a record without gender,
 * territory kind or age band fails validation with an error naming it (give those fields to the cohort's
 * participants).
 *
 * @param progress - progress records (only participantId, gender, territoryKind, ageBand and stages are read)
 * @param options - `cohort` and `departement` to stamp on every record
 * @returns validated participant records, in the same order
 * @throws {DeclicsError} `invalid_input` naming the record and field that is missing or wrong
 * @example
 * ```ts
 * import { participantRecordsFromProgress } from "declics/diversity";
 *
 * participantRecordsFromProgress(
 *   [{ participantId: "p1", gender: "female", territoryKind: "qpv", ageBand: "under_26", stages: [{ stage: "registered", date: "2020-09-28" }] }],
 *   { cohort: "toulouse-2020" },
 * )[0];
 * // => { id: "p1", gender: "female", territoryKind: "qpv", ageBand: "under_26", cohort: "toulouse-2020", stages: [{ stage: "registered", on: "2020-09-28" }] }
 * ```
 * @category Records
 */
export function participantRecordsFromProgress(
  progress: readonly ProgressRecordLike[],
  options: ParticipantRecordsFromProgressOptions = {},
): ParticipantRecord[] {
  const list = parseWith(z.array(ProgressLike), progress, { module: "diversity", what: "progress records" });
  const o = parseWith(Options, options, { module: "diversity", what: "progress conversion options" });
  return parseParticipantRecords(
    list.map((p) => ({
      id: p.participantId,
      gender: p.gender,
      territoryKind: p.territoryKind,
      ageBand: p.ageBand,
      ...(o.cohort === undefined ? {} : { cohort: o.cohort }),
      ...(o.departement === undefined ? {} : { departement: o.departement }),
      stages: p.stages.map((s) => ({ stage: s.stage, on: s.date })),
    })),
  );
}
