import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chartsOf } from "../../test/support/charts-of.js";
import { reportAttack } from "../../test/support/disclosure-attack.js";
import { isDeclicsError } from "../errors.js";
import { createSeededRandom } from "../_lib/random.js";
import { publicationCounts } from "./_publication-counts.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeDiversityReport, type ComputeDiversityReportOptions } from "./compute-diversity-report.js";
import { formatProtectionNote } from "./format-protection-note.js";

const common: ComputeDiversityReportOptions = {
  dimensions: ["gender", "ageBand", "territoryKind", "diplomaLevel"],
  referenceDate: "2021-01-01",
};
const records = (n: number, seed: string) => syntheticParticipants(n, createSeededRandom(`publication-${n}-${seed}`));
const narrow = (report: ReturnType<typeof computeDiversityReport>) =>
  [...reportAttack(report, { linearProgramming: true, charts: chartsOf(report).figures }).intervals].filter(
    ([, [lo, hi]]) => hi - lo + 1 < report.method.protectionInterval,
  );

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("priorities: the headline rates are protected last", () => {
  it("regression: at 1,000 participants the women's rate was hidden because their cells were the cheapest complements", () => {
    const people = records(1000, "a");
    const female = (o: ComputeDiversityReportOptions) =>
      computeDiversityReport(people, { ...common, ...o }).parity.gender?.find((r) => r.group === "female");
    expect(female({ priorities: {} })?.rate).toMatchObject({ computable: false, reason: "secret_statistique" });
    const report = computeDiversityReport(people, common);
    expect(report.parity.gender?.find((r) => r.group === "female")?.rate.computable).toBe(true);
    expect(report.method.priorities).toEqual({ gender: { female: 10 }, territoryKind: { qpv: 10, zrr: 10, frr: 10 } });
    expect(narrow(report)).toEqual([]);
  });

  it("a priority per dimension weighs every category of it", () => {
    const report = computeDiversityReport(records(300, "b"), { ...common, priorities: { ageBand: 5 } });
    expect(report.method.priorities).toEqual({ ageBand: 5 });
    expect(
      caught(() => computeDiversityReport(records(50, "b"), { ...common, priorities: { ageBand: -1 } })),
    ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
  });
});

describe("recoding before suppression, by a declared rule", () => {
  const rule = { dimension: "gender" as const, into: "other_or_undisclosed", from: ["other", "undisclosed"] };

  it("merges small categories when that publishes more, says so, and stays protected", () => {
    const people = records(300, "a");
    const plain = computeDiversityReport(people, common);
    const report = computeDiversityReport(people, { ...common, recode: [rule] });
    expect(report.method.recoding).toEqual([
      {
        ...rule,
        applied: true,
        publishedWithout: publicationCounts(plain).published,
        publishedWith: publicationCounts(report).published,
      },
    ]);
    expect(publicationCounts(report).published).toBeGreaterThan(publicationCounts(plain).published);
    expect(report.shares.gender?.map((r) => r.gender)).toEqual(["female", "male", "other_or_undisclosed"]);
    const merged = report.shares.gender?.find((r) => r.gender === "other_or_undisclosed");
    const exact = computeDiversityReport(people, { ...common, protection: "none" }).shares.gender ?? [];
    const sum = exact
      .filter((r) => rule.from.includes(r.gender ?? ""))
      .reduce((s, r) => s + (r.count.status === "published" ? r.count.value : 0), 0);
    if (merged?.count.status === "published") expect(merged.count.value).toBe(sum);
    expect(report.tables.find((t) => t.rowDimension === "gender" && t.columnDimension === "stage")?.rows).toEqual([
      "female",
      "male",
      "other_or_undisclosed",
    ]);
    expect(narrow(report)).toEqual([]);
  });

  it("leaves a rule unapplied when it publishes nothing more, and applies it anyway with when: always", () => {
    const people = records(5000, "a");
    const report = computeDiversityReport(people, {
      ...common,
      recode: [{ dimension: "ageBand", into: "26_plus", from: ["26_49", "50_plus"] }],
    });
    expect(report.method.recoding[0]?.applied).toBe(false);
    expect(report.shares.ageBand?.map((r) => r.ageBand)).toEqual(["under_26", "26_49", "50_plus"]);
    const forced = computeDiversityReport(people, {
      ...common,
      recode: [{ dimension: "ageBand", into: "26_plus", from: ["26_49", "50_plus"], when: "always" }],
    });
    expect(forced.method.recoding[0]?.applied).toBe(true);
    expect(forced.shares.ageBand?.map((r) => r.ageBand)).toEqual(["under_26", "26_plus"]);
  });

  it("refuses a rule naming an unknown category, a single category, or the stage dimension", () => {
    const people = records(150, "a");
    expect(
      caught(() =>
        computeDiversityReport(people, {
          ...common,
          recode: [{ dimension: "gender", into: "x", from: ["female", "femme"] }],
        }),
      ),
    ).toSatisfy((e) => isDeclicsError(e, "invalid_option"));
    expect(
      caught(() =>
        computeDiversityReport(people, { ...common, recode: [{ dimension: "gender", into: "x", from: ["female"] }] }),
      ),
    ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
    expect(
      caught(() =>
        computeDiversityReport(people, {
          ...common,
          recode: [{ dimension: "stage" as "gender", into: "x", from: ["hired", "assessed"] }],
        }),
      ),
    ).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
    expect(
      caught(() =>
        computeDiversityReport(people, {
          ...common,
          recode: [{ dimension: "gender", into: "male", from: ["other", "undisclosed"] }],
        }),
      ),
    ).toSatisfy((e) => isDeclicsError(e, "invalid_option"));
  });

  it("merges the reference population's shares with the categories", () => {
    const reference = {
      id: "qpv",
      label: "QPV",
      source: "test",
      shares: { gender: { female: 0.5, male: 0.45, other: 0.03, undisclosed: 0.02 } },
    };
    const report = computeDiversityReport(records(300, "a"), {
      ...common,
      representation: { dimension: "gender", reference },
      recode: [{ ...rule, when: "always" }],
    });
    expect(report.representation?.find((r) => r.category === "other_or_undisclosed")?.referenceShare).toBeCloseTo(
      0.05,
      12,
    );
  });
});

describe("formatProtectionNote", () => {
  it("says in French what was hidden and why, the recoding and the priorities", () => {
    const report = computeDiversityReport(records(300, "a"), {
      ...common,
      recode: [{ dimension: "gender", into: "other_or_undisclosed", from: ["other", "undisclosed"] }],
    });
    const note = formatProtectionNote(report);
    expect(note.split("\n")[0]).toBe("Note méthodologique : secret statistique");
    expect(note).toContain("tout effectif compris entre 1 et 10 personnes est masqué");
    expect(note).toContain("au moins 3 valeurs entières");
    expect(note).toContain("Regroupement appliqué, genre : other, undisclosed regroupés en « other_or_undisclosed »");
    expect(note).toContain("genre = female (poids 10)");
    expect(note).toContain("genre × tranche d'âge : ");
    const c = publicationCounts(report);
    expect(note).toContain(
      `effectifs des tableaux croisés : ${c.tableCounts.hidden} sur ${c.tableCounts.hidden + c.tableCounts.published}`,
    );
  });

  it("warns that an unprotected report must not be published, and refuses what is not a report", () => {
    expect(
      formatProtectionNote(computeDiversityReport(records(150, "a"), { ...common, protection: "none" })),
    ).toContain("NE DOIT PAS être publié");
    expect(caught(() => formatProtectionNote({} as never))).toSatisfy((e) => isDeclicsError(e, "invalid_input"));
  });

  it("property: the note's count of hidden entries per table is the table's own, and every published share or rate is in [0, 1]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const report = computeDiversityReport(syntheticParticipants(n, createSeededRandom(seed)), {
          dimensions: ["gender", "territoryKind"],
        });
        const note = formatProtectionNote(report);
        for (const t of report.tables) expect(note).toContain(` : ${t.suppressed.total} masqué`);
        expect(note.includes("NE DOIT PAS")).toBe(false);
        // Shares and rates stay in [0, 1], intervals around them.
        const metrics = [
          ...Object.values(report.shares).flatMap((rows) => rows.map((r) => r.share)),
          ...Object.values(report.parity).flatMap((rows) => rows.map((r) => r.rate)),
        ];
        for (const m of metrics) {
          if (!m.computable) continue;
          expect(m.value).toBeGreaterThanOrEqual(0);
          expect(m.value).toBeLessThanOrEqual(1);
          expect(m.lower).toBeLessThanOrEqual(m.value);
          expect(m.upper).toBeGreaterThanOrEqual(m.value);
        }
      }),
      { numRuns: 20 },
    );
  });
});
