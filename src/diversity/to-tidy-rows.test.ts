import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { people } from "./_make.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeShares } from "./compute-shares.js";
import { protectTable } from "./protect-table.js";
import { toTidyRows } from "./to-tidy-rows.js";

describe("toTidyRows", () => {
  it("flattens metrics into value, bounds and status; not computable is empty with its reason", () => {
    const rows = toTidyRows(computeShares(people(3), { by: ["gender"], within: ["gender"] }));
    expect(rows[0]).toMatchObject({ gender: "female", count: 3, denominator: 3, share: 1, share_upper: 1, share_status: "computed" });
    expect(rows[1]).toEqual({ gender: "male", count: 0, denominator: 0, share: null, share_lower: null, share_upper: null, share_status: "empty_group" });
  });
  it("a protected table becomes one row per cell and margin; suppressed cells are null with the reason", () => {
    const t = protectTable({ rowDimension: "gender", columnDimension: "territoryKind", rows: ["female", "male"], columns: ["qpv", "zrr"], counts: [[4, 30], [25, 40]] }, { reasons: "detailed" });
    const rows = toTidyRows(t);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({ gender: "female", territoryKind: "qpv", value: null, status: "suppressed", reason: "primary_small_count" });
    expect(rows[8]).toEqual({ gender: "total", territoryKind: "total", value: 99, status: "published", reason: null });
  });
  it("flattens a report's protected counts into value, status and reason: a hidden count is empty, never zero", () => {
    const report = computeDiversityReport([...people(30), ...people(4, { gender: "male" })], { dimensions: ["gender"] });
    const rows = toTidyRows(report.shares.gender ?? []);
    expect(rows[0]).toMatchObject({ gender: "female", count: null, count_status: "suppressed", count_reason: "secret_statistique", share: null, share_status: "secret_statistique" });
    expect(rows[2]).toMatchObject({ gender: "other", count: 0, count_status: "published", count_reason: null });
  });
  it("property: every flat value is a primitive or null, never NaN", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (a, b) => {
        const rows = toTidyRows(computeShares([...people(a), ...people(b, { gender: "male" })], { by: ["gender"] }));
        for (const row of rows)
          for (const v of Object.values(row)) {
            expect(v === null || ["string", "number", "boolean"].includes(typeof v)).toBe(true);
            if (typeof v === "number") expect(Number.isNaN(v)).toBe(false);
          }
      }),
      { numRuns: 30 },
    );
  });
});
