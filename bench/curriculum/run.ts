/**
 * Benchmark of cohort planning: the parcours express for 200, 2,000 and 20,000 participants, resources
 * scaled with the cohort (per 200 people: 1 plenary hall, 4 computer rooms, 2 meeting rooms, 10
 * counsellors, 4 role models, 3 training organisations, 4 employers). Baseline in the same run: the same
 * planner with a naive conflict check (one flat list of bookings scanned on every check, no index).
 *
 *   npx tsx bench/curriculum/run.ts
 *
 * Target (issue #5): 2,000 participants in under one second. Issue #15: the load spread of the
 * balanced objective (default) against the former earliest-first planning, in the same run, and the
 * re-plan after losing the amphitheatre against planning afresh without it.
 */
import { createSeededRandom } from "../../src/_lib/random.js";
// The engine is measured through the private pipeline planCohort itself runs (imported by path; nothing in
// src exists for the benchmark), once with its indexed occupancy and once with the naive baseline below.
import { finishPlan } from "../../src/curriculum/_finish.js";
import { planContext } from "../../src/curriculum/_plan-context.js";
import { PARCOURS_EXPRESS, planCohort, replanCohort } from "../../src/curriculum/index.js";
import {
  Cohort,
  type CohortInput,
  type CohortPlan,
  PlanSettings,
  type ParcoursTemplate,
  type ResourceInput,
} from "../../src/curriculum/schema.js";
import type { Occupancy } from "../../src/curriculum/_occupancy.js";
import { createNaiveOccupancy } from "./naive-occupancy.js";

/** The engine alone, on validated inputs: what planCohort does after parsing. */
function planEngine(
  template: ParcoursTemplate,
  cohort: Cohort,
  settings: PlanSettings,
  occupancy?: () => Occupancy,
): CohortPlan {
  return finishPlan(planContext(template, cohort, settings, occupancy), 0);
}

const DAYS = [
  "2020-09-28",
  "2020-09-29",
  "2020-09-30",
  "2020-10-01",
  "2020-10-02",
  "2020-10-05",
  "2020-10-06",
  "2020-10-07",
  "2020-10-08",
  "2020-10-09",
];

function cohortOf(size: number): CohortInput {
  const random = createSeededRandom(`bench-${size}`);
  const units = Math.ceil(size / 200);
  const participants = Array.from({ length: size }, (_, i) => ({
    id: `p${i}`,
    gender: random() < 0.42 ? ("female" as const) : ("male" as const),
    territoryKind: random() < 0.82 ? ("qpv" as const) : ("zrr" as const),
    unavailableDays: random() < 0.12 ? [DAYS[Math.floor(random() * DAYS.length)] as string] : [],
    remoteOnly: i % 25 === 24,
  }));
  const resources: ResourceInput[] = [];
  for (let u = 0; u < units; u++) {
    resources.push({ id: `plenary-${u}`, kind: "room", name: "Amphi", capacity: 120 });
    for (let i = 0; i < 4; i++) resources.push({ id: `lab-${u}-${i}`, kind: "room", name: "Labo", capacity: 16 });
    for (let i = 0; i < 2; i++)
      resources.push({ id: `meeting-${u}-${i}`, kind: "room", name: "Réunion", capacity: 30 });
    for (let i = 0; i < 10; i++)
      resources.push({ id: `counsellor-${u}-${i}`, kind: "facilitator", name: "Conseiller" });
    for (let i = 0; i < 4; i++)
      resources.push({
        id: `role-model-${u}-${i}`,
        kind: "speaker",
        name: "Modèle",
        activityKinds: ["role_model_meeting"],
      });
    for (let i = 0; i < 3; i++)
      resources.push({
        id: `training-${u}-${i}`,
        kind: "speaker",
        name: "OF",
        activityKinds: ["training_organisation_meeting"],
      });
    for (let i = 0; i < 4; i++)
      resources.push({
        id: `employer-${u}-${i}`,
        kind: "speaker",
        name: "Employeur",
        activityKinds: ["employer_meeting"],
      });
  }
  return { id: `bench-${size}`, title: `Bench ${size}`, startDate: "2020-09-28", participants, resources };
}

/** Mean time of `repeat` runs after one warm-up run (no warm-up when repeat is 1: too slow to repeat). */
function time<T>(run: () => T, repeat: number): { ms: number; value: T } {
  let value = repeat > 1 ? run() : (undefined as T);
  const start = performance.now();
  for (let i = 0; i < repeat; i++) value = run();
  return { ms: (performance.now() - start) / repeat, value };
}

function describe(plan: CohortPlan): string {
  const unmetPeople = new Set(plan.unmet.flatMap((u) => u.participantIds)).size;
  return `${plan.sessions.length} sessions, ${plan.assignments.length} assignments, ${plan.unmet.length} unmet entries (${unmetPeople} people)`;
}

