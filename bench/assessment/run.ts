/**
 * Assessment benchmark: 10,000 simulated examinees x 30 items on a 500-item 2PL bank, three designs
 * (adaptive, fixed form, random items), with a naive adaptive implementation measured in the same run.
 *
 *   npx tsx bench/assessment/run.ts [examinees]
 */
import { performance } from "node:perf_hooks";
import {
  computeInformation,
  createSimulatedBank,
  type ItemBank,
  simulateAssessment,
  type SimulationResult,
} from "../../src/assessment/index.js";
import { createSeededRandom } from "../../src/_lib/random.js";

const EXAMINEES = Number(process.argv[2] ?? 10_000);
const LENGTH = 30;
const bank = createSimulatedBank({ seed: "bench", items: 500, model: "2pl" });

/** Fixed form: 30 items, content-balanced round robin, each the most informative over the N(0, 1) population. */
function assembleFixedForm(b: ItemBank, length: number): string[] {
  const nodes = Array.from({ length: 41 }, (_, i) => -4 + i * 0.2);
  const weights = nodes.map((t) => Math.exp(-0.5 * t * t));
  const expected = new Map(
    b.items.map((it) => [
      it.id as string,
      nodes.reduce((s, t, i) => s + weights[i]! * computeInformation(it.irt, t), 0),
    ]),
  );
  const byCompetence = new Map<string, string[]>();
  for (const it of b.items) byCompetence.set(it.competence, [...(byCompetence.get(it.competence) ?? []), it.id]);
  for (const list of byCompetence.values()) list.sort((x, y) => expected.get(y)! - expected.get(x)!);
  const form: string[] = [];
  const lists = [...byCompetence.values()];
  for (let round = 0; form.length < length; round++)
    for (const list of lists) if (form.length < length && list[round]) form.push(list[round]!);
  return form;
}

/** A straightforward CAT loop as often written: objects, exp() for every item at every step, posterior from scratch. */
function naiveAdaptive(b: ItemBank, examinees: number, length: number, seed: string): { rmse: number } {
  const random = createSeededRandom(seed);
  const nodes = Array.from({ length: 81 }, (_, i) => -4 + i * 0.1);
  const p = (it: { a: number; b: number; c: number }, t: number): number =>
    it.c + (1 - it.c) / (1 + Math.exp(-it.a * (t - it.b)));
  const information = (it: { a: number; b: number; c: number }, t: number): number => {
    const q = p(it, t);
    const r = (q - it.c) / (1 - it.c);
    return (it.a * it.a * (1 - q) * r * r) / q;
  };
  let sq = 0;
  for (let e = 0; e < examinees; e++) {
    const theta = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const answered: { irt: { a: number; b: number; c: number }; x: boolean }[] = [];
    const used = new Set<string>();
    let est = 0;
    for (let step = 0; step < length; step++) {
      let best = null as null | (typeof b.items)[number];
      let bestInfo = -1;
      for (const it of b.items) {
        if (used.has(it.id)) continue;
        const info = information(it.irt, est);
        if (info > bestInfo) {
          bestInfo = info;
          best = it;
        }
      }
      used.add(best!.id);
      answered.push({ irt: best!.irt, x: random() < p(best!.irt, theta) });
      let s0 = 0;
      let s1 = 0;
      for (const t of nodes) {
        let l = Math.exp(-0.5 * t * t);
        for (const r of answered) l *= r.x ? p(r.irt, t) : 1 - p(r.irt, t);
        s0 += l;
        s1 += l * t;
      }
      est = s1 / s0;
    }
    sq += (est - theta) ** 2;
  }
  return { rmse: Math.sqrt(sq / examinees) };
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, (performance.now() - t0) / 1000];
}

const form = assembleFixedForm(bank, LENGTH);
// Simulations share the session defaults (stop at SE <= 0.3); the fixed-length comparisons turn the stop off.
const FULL_LENGTH = { seThreshold: null };
// Warm-up on a few examinees so that the timings measure the steady state (tables are built per bank).
for (const kind of ["adaptive", "random"] as const)
  simulateAssessment(bank, { seed: "warm", design: { kind }, examinees: 200, length: LENGTH, session: FULL_LENGTH });

const runs: [string, SimulationResult, number][] = [];
const [adaptive, ta] = timed(() =>
  simulateAssessment(bank, {
    seed: "bench",
    design: { kind: "adaptive" },
    examinees: EXAMINEES,
    length: LENGTH,
    session: FULL_LENGTH,
  }),
);
runs.push(["adaptive", adaptive, ta]);
const [fixed, tf] = timed(() =>
  simulateAssessment(bank, {
    seed: "bench",
    design: { kind: "fixed", itemIds: form },
    examinees: EXAMINEES,
    length: LENGTH,
  }),
);
runs.push(["fixed form", fixed, tf]);
const [random, tr] = timed(() =>
  simulateAssessment(bank, { seed: "bench", design: { kind: "random" }, examinees: EXAMINEES, length: LENGTH }),
);
runs.push(["random", random, tr]);
const total = ta + tf + tr;

