/** Regression tests of issue #16, part 4: each failed before its fix. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { people } from "../../test/support/make-participants.js";
import { zFor } from "./_stats.js";
import { ageBandOn } from "./age-band-on.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeParity, ratioBelow } from "./compute-parity.js";
import { computeShares } from "./compute-shares.js";
import { parseParticipantRecords } from "./parse-participant-records.js";
import { protectTable } from "./protect-table.js";
import type { ParticipantRecord } from "./schema.js";

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}
const record = (fields: Record<string, unknown> = {}) => ({
  id: "p1",
  gender: "female",
  ageBand: "under_26",
  territoryKind: "qpv",
  stages: [],
  ...fields,
});

describe("four-fifths rule, compared exactly", () => {
  it("regression: 36/100 against 45/100 is exactly 4/5 (0.7999999999999999 in floating point): not flagged", () => {
    const records = [
      ...people(36, { upTo: "hired" }),
      ...people(64),
      ...people(45, { gender: "male", upTo: "hired" }),
      ...people(55, { gender: "male" }),
    ];
    const female = computeParity(records, { by: "gender" }).find((r) => r.group === "female");
    expect(female?.ratio.computable && female.ratio.value).toBe(0.36 / 0.45);
    expect(0.36 / 0.45 < 0.8).toBe(true); // what the old comparison did
    expect(female?.fourFifths).toMatchObject({ status: "not_flagged" });
    // One fewer hired woman is below 4/5.
    const below = [
      ...people(35, { upTo: "hired" }),
      ...people(65),
      ...people(45, { gender: "male", upTo: "hired" }),
      ...people(55, { gender: "male" }),
    ];
    expect(computeParity(below, { by: "gender" }).find((r) => r.group === "female")?.fourFifths).toMatchObject({
      status: "flagged",
    });
  });

  it("every exact 4/5 case with n <= 60 is not flagged", () => {
    for (let n = 5; n <= 60; n += 5) {
      for (let rx = 5; rx <= n; rx += 5) {
        const x = (4 * rx) / 5;
        const records = [
          ...people(x, { upTo: "hired" }),
          ...people(n - x),
          ...people(rx, { gender: "male", upTo: "hired" }),
          ...people(n - rx, { gender: "male" }),
        ];
        expect(
          computeParity(records, { by: "gender" }).find((r) => r.group === "female")?.fourFifths,
          `${x}/${n} vs ${rx}/${n}`,
        ).toMatchObject({ status: "not_flagged" });
      }
    }
  });

  it("property: the exact comparison agrees with floating point wherever the ratio is not within rounding of the threshold", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.nat(500),
        fc.nat(500),
        fc.constantFrom(0.8, 0.75, 0.9, 2 / 3),
        (n, rn, a, b, t) => {
          const x = a % (n + 1);
          const rx = 1 + (b % rn);
          const ratio = x / n / (rx / rn);
          if (Math.abs(ratio - t) > 1e-9) expect(ratioBelow(x, n, rx, rn, t)).toBe(ratio < t);
          // Exactly at the threshold is never "below".
          expect(ratioBelow(4 * rx, 5 * rn, rx, rn, 0.8)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("impact ratio of a group with no outcome", () => {
  it("regression: the upper bound adds 0.5 to each cell of the 2 x 2 table (n + 1), not 0.5 to n", () => {
    const records = [
      ...people(20),
      ...people(10, { gender: "male", upTo: "hired" }),
      ...people(10, { gender: "male" }),
    ];
    const female = computeParity(records, { by: "gender" }).find((r) => r.group === "female");
    // Haldane-Anscombe: a = 0.5, n1 = 20 + 1, c = 10.5, n2 = 20 + 1.
    const z = zFor(0.95);
    const ratio = 0.5 / 21 / (10.5 / 21);
    const upper = ratio * Math.exp(z * Math.sqrt(1 / 0.5 - 1 / 21 + 1 / 10.5 - 1 / 21));
    expect(female?.ratio).toMatchObject({ computable: true, value: 0, lower: 0 });
    expect(female?.ratio.computable && female.ratio.upper).toBeCloseTo(upper, 12);
  });
});

describe("duplicates are refused with coded errors", () => {
  it("regression: a participant id given twice was counted twice", () => {
    const twice = [record(), record({ gender: "male" })];
    const parsed = caught(() => parseParticipantRecords(twice));
    expect(isDeclicsError(parsed, "invalid_input") && parsed.details.issues[0]?.path).toBe("1.id");
    expect(caught(() => computeShares(twice as unknown as ParticipantRecord[], { by: ["gender"] }))).toSatisfy(
      (e) => isDeclicsError(e, "invalid_input") && /counted once/.test(e.message),
    );
    expect(caught(() => computeDiversityReport(twice as unknown as ParticipantRecord[]))).toSatisfy((e) =>
      isDeclicsError(e, "invalid_input"),
    );
  });

  it("regression: protectTable accepted a repeated row or column label", () => {
    const e = caught(() =>
      protectTable({ rowDimension: "g", columnDimension: "t", rows: ["a", "a"], columns: ["x"], counts: [[20], [30]] }),
    );
    expect(isDeclicsError(e, "invalid_table") && e.details.reason).toBe("duplicate_label");
    expect(
      caught(() =>
        protectTable({ rowDimension: "g", columnDimension: "t", rows: ["a"], columns: ["x", "x"], counts: [[20, 30]] }),
      ),
    ).toSatisfy((x) => isDeclicsError(x, "invalid_table"));
  });
});

describe("a funnel by the stage dimension keeps its group label", () => {
  it("regression: { ...key, stage } overwrote the group (highest stage reached) with the funnel's stage", () => {
    const records = [...people(12, { upTo: "assessed" }), ...people(15, { upTo: "hired" })];
    const funnel = computeFunnel(records, { by: ["stage"] });
    const assessedGroup = funnel.rows.filter((r) => r.highestStage === "assessed");
    expect(assessedGroup.map((r) => r.stage)).toEqual([
      "registered",
      "assessed",
      "workshops",
      "met_training_or_employers",
      "entered_training",
      "hired",
    ]);
    expect(assessedGroup.map((r) => r.reached)).toEqual([12, 12, 0, 0, 0, 0]);
    expect(funnel.groups.find((g) => g.highestStage === "hired")?.registered).toBe(15);
    const report = computeDiversityReport(records, { dimensions: ["stage"] });
    expect(report.funnels.stage?.rows.find((r) => r.highestStage === "hired" && r.stage === "hired")?.reached).toEqual({
      status: "published",
      value: 15,
    });
  });
});

describe("dates", () => {
  it("regression: impossible dates were accepted", () => {
    for (const date of ["2020-13-45", "1990-02-31", "2021-02-29", "1999-00-10", "1999-04-31"]) {
      expect(
        caught(() => parseParticipantRecords([record({ ageBand: undefined, birthDate: date })])),
        date,
      ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
      expect(
        caught(() => ageBandOn(date, "2025-01-01")),
        date,
      ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
      expect(
        caught(() =>
          computeShares([record({ ageBand: undefined, birthDate: date })] as unknown as ParticipantRecord[], {
            by: ["ageBand"],
            referenceDate: "2025-01-01",
          }),
        ),
        date,
      ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
      expect(
        caught(() =>
          computeShares([record()] as unknown as ParticipantRecord[], { by: ["ageBand"], referenceDate: date }),
        ),
        date,
      ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
    }
    expect(parseParticipantRecords([record({ ageBand: undefined, birthDate: "2020-02-29" })])).toHaveLength(1);
  });

  it("regression: a birth date after the reference date counted as under 26", () => {
    const e = caught(() =>
      computeShares([record({ ageBand: undefined, birthDate: "2021-06-01" })] as unknown as ParticipantRecord[], {
        by: ["ageBand"],
        referenceDate: "2021-01-01",
      }),
    );
    expect(isDeclicsError(e, "invalid_input") && e.details.issues[0]?.path).toBe("0.birthDate");
    // Born on the reference date: age 0, under 26.
    expect(
      computeShares([record({ ageBand: undefined, birthDate: "2021-01-01" })] as unknown as ParticipantRecord[], {
        by: ["ageBand"],
        referenceDate: "2021-01-01",
      })[0]?.count,
    ).toBe(1);
  });
});

describe("records that are not records", () => {
  it("regression: a null record or a numeric stage threw a TypeError, not a DeclicsError", () => {
    for (const bad of [
      null,
      42,
      record({ stages: [{ stage: 3, on: "2020-01-01" }] }),
      record({ stages: [null] }),
      record({ stages: "hired" }),
      record({ id: 7 }),
    ]) {
      const e = caught(() =>
        computeShares([record({ id: "ok" }), bad] as unknown as ParticipantRecord[], { by: ["gender"] }),
      );
      expect(isDeclicsError(e, "invalid_input"), JSON.stringify(bad)).toBe(true);
      expect(isDeclicsError(e, "invalid_input") && e.details.issues[0]?.path.startsWith("1")).toBe(true);
    }
  });
});
