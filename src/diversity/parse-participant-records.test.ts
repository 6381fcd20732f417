import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { parseParticipantRecords, safeParseParticipantRecords } from "./parse-participant-records.js";

const valid = {
  id: "p1",
  gender: "female",
  ageBand: "under_26",
  territoryKind: "qpv",
  stages: [{ stage: "registered", on: "2020-09-28" }],
};

describe("parseParticipantRecords", () => {
  it("accepts valid records and keeps their fields", () => {
    const [r] = parseParticipantRecords([
      { ...valid, codeInsee: "31555", departement: "31", diplomaLevel: "niveau_4", cohort: "2020-09" },
    ]);
    expect(r).toMatchObject({
      id: "p1",
      gender: "female",
      codeInsee: "31555",
      departement: "31",
      diplomaLevel: "niveau_4",
    });
  });
  it("names the faulty field, what was expected and what arrived", () => {
    try {
      parseParticipantRecords([valid, { ...valid, gender: "f" }]);
      expect.unreachable();
    } catch (error) {
      if (!isDeclicsError(error, "invalid_input")) throw error;
      expect(error.details.issues[0]).toMatchObject({ path: "1.gender", received: '"f"' });
      expect(error.message).toMatch(/1\.gender/);
    }
  });
  it("needs a birth date or an age band", () => {
    const result = safeParseParticipantRecords([{ ...valid, ageBand: undefined }]);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.details.issues[0]?.path).toBe("0.ageBand");
  });
  it("has no ethnicity field: one sent by mistake is not kept", () => {
    const [r] = parseParticipantRecords([{ ...valid, ethnicity: "x" }]);
    expect(r && "ethnicity" in r).toBe(false);
  });
  it("property: synthetic records round-trip through JSON and validation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 30 }), (seed, n) => {
        const records = syntheticParticipants(n, createSeededRandom(seed));
        expect(parseParticipantRecords(JSON.parse(JSON.stringify(records)))).toEqual(records);
      }),
      { numRuns: 30 },
    );
  });
});
