/**
 * Benchmark of calendar export for `declics plan` (issue #12): one iCalendar file per participant of a
 * 2,000-person cohort. formatIcs validates a plan once (the plan planCohort returned is trusted); the
 * baseline in the same run is what the CLI did before, handing formatIcs a fresh sub-plan per person
 * (each one validated again, the whole 2,000-person cohort included), measured on a sample and scaled.
 *
 *   npx tsx bench/curriculum/format-ics.ts
 */
import { formatIcs, PARCOURS_EXPRESS, planCohort, type CohortPlan } from "../../src/curriculum/index.js";

const SIZE = 2_000;
const SAMPLE = 40;

const participants = Array.from({ length: SIZE }, (_, i) => ({ id: `p${i}`, name: `Personne ${i}` }));
const resources = [];
for (let u = 0; u < SIZE / 200; u++) {
  resources.push({ id: `plenary-${u}`, kind: "room" as const, name: "Amphi", capacity: 120 });
  for (let i = 0; i < 4; i++)
    resources.push({ id: `lab-${u}-${i}`, kind: "room" as const, name: "Labo", capacity: 16 });
  for (let i = 0; i < 2; i++)
    resources.push({ id: `meeting-${u}-${i}`, kind: "room" as const, name: "Réunion", capacity: 30 });
  for (let i = 0; i < 10; i++)
    resources.push({ id: `counsellor-${u}-${i}`, kind: "facilitator" as const, name: "Conseiller" });
  for (let i = 0; i < 11; i++)
    resources.push({ id: `speaker-${u}-${i}`, kind: "speaker" as const, name: "Intervenant" });
}
const plan = planCohort(PARCOURS_EXPRESS, {
  id: "bench",
  title: "Bench",
  startDate: "2020-09-28",
  participants,
  resources,
});
const stamp = new Date("2020-09-20T08:00:00Z");

/** The former CLI's sub-plan: only the person's sessions, a new object formatIcs validates again. */
function subPlan(id: string): CohortPlan {
  const sessions = plan.sessions.filter((s) => s.participantIds.includes(id as never));
  const ids = new Set(sessions.map((s) => s.id as string));
  return { ...plan, sessions, assignments: plan.assignments.filter((a) => ids.has(a.sessionId)), unmet: [] };
}

function perPerson(run: (id: string) => string, count: number): { ms: number; bytes: number } {
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) bytes += run(`p${i}`).length;
  return { ms: (performance.now() - start) / count, bytes };
}

perPerson((id) => formatIcs(plan, { stamp, audience: { participantId: id } }), 20); // warm-up
const once = perPerson((id) => formatIcs(plan, { stamp, audience: { participantId: id } }), SIZE);
const before = perPerson((id) => formatIcs(subPlan(id), { stamp, audience: { participantId: id } }), SAMPLE);
const same = formatIcs(subPlan("p1"), { stamp, audience: { participantId: "p1" } });
if (same !== formatIcs(plan, { stamp, audience: { participantId: "p1" } }))
  throw new Error("the sub-plan and the whole plan give different calendars");

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
console.log(
  `formatIcs, one calendar per participant of ${SIZE} (${plan.sessions.length} sessions) — Node ${process.version}`,
);
console.log(`validated once (whole plan, trusted):   ${fmt(once.ms)} per person, ${fmt(once.ms * SIZE)} for all`);
console.log(
  `validated per call (former CLI sub-plan): ${fmt(before.ms)} per person (sample of ${SAMPLE}), ~${fmt(before.ms * SIZE)} for all`,
);
console.log(`ratio: ${(before.ms / once.ms).toFixed(1)}x`);
