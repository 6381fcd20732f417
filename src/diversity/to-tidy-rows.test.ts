import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { people } from "../../test/support/make-participants.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeParity } from "./compute-parity.js";
import { formatCsv } from "./format-csv.js";
import { computeShares } from "./compute-shares.js";
import { protectTable } from "./protect-table.js";
import { toTidyRows } from "./to-tidy-rows.js";

describe("toTidyRows", () => {
  it("flattens metrics into value, bounds and status; not computable is empty with its reason", () => {
    const rows = toTidyRows(computeShares(people(3), { by: ["gender"], within: ["gender"] }));
    expect(rows[0]).toMatchObject({
      gender: "female",
      count: 3,
      denominator: 3,
      share: 1,
      share_upper: 1,
      share_status: "computed",
    });
    expect(rows[1]).toEqual({
      gender: "male",
      count: 0,
      denominator: 0,
      share: null,
      share_lower: null,
      share_upper: null,
      share_status: "not_computable",
      share_reason: "empty_group",
    });
  });
  it("a protected table becomes one row per cell and margin; suppressed cells are null with the reason", () => {
    const t = protectTable(
      {
        rowDimension: "gender",
        columnDimension: "territoryKind",
        rows: ["female", "male"],
        columns: ["qpv", "zrr"],
        counts: [
          [4, 30],
          [25, 40],
        ],
      },
      { reasons: "detailed" },
    );
    const rows = toTidyRows(t);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({
      gender: "female",
      territoryKind: "qpv",
      value: null,
      status: "suppressed",
      reason: "primary_small_count",
    });
    expect(rows[8]).toEqual({ gender: "total", territoryKind: "total", value: 99, status: "published", reason: null });
  });
  it("flattens a report's protected counts into value, status and reason: a hidden count is empty, never zero", () => {
    const report = computeDiversityReport([...people(30), ...people(4, { gender: "male" })], {
      dimensions: ["gender"],
    });
    const rows = toTidyRows(report.shares.gender ?? []);
    expect(rows[1]).toMatchObject({
      gender: "male",
      count: null,
      count_status: "suppressed",
      count_reason: "secret_statistique",
      share: null,
      share_status: "not_computable",
      share_reason: "secret_statistique",
    });
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
  it("regression: fourFifths_status meant a verdict in one row and a hidden reason in another; each column now means one thing", () => {
    const records = [
      ...people(100, { upTo: "hired" }),
      ...people(100, { gender: "male", upTo: "registered" }),
      ...people(60, { gender: "male", upTo: "hired" }),
      ...people(5, { gender: "other", upTo: "hired" }),
    ];
    const exact = new Map(toTidyRows(computeParity(records, { by: "gender" })).map((r) => [r.group, r]));
    expect(exact.get("female")).toMatchObject({
      fourFifths: "reference_group",
      fourFifths_status: "computed",
      fourFifths_reason: null,
    });
    expect(exact.get("male")).toMatchObject({
      fourFifths: "flagged",
      fourFifths_threshold: 0.8,
      fourFifths_status: "computed",
      fourFifths_reason: null,
    });
    expect(exact.get("undisclosed")).toMatchObject({
      fourFifths: null,
      fourFifths_status: "not_computable",
      fourFifths_reason: "empty_group",
    });
    const hidden = toTidyRows(computeDiversityReport(records, { dimensions: ["gender"] }).parity.gender ?? []).find(
      (r) => r.group === "other",
    );
    expect(hidden).toMatchObject({
      fourFifths: null,
      fourFifths_status: "not_computable",
      fourFifths_reason: "secret_statistique",
    });
    const csv = formatCsv(computeParity(records, { by: "gender" }));
    expect(csv.split("\r\n")[0]).toContain("fourFifths,fourFifths_threshold");
  });

  it("property: every _status column of a metric holds computed or not_computable, and every row has the same columns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (a, b, c) => {
          const records = [
            ...people(a, { upTo: "hired" }),
            ...people(b, { gender: "male", upTo: "assessed" }),
            ...people(c, { gender: "other", upTo: "hired" }),
          ];
          const rows = toTidyRows(computeParity(records, { by: "gender" }));
          const keys = Object.keys(rows[0] ?? {}).sort();
          for (const row of rows) {
            expect(Object.keys(row).sort()).toEqual(keys);
            for (const k of ["rate", "ratio", "difference", "fourFifths"])
              expect(["computed", "not_computable"]).toContain(row[`${k}_status`]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