const [variable, tv] = timed(() =>
  simulateAssessment(bank, {
    seed: "bench",
    design: { kind: "adaptive" },
    examinees: EXAMINEES,
    length: 80,
    session: { seThreshold: 0.3, minItems: 1 },
  }),
);

const [pure, tp] = timed(() =>
  simulateAssessment(bank, {
    seed: "bench",
    design: { kind: "adaptive" },
    examinees: EXAMINEES,
    length: LENGTH,
    session: { ...FULL_LENGTH, contentBalancing: false, exposure: { method: "randomesque", k: 1 } },
  }),
);

const naiveN = Math.max(100, Math.round(EXAMINEES / 10));
const [naive, tn] = timed(() => naiveAdaptive(bank, naiveN, LENGTH, "naive"));

const f3 = (x: number): string => x.toFixed(3);
const rate = (n: number, t: number): string => Math.round(n / t).toLocaleString("en-US");
console.log(
  `declics assessment bench: ${EXAMINEES.toLocaleString("en-US")} examinees x ${LENGTH} items, 500-item 2PL bank, EAP on 81 points, N(0, 1) population`,
);
console.log("");
console.log(
  "design       time (s)  examinees/s    RMSE   mean SE  bias    mean length  SE<=0.3 reached at (mean, share)",
);
for (const [name, r, t] of runs) {
  const reach =
    r.meanLengthToSeTarget === null
      ? "never"
      : `${r.meanLengthToSeTarget.toFixed(1)} items, ${(100 * r.shareReachingSeTarget).toFixed(1)} %`;
  console.log(
    `${name.padEnd(12)} ${t.toFixed(3).padStart(8)}  ${rate(EXAMINEES, t).padStart(11)} ` +
      ` ${f3(r.rmse)}   ${f3(r.meanSe)}  ${r.bias.toFixed(3).padStart(6)} ` +
      ` ${r.meanLength.toFixed(1).padStart(11)}  ${reach}`,
  );
}
console.log(`total (3 designs): ${total.toFixed(3)} s  (target < 2 s)`);
console.log("");
console.log(
  `variable-length adaptive (stop at SE <= 0.3, at most 80 items): mean length ${variable.meanLength.toFixed(2)} items, ` +
    `RMSE ${f3(variable.rmse)}, ${(100 * variable.shareReachingSeTarget).toFixed(1)} % reach SE <= 0.3, ${tv.toFixed(3)} s`,
);
console.log(
  `adaptive by maximum information only (no content balancing, no exposure control): RMSE ${f3(pure.rmse)}, mean SE ${f3(pure.meanSe)}, ` +
    `SE <= 0.3 reached at ${pure.meanLengthToSeTarget?.toFixed(1) ?? "never"} items by` +
    ` ${(100 * pure.shareReachingSeTarget).toFixed(1)} %, max exposure` +
    ` ${f3(Math.max(...Object.values(pure.exposure)))}, ${tp.toFixed(3)} s`,
);
console.log("");
console.log("ratios");
console.log(
  `  RMSE fixed / adaptive:  ${(fixed.rmse / adaptive.rmse).toFixed(2)}   RMSE random / adaptive: ${(random.rmse / adaptive.rmse).toFixed(2)}`,
);
console.log(
  `  test length needed for SE <= 0.3 vs fixed 30 items: adaptive uses ${((100 * variable.meanLength) / LENGTH).toFixed(0)} % of the items`,
);
const maxExposure = Math.max(...Object.values(adaptive.exposure));
const unused = Object.values(adaptive.exposure).filter((v) => v === 0).length;
console.log(`  adaptive exposure: max item exposure rate ${f3(maxExposure)}, items never used ${unused} / 500`);
console.log(
  `  RMSE cost of content balancing + exposure control: adaptive / max-information-only = ${(adaptive.rmse / pure.rmse).toFixed(2)}`,
);
console.log(
  `  speed vs a naive max-information loop (objects, exp() per item per step, posterior from scratch; ${naiveN} examinees, RMSE ${f3(naive.rmse)}):`,
);
console.log(
  `    naive ${rate(naiveN, tn)} examinees/s, declics max-information ${rate(EXAMINEES, tp)} examinees/s -> x${(EXAMINEES / tp / (naiveN / tn)).toFixed(1)}`,
);
