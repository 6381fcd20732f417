/**
 * Benchmark of declics/diversity: a full report (shares by 4 dimensions with intervals, funnels, parity
 * with the four-fifths rule, ten protected tables: six two-way, four by highest stage, every figure of the
 * report consistent with them) over 1,000,000 synthetic participants, against a
 * naive object-per-group implementation of the same report measured in the same run.
 *
 *   npx tsx bench/diversity/run.ts [records=1000000]
 *   node --expose-gc --import tsx bench/diversity/run.ts   (heap figures after a GC)
 */
import { createSeededRandom } from "../../src/_lib/random.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeDiversityReport, parseParticipantRecords, type ParticipantRecord } from "../../src/diversity/index.js";

const N = Number(process.argv[2] ?? 1_000_000);
const REFERENCE_DATE = "2021-01-01";
const DIMENSIONS = ["gender", "ageBand", "territoryKind", "diplomaLevel"] as const;
const STAGES = ["registered", "assessed", "workshops", "met_training_or_employers", "entered_training", "hired"];
const gc = (globalThis as { gc?: () => void }).gc;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The naive way, written as one would without thinking about memory layout: one pass, an object per group
 * (Map with string keys) for each dimension, Date objects for ages, stage names looked up with indexOf,
 * string-keyed objects for the two-way tables. It computes the same counts; intervals are then derived
 * per group as declics does.
 */
function naiveReport(records: readonly ParticipantRecord[]) {
  const reference = new Date(`${REFERENCE_DATE}T00:00:00Z`);
  const bandOf = (r: ParticipantRecord): string => {
    if (r.ageBand) return r.ageBand;
    const birth = new Date(`${r.birthDate}T00:00:00Z`);
    let age = reference.getUTCFullYear() - birth.getUTCFullYear();
    if (
      reference.getUTCMonth() < birth.getUTCMonth() ||
      (reference.getUTCMonth() === birth.getUTCMonth() && reference.getUTCDate() < birth.getUTCDate())
    )
      age--;
    return age < 26 ? "under_26" : age < 50 ? "26_49" : "50_plus";
  };
  const wilson = (x: number, n: number) => {
    const z = 1.959963984540054;
    const p = x / n;
    const d = 1 + (z * z) / n;
    const c = (p + (z * z) / (2 * n)) / d;
    const h = (z / d) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    return { value: p, lower: c - h, upper: c + h };
  };
  const groups = DIMENSIONS.map(() => new Map<string, { count: number; reached: number[] }>());
  const tables: Record<string, number>[] = [];
  for (let a = 0; a < DIMENSIONS.length; a++) for (let b = a + 1; b < DIMENSIONS.length; b++) tables.push({});
  for (const r of records) {
    const values = DIMENSIONS.map((d) =>
      d === "ageBand" ? bandOf(r) : ((r[d] as string | undefined) ?? "not_stated"),
    );
    const top = Math.max(-1, ...r.stages.map((e) => STAGES.indexOf(e.stage)));
    values.forEach((v, d) => {
      const map = groups[d] as Map<string, { count: number; reached: number[] }>;
      let g = map.get(v);
      if (!g) {
        g = { count: 0, reached: STAGES.map(() => 0) };
        map.set(v, g);
      }
      g.count++;
      for (let s = 0; s <= top; s++) (g.reached[s] as number)++;
    });
    let t = 0;
    for (let a = 0; a < DIMENSIONS.length; a++) {
      for (let b = a + 1; b < DIMENSIONS.length; b++) {
        const key = `${values[a]}|${values[b]}`;
        const table = tables[t++] as Record<string, number>;
        table[key] = (table[key] ?? 0) + 1;
      }
    }
  }
  const out: Record<string, unknown> = {};
  DIMENSIONS.forEach((d, i) => {
    const map = groups[i] as Map<string, { count: number; reached: number[] }>;
    out[d] = {
      shares: [...map].map(([k, g]) => ({ [d]: k, count: g.count, share: wilson(g.count, records.length) })),
      funnels: [...map].map(([k, g]) => ({
        [d]: k,
        conversions: g.reached.map((x, s) => (s === 0 ? null : wilson(x, g.reached[s - 1] as number))),
      })),
    };
  });
  out.tables = tables;
  return out;
}

