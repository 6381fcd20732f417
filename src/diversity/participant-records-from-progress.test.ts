import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { participantRecordsFromProgress } from "./participant-records-from-progress.js";

describe("participantRecordsFromProgress", () => {
  const base = {
    participantId: "p1",
    gender: "female" as const,
    territoryKind: "qpv" as const,
    ageBand: "under_26" as const,
    stages: [{ stage: "registered" as const, date: "2020-09-28" }],
  };
  it("renames the fields and stamps the cohort", () => {
    expect(participantRecordsFromProgress([base], { cohort: "toulouse-2020", departement: "31" })).toEqual([
      {
        id: "p1",
        gender: "female",
        territoryKind: "qpv",
        ageBand: "under_26",
        cohort: "toulouse-2020",
        departement: "31",
        stages: [{ stage: "registered", on: "2020-09-28" }],
      },
    ]);
  });
  it("does not guess a missing territory kind: the error names the record", () => {
    expect(() =>
      participantRecordsFromProgress([base, { ...base, participantId: "p2", territoryKind: undefined }]),
    ).toThrow(/1\.territoryKind/);
  });
  it("property: the highest stage survives the conversion", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), (top) => {
        const stages = ParcoursStage.options.slice(0, top + 1).map((stage) => ({ stage, date: "2020-10-01" }));
        const [r] = participantRecordsFromProgress([{ ...base, stages }]);
        expect(r?.stages.map((s) => s.stage)).toEqual(ParcoursStage.options.slice(0, top + 1));
      }),
    );
  });
});