const sizes = [200, 2_000, 20_000];
const options = { balanceOn: ["gender", "territoryKind"] as ("gender" | "territoryKind")[] };
const parsedOptions = PlanSettings.parse(options);
const rows: Array<{ size: number; full: number; core: number; naive?: number; summary: string }> = [];
for (const size of sizes) {
  const input = cohortOf(size);
  const cohort = Cohort.parse(input);
  const repeat = size <= 200 ? 20 : size <= 2_000 ? 10 : 2;
  const full = time(() => planCohort(PARCOURS_EXPRESS, input, options), repeat);
  const core = time(() => planEngine(PARCOURS_EXPRESS, cohort, parsedOptions), repeat);
  const row: (typeof rows)[number] = { size, full: full.ms, core: core.ms, summary: describe(full.value) };
  if (size <= 2_000) {
    const naive = time(
      () => planEngine(PARCOURS_EXPRESS, cohort, parsedOptions, createNaiveOccupancy),
      size <= 200 ? 5 : 1,
    );
    if (JSON.stringify(naive.value.sessions) !== JSON.stringify(core.value.sessions))
      throw new Error("naive baseline disagrees with the indexed planner");
    row.naive = naive.ms;
  }
  rows.push(row);
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
console.log("planCohort(PARCOURS_EXPRESS, cohort, { balanceOn: [gender, territoryKind] }) — Node", process.version);
console.log(
  "participants | planCohort (with validation) | engine only | naive conflict check | naive / indexed | plan",
);
for (const r of rows) {
  const naive = r.naive === undefined ? "skipped (too slow)" : fmt(r.naive);
  const ratio = r.naive === undefined ? "-" : `${(r.naive / r.core).toFixed(1)}x`;
  console.log(
    `${String(r.size).padStart(12)} | ${fmt(r.full).padStart(27)} | ${fmt(r.core).padStart(11)} | ${naive.padStart(19)} | ${ratio.padStart(15)} | ${r.summary}`,
  );
}
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  if (a === undefined || b === undefined) continue;
  console.log(
    `growth ${a.size} -> ${b.size} (x${b.size / a.size} people): planCohort` +
      ` x${(b.full / a.full).toFixed(1)}, engine` +
      ` x${(b.core / a.core).toFixed(1)}${a.naive !== undefined && b.naive !== undefined ? `, naive x${(b.naive / a.naive).toFixed(1)}` : ""}`,
  );
}
const target = rows.find((r) => r.size === 2_000);
if (target !== undefined)
  console.log(
    `target: 2,000 participants under 1 s -> ${fmt(target.full)} ${target.full < 1000 ? "(met)" : "(NOT met)"}`,
  );

// Load spread (issue #15): balanced (default) vs earliest-first, same cohorts.
const spread = (plan: CohortPlan): string => {
  const l = plan.load;
  if (l === undefined) return "-";
  return (
    `sessions/day ${l.minDaySessions}-${l.maxDaySessions}` +
    ` [${l.days.map((d) => d.sessions).join(" ")}], longest personal day` +
    ` ${(l.maxPersonDailyMinutes / 60).toFixed(1)} h, person-days over` +
    ` ${l.objective.startsWith("balanced") ? "the limit" : "5 h"} ${l.personDaysOverLimit},` +
    ` mean ${(l.meanPersonDailyMinutes / 60).toFixed(2)} h, room use` +
    ` ${(l.roomUse.min * 100).toFixed(0)}-${(l.roomUse.max * 100).toFixed(0)} % (cv ${l.roomUse.cv})`
  );
};
console.log("\nload spread — balanced (default) vs earliest-first (the former planner)");
for (const size of [200, 2_000]) {
  const input = cohortOf(size);
  const balanced = time(() => planCohort(PARCOURS_EXPRESS, input, options), 3);
  const earliest = time(() => planCohort(PARCOURS_EXPRESS, input, { ...options, load: "earliest" as const }), 3);
  console.log(
    `${size} balanced (${fmt(balanced.ms)}, ${balanced.value.assignments.length} placements): ${spread(balanced.value)}`,
  );
  console.log(
    `${size} earliest (${fmt(earliest.ms)}, ${earliest.value.assignments.length} placements): ${spread(earliest.value)}`,
  );
}

// Re-plan after losing the (only) amphitheatre vs planning afresh without it (issue #15).
console.log("\nre-plan: lose the amphitheatre (one for the whole cohort) vs a fresh plan without it");
for (const size of [200, 2_000]) {
  const input = cohortOf(size);
  const one = {
    ...input,
    resources: (input.resources ?? []).filter((r) => !r.id.startsWith("plenary-") || r.id === "plenary-0"),
  };
  const plan = planCohort(PARCOURS_EXPRESS, one, options);
  const replanned = time(() => replanCohort(plan, { kind: "lose_resource", resourceId: "plenary-0" }), 1);
  const fresh = planCohort(
    PARCOURS_EXPRESS,
    { ...one, resources: (one.resources ?? []).filter((r) => r.id !== "plenary-0") },
    options,
  );
  const next = replanned.value;
  const moved = new Set(next.sessions.flatMap((s) => (s.removedParticipantIds ?? []) as string[])).size;
  const cancelled = next.sessions.filter((s) => s.status === "cancelled").length;
  const empty = next.sessions.filter((s) => s.status === "scheduled" && s.participantIds.length === 0).length;
  console.log(
    `${size}: re-plan ${next.assignments.length} placements in ${fmt(replanned.ms)}` +
      ` (${next.changes?.length ?? 0} sessions changed, ${cancelled} cancelled, ${empty}` +
      ` scheduled-but-empty, ${moved} people moved out of a session) | fresh plan` +
      ` ${fresh.assignments.length} | before the change ${plan.assignments.length}`,
  );
}
