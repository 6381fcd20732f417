/**
 * The attacker of the whole publication: the report, its CSV and every chart drawn from it, read
 * together. The charts are read as a reader reads them (numbers written on the SVG, bar lengths), not
 * from the data they were drawn from.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../src/_lib/random.js";
import { syntheticParticipants } from "../support/synthetic-participants.js";
import { people } from "../support/make-participants.js";
import { computeDiversityReport, formatCsv, type DiversityReport, type Dimension } from "../../src/diversity/index.js";
import { chartsOf } from "../support/charts-of.js";
import { reportFromCsv } from "../support/csv-publication.js";
import { reportAttack } from "../support/disclosure-attack.js";

const reference = {
  id: "qpv",
  label: "QPV",
  source: "test",
  shares: { gender: { female: 0.516, male: 0.484 }, territoryKind: { qpv: 0.8, zrr: 0.1, other: 0.1 } },
};

/** The published value of every funnel count and margin of the report, by the attacker's keys. */
function publishedCounts(report: DiversityReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const [d, f] of Object.entries(report.funnels)) {
    for (const row of f.rows)
      if (row.reached.status === "published")
        out.set(`reached:${d}=${row[d as Dimension]}:${row.stage}`, row.reached.value);
  }
  return out;
}

const sizes = [150, 300, 1000];

describe("the whole publication (report, CSV, charts) against the attacker", () => {
  for (const n of sizes) {
    it(`${n} participants: every count a chart shows is one the report publishes, and linear programming over everything recovers nothing`, () => {
      const records = syntheticParticipants(n, createSeededRandom(`charts-${n}`));
      const dimensions: Dimension[] = ["gender", "territoryKind", "ageBand"];
      const report = computeDiversityReport(records, {
        dimensions,
        referenceDate: "2021-01-01",
        representation: { dimension: "gender", reference },
      });
      const { svgs, figures } = chartsOf(report);
      const counts = publishedCounts(report);
      for (const f of figures) if (f.kind === "count") expect(counts.get(f.key), f.key).toBe(f.value);
      expect(figures.length).toBeGreaterThan(20);
      for (const svg of svgs) expect(svg).not.toContain("[object Object]");
      // The CSV of every part of the report holds the same figures (a CSV reader gets nothing more).
      const csv = [
        ...report.tables.map((t) => formatCsv(t)),
        ...Object.values(report.shares).map((rows) => formatCsv(rows)),
        ...Object.values(report.funnels).map((f) => formatCsv(f.rows)),
      ].join("");
      expect(csv).not.toContain("NaN");
      // Read from the report object, and from its CSV files alone, with the charts.
      for (const published of [report, reportFromCsv(report)]) {
        const attack = reportAttack(published, { linearProgramming: true, charts: figures });
        expect(attack.recovered).toEqual(new Map());
        // The stated protection interval (default 3): no hidden count is pinned to fewer than 3 values.
        expect(attack.intervals.size).toBeGreaterThan(0);
        expect([...attack.intervals].filter(([, [lo, hi]]) => hi - lo + 1 < 3)).toEqual([]);
      }
    });
  }

  it(
    "regression: protection was only +/-1 (some hidden counts pinned to two values, 'other' x" +
      " territory 1 or 2); by default every hidden count spans at least 3 values",
    () => {
      const records = syntheticParticipants(300, createSeededRandom("x-300-0"));
      const options = {
        dimensions: ["gender", "territoryKind", "ageBand"] as Dimension[],
        referenceDate: "2021-01-01",
      };
      const narrow = (report: DiversityReport) =>
        [...reportAttack(report, { linearProgramming: true, charts: chartsOf(report).figures }).intervals].filter(
          ([, [lo, hi]]) => hi - lo + 1 < 3,
        );
      // The old guarantee, still available as protectionInterval 2: some counts are pinned to two values.
      expect(narrow(computeDiversityReport(records, { ...options, protectionInterval: 2 })).length).toBeGreaterThan(0);
      expect(narrow(computeDiversityReport(records, options))).toEqual([]);
    },
  );

  it("property: on random small programmes, linear programming over the report and its charts never pins a hidden count below the protection interval", () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 0, max: 100_000 }),
          n: fc.integer({ min: 20, max: 400 }),
          threshold: fc.integer({ min: 3, max: 15 }),
          interval: fc.integer({ min: 2, max: 5 }),
          dimensions: fc.subarray(["gender", "territoryKind", "ageBand", "diplomaLevel"] as Dimension[], {
            minLength: 1,
            maxLength: 3,
          }),
        }),
        ({ seed, n, threshold, interval, dimensions }) => {
          const records = syntheticParticipants(n, createSeededRandom(seed));
          const report = computeDiversityReport(records, {
            dimensions,
            threshold,
            protectionInterval: interval,
            referenceDate: "2021-01-01",
          });
          const attack = reportAttack(report, { linearProgramming: true, charts: chartsOf(report).figures });
          for (const [key, [lo, hi]] of attack.intervals) expect(hi - lo + 1, key).toBeGreaterThanOrEqual(interval);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("regression: the impact-ratio chart gave back the counts of a hidden group with the highest rate; the report's ratios are to a published group", () => {
    // "other": 8 people, 6 hired (the highest rate, hidden); women and men large.
    const records = [
      ...people(120, { gender: "female", upTo: "assessed" }),
      ...people(30, { gender: "female", upTo: "hired" }),
      ...people(100, { gender: "male", upTo: "assessed" }),
      ...people(50, { gender: "male", upTo: "hired" }),
      ...people(2, { gender: "other", upTo: "assessed" }),
      ...people(6, { gender: "other", upTo: "hired" }),
    ];
    const report = computeDiversityReport(records, { dimensions: ["gender", "territoryKind"] });
    const rows = report.parity.gender ?? [];
    expect(rows.find((r) => r.group === "other")?.rate).toMatchObject({
      computable: false,
      reason: "secret_statistique",
    });
    expect(rows.every((r) => r.referenceGroup !== "other")).toBe(true);
    const { figures } = chartsOf(report);
    const attack = reportAttack(report, { linearProgramming: true, charts: figures });
    expect(attack.recovered).toEqual(new Map());
  });

  it("regression: the shares chart mixed two territories of 50 people as one whole; from the report, a hidden 5 stays hidden", () => {
    const records = [
      ...people(45, { gender: "female", territoryKind: "qpv" }),
      ...people(5, { gender: "male", territoryKind: "qpv" }),
      ...people(50, { gender: "male", territoryKind: "zrr" }),
      ...people(60, { gender: "female", territoryKind: "other" }),
      ...people(40, { gender: "male", territoryKind: "other" }),
    ];
    const report = computeDiversityReport(records, { dimensions: ["gender", "territoryKind"] });
    const { figures } = chartsOf(report);
    // The men of the QPV (5) are a hidden cell; no chart shows a count or share that gives it.
    expect(figures.some((f) => f.kind === "count" && f.value === 5)).toBe(false);
    expect(reportAttack(report, { linearProgramming: true, charts: figures }).recovered).toEqual(new Map());
  });
});