function time<T>(label: string, runs: number, fn: () => T): { median: number; result: T } {
  let result = fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = process.hrtime.bigint();
    result = fn();
    times.push(ms(t));
  }
  const m = median(times);
  process.stdout.write(
    `${label.padEnd(48)} median ${m.toFixed(0).padStart(6)} ms  (runs: ${times.map((x) => x.toFixed(0)).join(", ")})\n`,
  );
  return { median: m, result };
}

process.stdout.write(
  `declics/diversity benchmark — ${N.toLocaleString("en")} synthetic participants, 4 dimensions (${DIMENSIONS.join(", ")}), Node ${process.version}\n`,
);
let t = process.hrtime.bigint();
const records = syntheticParticipants(N, createSeededRandom("bench-diversity"));
process.stdout.write(`generated in ${ms(t).toFixed(0)} ms (not timed below)\n`);
gc?.();
const heapBefore = process.memoryUsage().heapUsed;

const fast = time("declics computeDiversityReport", 5, () =>
  computeDiversityReport(records, { dimensions: [...DIMENSIONS], referenceDate: REFERENCE_DATE }),
);
const heapAfterFast = process.memoryUsage().heapUsed;
const dynamic = time("declics report by département and cohort", 5, () =>
  computeDiversityReport(records, {
    dimensions: ["gender", "territoryKind", "departement", "cohort"],
    referenceDate: REFERENCE_DATE,
  }),
);
function* iterate(): Generator<ParticipantRecord> {
  yield* records;
}
const streamed = time("declics report from a generator (iterable)", 3, () =>
  computeDiversityReport(iterate(), { dimensions: [...DIMENSIONS], referenceDate: REFERENCE_DATE }),
);
const naive = time("naive object-per-group report", 5, () => naiveReport(records));

// The two reports must agree before their speeds are compared.
const naiveGender = (naive.result.gender as { shares: { gender: string; count: number }[] }).shares;
for (const row of fast.result.shares.gender ?? []) {
  const other = naiveGender.find((r) => r.gender === row.gender)?.count ?? 0;
  // The report is publishable by default: a hidden count (secret statistique) has no value to compare.
  if (row.count.status === "published" && other !== row.count.value)
    throw new Error(`reports disagree on gender ${row.gender}: ${row.count.value} vs ${other}`);
}

const sample = records.slice(0, 100_000);
const json = JSON.parse(JSON.stringify(sample)) as unknown;
parseParticipantRecords(json); // warm-up
t = process.hrtime.bigint();
parseParticipantRecords(json);
const parseMs = ms(t);

const usage = process.resourceUsage();
process.stdout.write("\n");
process.stdout.write(
  `full report, 1 pass + derived metrics: ${fast.median.toFixed(0)} ms (target < 1000 ms): ${fast.median < 1000 ? "met" : "NOT met"}\n`,
);
process.stdout.write(`speed-up over the naive approach:     ${(naive.median / fast.median).toFixed(1)}x\n`);
process.stdout.write(
  `with dynamic dimensions (département, cohort): ${dynamic.median.toFixed(0)} ms; from a generator: ${streamed.median.toFixed(0)} ms\n`,
);
process.stdout.write(
  `throughput:                           ${(((N / fast.median) * 1000) / 1e6).toFixed(2)} M records/s\n`,
);
process.stdout.write(
  `zod validation (parseParticipantRecords) of 100,000 records: ${parseMs.toFixed(0)} ms` +
    ` (~${((parseMs * N) / 100_000 / 1000).toFixed(1)} s for ${N.toLocaleString("en")}; done` +
    ` once, at the boundary)\n`,
);
process.stdout.write(`peak RSS of the process (records included): ${mb(usage.maxRSS * 1024)}\n`);
process.stdout.write(
  gc
    ? `heap held by the declics report after a GC: ${mb(heapAfterFast - heapBefore)}\n`
    : "heap held by the report: run `node --expose-gc --import tsx bench/diversity/run.ts` to measure\n",
);
