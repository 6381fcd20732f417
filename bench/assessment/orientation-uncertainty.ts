/**
 * Orientation under uncertainty (issue #14 part 1): how often a candidate below a job family's required
 * level is shown "ready", and how often a truly ready one is recognised, with the starter bank and the
 * session defaults, against the rules that ignore the SE.
 *
 *   npx tsx bench/assessment/orientation-uncertainty.ts [examinees] [sessions]
 *
 * 1. A population N(0, 1) through simulateAssessment (the session engine and defaults), oriented from
 *    the overall ability and SE with readiness 0.8 and 0.9 (default), versus the point estimate's level.
 * 2. Candidates at true level 2 through real sessions (startAdaptiveSession ... computeSessionResult),
 *    oriented from result.profile, versus the old reading of per-competence levels (the 75 %).
 */
import { performance } from "node:perf_hooks";
import { createSeededRandom } from "../../src/_lib/random.js";
import {
  answerItem,
  computeProbability,
  computeSessionResult,
  DEFAULT_FRAMEWORK,
  DEFAULT_ORIENTATION_RULES,
  recommendOrientation,
  selectNextItem,
  simulateAssessment,
  STARTER_BANK,
  startAdaptiveSession,
} from "../../src/assessment/index.js";

const EXAMINEES = Number(process.argv[2] ?? 10_000);
const SESSIONS = Number(process.argv[3] ?? 200);
const cuts = DEFAULT_FRAMEWORK.levelCuts;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const levelOf = (theta: number): number => 1 + cuts.filter((c) => theta >= c).length;

process.stdout.write(
  `Orientation under uncertainty — starter bank (${STARTER_BANK.items.length} items), session defaults\n\n`,
);
const t0 = performance.now();
const sim = simulateAssessment(STARTER_BANK, {
  seed: "orientation-bench",
  design: { kind: "adaptive" },
  examinees: EXAMINEES,
});
const tSim = performance.now() - t0;
process.stdout.write(
  `${EXAMINEES} candidates ~ N(0, 1): mean length ${sim.meanLength.toFixed(1)} items, mean SE ${sim.meanSe.toFixed(3)}, RMSE ${sim.rmse.toFixed(3)}, ` +
    `SE <= 0.3 reached by ${pct(sim.shareReachingSeTarget)} (${(tSim / 1000).toFixed(2)} s)\n\n`,
);

type Rule = { name: string; ready: (theta: number, se: number, required: number) => boolean };
const families = DEFAULT_ORIENTATION_RULES.jobFamilies.map((f) => ({
  id: f.id,
  required: Math.max(...f.requirements.map((r) => r.level)),
}));
const statusCache = new Map<number, Map<string, string>>();
const t1 = performance.now();
const orient = (e: number, readiness: number): Map<string, string> => {
  const key = e * 10 + readiness * 10;
  let m = statusCache.get(key);
  if (m === undefined) {
    const o = recommendOrientation({ overall: { theta: sim.theta[e]!, se: sim.se[e]! } }, { readiness });
    m = new Map(o.jobFamilies.map((f) => [f.id, f.status]));
    statusCache.set(key, m);
  }
  return m;
};
const rules: Rule[] = [
  { name: "point estimate's level (ignores SE)", ready: (theta, _se, required) => levelOf(theta) >= required },
  { name: "P(level >= required) >= 0.8", ready: () => false },
  { name: "P(level >= required) >= 0.9 (default)", ready: () => false },
];
process.stdout.write(
  "| rule | required level | false ready (true level below) | recognised (true level" +
    " reached) | recognised (one level above or more) |\n|---|---|---|---|---|\n",
);
for (const [ri, rule] of rules.entries()) {
  for (const required of [...new Set(families.map((f) => f.required))].sort()) {
    const family = families.find((f) => f.required === required)!;
    const cut = cuts[required - 2]!;
    let below = 0;
    let falseReady = 0;
    let ready = 0;
    let recognised = 0;
    let clear = 0;
    let recognisedClear = 0;
    for (let e = 0; e < sim.examinees; e++) {
      const says =
        ri === 0
          ? rule.ready(sim.theta[e]!, sim.se[e]!, required)
          : orient(e, ri === 1 ? 0.8 : 0.9).get(family.id) === "ready";
      const truth = sim.trueTheta[e]!;
      if (truth < cut) {
        below++;
        if (says) falseReady++;
      } else {
        ready++;
        if (says) recognised++;
        if (truth >= cut + 0.75) {
          clear++;
          if (says) recognisedClear++;
        }
      }
    }
    process.stdout.write(
      `| ${rule.name} | ${required} (${families
        .filter((f) => f.required === required)
        .map((f) => f.id)
        .join(
          ", ",
        )}) | ${pct(falseReady / below)} of ${below} | ${pct(recognised / ready)} of ${ready} | ${pct(recognisedClear / clear)} of ${clear} |\n`,
    );
  }
}
const tOrient = performance.now() - t1;
process.stdout.write(
  `\nrecommendOrientation: ${((1000 * tOrient) / statusCache.size).toFixed(1)} µs per call (${statusCache.size} calls)\n\n`,
);

