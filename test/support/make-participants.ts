/** Test helper: a participant record with defaults, and records reaching a given stage. Not exported. */
import { ParcoursStage, type Gender, type TerritoryKind } from "../../src/_lib/vocabulary.js";
import type { ParticipantRecord } from "../../src/diversity/schema.js";

let next = 0;

/** A record with sensible defaults; `upTo` is the highest stage reached (null: no stage at all). */
export function person(
  fields: Partial<Omit<ParticipantRecord, "stages">> & { upTo?: ParcoursStage | null; start?: string } = {},
): ParticipantRecord {
  const { upTo = "registered", start = "2020-09-28", ...rest } = fields;
  const stages =
    upTo === null
      ? []
      : ParcoursStage.options.slice(0, ParcoursStage.options.indexOf(upTo) + 1).map((stage) => ({ stage, on: start }));
  return {
    id: `t${next++}` as ParticipantRecord["id"],
    gender: "female" as Gender,
    ageBand: "under_26",
    territoryKind: "qpv" as TerritoryKind,
    ...rest,
    stages,
  } as ParticipantRecord;
}

/** `count` copies of a record shape. */
export function people(count: number, fields: Parameters<typeof person>[0] = {}): ParticipantRecord[] {
  return Array.from({ length: count }, () => person(fields));
}
