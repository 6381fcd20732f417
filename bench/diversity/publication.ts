/**
 * How much a protected diversity report publishes, before and after the levers of issue #16, at 150,
 * 300, 1,000 and 5,000 synthetic participants (three seeded datasets each, 4 dimensions: gender, age
 * band, territory kind, diploma level). "Before": the protection of the previous release (interval of
 * 2 values, no priorities, no recoding). "After": the default protection interval of 3 values, the
 * default priorities (women, QPV, ZRR, FRR) and the recoding rules below, each applied only when it
 * publishes more. The protection is then checked by the test attacker (linear programming over the report
 * and its charts) for every "after" report up to 1,000 participants: no hidden count may span fewer than 3 values.
 *
 *   npx tsx bench/diversity/publication.ts [--no-attack]
 */
import { createSeededRandom } from "../../src/_lib/random.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { publicationCounts, type PartCounts } from "../../src/diversity/_publication-counts.js";
import {
  computeDiversityReport,
  type ComputeDiversityReportOptions,
  type DiversityReport,
} from "../../src/diversity/index.js";
import { chartsOf } from "../../test/support/charts-of.js";
import { reportAttack } from "../../test/support/disclosure-attack.js";

const SIZES = [150, 300, 1000, 5000];
const SEEDS = ["a", "b", "c"];
const attack = !process.argv.includes("--no-attack");
const common: ComputeDiversityReportOptions = {
  dimensions: ["gender", "ageBand", "territoryKind", "diplomaLevel"],
  referenceDate: "2021-01-01",
};
const before: ComputeDiversityReportOptions = { ...common, protectionInterval: 2, priorities: {} };
const RECODE: ComputeDiversityReportOptions["recode"] = [
  { dimension: "gender", into: "other_or_undisclosed", from: ["other", "undisclosed"] },
  { dimension: "territoryKind", into: "zrr_frr", from: ["zrr", "frr"] },
  { dimension: "ageBand", into: "26_plus", from: ["26_49", "50_plus"] },
  { dimension: "diplomaLevel", into: "niveau_6_plus", from: ["niveau_6", "niveau_7", "niveau_8"] },
  { dimension: "diplomaLevel", into: "infra_4", from: ["infra_3", "niveau_3"] },
];
const after: ComputeDiversityReportOptions = { ...common, recode: RECODE };
const priorityOnly: ComputeDiversityReportOptions = { ...common };

const pct = (p: PartCounts): string =>
  p.published + p.hidden === 0
    ? "  -  "
    : `${((100 * p.published) / (p.published + p.hidden)).toFixed(0).padStart(3)} %`;
const sum = (a: PartCounts, b: PartCounts): PartCounts => ({
  published: a.published + b.published,
  hidden: a.hidden + b.hidden,
});
const zero = (): PartCounts => ({ published: 0, hidden: 0 });

/** Whether the women's, QPV's and ZRR's (or merged ZRR/FRR's) hiring rates are published. */
function headline(report: DiversityReport): string {
  const rate = (d: "gender" | "territoryKind", c: string[]) =>
    report.parity[d]?.find((r) => c.includes(r.group))?.rate.computable === true;
  return [
    rate("gender", ["female"]) ? "F" : "-",
    rate("territoryKind", ["qpv"]) ? "Q" : "-",
    rate("territoryKind", ["zrr", "zrr_frr"]) ? "Z" : "-",
  ].join("");
}

process.stdout.write(
  "share of figures published (non-zero table counts | funnel counts | shares | parity rates | four-fifths verdicts | all), 3 datasets each\n",
);
process.stdout.write("headline: F women's rate, Q QPV's, Z ZRR's (or ZRR+FRR merged) published, per dataset\n\n");
for (const n of SIZES) {
  for (const [name, options] of [
    ["before", before],
    ["+interval 3, priorities", priorityOnly],
    ["after (+recoding)", after],
  ] as const) {
    const parts = {
      tableCounts: zero(),
      funnelCounts: zero(),
      shares: zero(),
      parityRates: zero(),
      fourFifths: zero(),
      all: zero(),
    };
    const heads: string[] = [];
    const applied = new Set<string>();
    let narrow = 0;
    let attacked = 0;
    for (const seed of SEEDS) {
      const report = computeDiversityReport(
        syntheticParticipants(n, createSeededRandom(`publication-${n}-${seed}`)),
        options,
      );
      const c = publicationCounts(report);
      parts.tableCounts = sum(parts.tableCounts, c.tableCounts);
      parts.funnelCounts = sum(parts.funnelCounts, c.funnelCounts);
      parts.shares = sum(parts.shares, c.shares);
      parts.parityRates = sum(parts.parityRates, c.parityRates);
      parts.fourFifths = sum(parts.fourFifths, c.fourFifths);
      parts.all = sum(parts.all, { published: c.published, hidden: c.hidden });
      heads.push(headline(report));
      for (const r of report.method.recoding) if (r.applied) applied.add(r.into);
      if (attack && options !== before && n <= 1000) {
        const a = reportAttack(report, { linearProgramming: true, charts: chartsOf(report).figures });
        narrow += [...a.intervals.values()].filter(([lo, hi]) => hi - lo + 1 < 3).length;
        attacked++;
      }
    }
    const check =
      attacked === 0
        ? ""
        : `  attacker: ${narrow === 0 ? "no count below 3 values" : `${narrow} counts below 3 values`} (${attacked} reports)`;
    process.stdout.write(
      `${String(n).padStart(5)}  ${name.padEnd(25)} ${pct(parts.tableCounts)} |` +
        ` ${pct(parts.funnelCounts)} | ${pct(parts.shares)} | ${pct(parts.parityRates)} |` +
        ` ${pct(parts.fourFifths)} | ${pct(parts.all)}  headline` +
        ` ${heads.join(" ")}${applied.size ? `  recoded: ${[...applied].join(", ")}` : ""}${check}\n`,
    );
  }
  process.stdout.write("\n");
}