// 2. Real sessions at true level 2: the scenario.
const items = new Map(STARTER_BANK.items.map((it) => [it.id as string, it]));
let oldAny = 0;
let oldDev = 0;
let oldSupport = 0;
let newAny = 0;
let newDev = 0;
let newSupport = 0;
let toConfirmOrBelow = 0;
const t2 = performance.now();
for (let k = 0; k < SESSIONS; k++) {
  const theta = -2.25 + 0.75 * ((k + 0.5) / SESSIONS);
  const random = createSeededRandom(`bench-answers/${k}`);
  let s = startAdaptiveSession(STARTER_BANK, { seed: `bench-candidate/${k}` });
  while (s.status === "in_progress") {
    s = selectNextItem(STARTER_BANK, s);
    if (s.pending === null) break;
    const item = items.get(s.pending.itemId)!;
    s = answerItem(STARTER_BANK, s, { itemId: item.id, correct: random() < computeProbability(item.irt, theta) });
  }
  const result = computeSessionResult(STARTER_BANK, s);
  // The old reading: each competence's level from its own 1-2 items, SE ignored, a family ready when every level is met.
  const levels = new Map(result.perCompetence.map((c) => [c.id, c.level]));
  const oldReady = DEFAULT_ORIENTATION_RULES.jobFamilies.map((f) => ({
    id: f.id,
    ready: f.requirements.every((r) => (levels.get(r.competence) ?? 0) >= r.level),
  }));
  if (oldReady.some((f) => f.ready)) oldAny++;
  if (oldReady.find((f) => f.id === "developpement")!.ready) oldDev++;
  if (oldReady.find((f) => f.id === "support")!.ready) oldSupport++;
  const o = recommendOrientation(result.profile);
  if (o.jobFamilies.some((f) => f.status === "ready")) newAny++;
  if (o.jobFamilies.find((f) => f.id === "developpement")!.status === "ready") newDev++;
  if (o.jobFamilies.find((f) => f.id === "support")!.status === "ready") newSupport++;
  if (o.jobFamilies.every((f) => f.status !== "ready")) toConfirmOrBelow++;
}
const tSessions = performance.now() - t2;
process.stdout.write(
  `${SESSIONS} real sessions, candidates spread over true level 2 (ready for no family), ${(tSessions / SESSIONS).toFixed(1)} ms per whole session:\n\n`,
);
process.stdout.write(
  "| reading | ready for développement | ready for support | ready for some family |\n|---|---|---|---|\n",
);
process.stdout.write(
  `| per-competence levels, SE ignored (before) | ${pct(oldDev / SESSIONS)} | ${pct(oldSupport / SESSIONS)} | ${pct(oldAny / SESSIONS)} |\n`,
);
process.stdout.write(
  `| result.profile, P >= 0.9 (now) | ${pct(newDev / SESSIONS)} | ${pct(newSupport / SESSIONS)} | ${pct(newAny / SESSIONS)} |\n`,
);
process.stdout.write(
  `\nRatio of false "ready" for some family, before / now:` +
    ` ${newAny === 0 ? "∞ (none now)" : (oldAny / newAny).toFixed(1)}; ${toConfirmOrBelow} of` +
    ` ${SESSIONS} shown no "ready" family.\n`,
);
