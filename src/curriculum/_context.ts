import { createSeededRandom } from "../_lib/random.js";
import { DeclicsError, type Expectation, type TemplateReason } from "../errors.js";
import { curriculumError } from "./_errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { isoToDay, isWorkingDayNumber, timeToMinutes, ZONE_TIME_ZONES } from "./_calendar.js";
import { createIndexedOccupancy, type Occupancy } from "./_occupancy.js";
import type {
  Activity,
  Cohort,
  ParcoursTemplate,
  PlanAdjustment,
  PlanSettings,
  SessionModality,
  UnmetConstraint,
} from "./schema.js";

/**
 * The planning state shared by planCohort and replanCohort. Everything is indexed by small integers
 * (participant, resource, activity, working day, slot) so that conflict checks are array lookups.
 */

/** A session while planning: indices, not ids. */
export interface Draft {
  id: string;
  activity: number;
  day: number;
  slot: number;
  length: number;
  modality: SessionModality;
  room: number; // -1 when none
  facilitators: number[];
  speakers: number[];
  participants: number[];
  /** On-site sessions: participants (also in `participants`) who join by video and take no seat. */
  video: number[];
  /** A smaller group than the activity's minimum was accepted (said in adjustments). */
  relaxed?: boolean;
  status: "scheduled" | "cancelled";
  sequence: number;
  /** Ids of people and resources re-plans took out of the session (their calendars cancel it). */
  removedParticipants?: string[];
  removedResources?: string[];
}

export interface Context {
  readonly template: ParcoursTemplate;
  readonly cohort: Cohort;
  readonly options: PlanSettings;
  readonly timeZone: string;
  readonly days: number[]; // day numbers of the parcours' working days
  readonly slotMinutes: number;
  readonly opens: number; // minutes after midnight
  readonly slotsPerDay: number;
  readonly blocked: Uint8Array; // per slot of a day: 1 inside a break
  readonly activities: Activity[]; // topological order
  readonly activityIndex: Map<string, number>;
  readonly prereqs: number[][]; // per activity: activity indices
  /** Per activity, the activities that require it. */
  readonly dependants: number[][];
  readonly windows: Array<[number, number]>; // per activity: first and last working-day index (0-based)
  readonly lengths: number[]; // per activity: slots
  readonly participantIndex: Map<string, number>;
  readonly resourceIndex: Map<string, number>;
  readonly participantOff: Uint8Array; // P × D: 1 when unavailable (or withdrawn)
  readonly resourceOff: Uint8Array; // R × D: 1 when unavailable
  readonly order: number[]; // participant indices in grouping order (withdrawn people left out)
  occupancy: Occupancy;
  /** P × A: end slot (global) of the participant's session of that activity, -1 when none. */
  readonly ends: Int32Array;
  /** P × A: start slot (global), -1 when none. */
  readonly starts: Int32Array;
  /** P × D: minutes of sessions booked per participant and working day. */
  readonly dailyMinutes: Uint16Array;
  drafts: Draft[];
  unmet: UnmetConstraint[];
  adjustments: PlanAdjustment[];
  readonly rotation: Map<string, number>;
  /** Last session number used per activity. */
  readonly counters: Map<number, number>;
  readonly utcCache: Map<number, string>;
  /** While filling groups: apply the daily limit (first pass of the balanced objective). */
  capDaily: boolean;
}

/** The occupancy grid's largest size (bytes) before the planner refuses, with a typed error. */
export const MAX_GRID_CELLS = 1_000_000_000;

export function templateError(
  reason: TemplateReason,
  values: Readonly<Record<string, string | number>>,
  activityId?: string,
): DeclicsError<"invalid_template"> {
  return curriculumError({
    code: "invalid_template",
    module: "curriculum",
    details: activityId === undefined ? { reason, values } : { reason, values, activityId },
  });
}

function optionError(option: string, expected: Expectation, received: string): DeclicsError<"invalid_option"> {
  return curriculumError({
    code: "invalid_option",
    module: "curriculum",
    details: { option, expected, received },
  });
}

/** Orders activities so that prerequisites come first (phase order, then template order); rejects cycles. */
function topologicalOrder(template: ParcoursTemplate): Activity[] {
  const byId = new Map<string, Activity>();
  for (const a of template.activities) {
    if (byId.has(a.id)) throw templateError("duplicate_activity", { activityId: a.id }, a.id);
    byId.set(a.id, a);
  }
  const phases = new Map<string, { rank: number; fromDay: number; toDay: number }>();
  template.phases.forEach((p, i) => {
    if (phases.has(p.id)) throw templateError("duplicate_phase", { phaseId: p.id });
    if (p.toDay > template.workingDays)
      throw templateError("phase_after_end", { phaseId: p.id, toDay: p.toDay, workingDays: template.workingDays });
    phases.set(p.id, { rank: i, fromDay: p.fromDay, toDay: p.toDay });
  });
  for (const a of template.activities) {
    const phase = phases.get(a.phaseId);
    if (phase === undefined) throw templateError("unknown_phase", { activityId: a.id, phaseId: a.phaseId }, a.id);
    for (const p of a.prerequisites) {
      const q = byId.get(p);
      if (q === undefined) throw templateError("unknown_prerequisite", { activityId: a.id, prerequisite: p }, a.id);
      const before = phases.get(q.phaseId);
      if (before !== undefined && before.fromDay > phase.toDay) {
        throw templateError(
          "prerequisite_too_late",
          {
            activityId: a.id,
            phaseId: a.phaseId,
            fromDay: phase.fromDay,
            toDay: phase.toDay,
            prerequisite: p,
            prerequisitePhaseId: q.phaseId,
            prerequisiteFromDay: before.fromDay,
          },
          a.id,
        );
      }
    }
  }
  const rank = (a: Activity): number => phases.get(a.phaseId)?.rank ?? 0;
  const sorted = [...template.activities].sort((x, y) => rank(x) - rank(y));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Activity[] = [];
  const visit = (a: Activity): void => {
    if (done.has(a.id)) return;
    if (visiting.has(a.id)) throw templateError("prerequisite_cycle", { activityId: a.id }, a.id);
    visiting.add(a.id);
    for (const p of a.prerequisites) visit(byId.get(p) as Activity);
    visiting.delete(a.id);
    done.add(a.id);
    out.push(a);
  };
  for (const a of sorted) visit(a);
  return out;
}

/** The working days of the parcours from the start date, in the cohort's calendar zone. */
export function workingDaysFrom(cohort: Cohort, count: number): number[] {
  const closed = new Set(cohort.closedDays.map(isoToDay));
  const days: number[] = [];
  for (let d = isoToDay(cohort.startDate); days.length < count; d++) {
    if (isWorkingDayNumber(d, cohort.calendarZone) && !closed.has(d)) days.push(d);
  }
  return days;
}

/** Slot grid of a day: how many slots, which are inside a break, the longest run outside breaks. */
function dayGrid(
  cohort: Cohort,
  slotMinutes: number,
): { opens: number; slotsPerDay: number; blocked: Uint8Array; longestBlock: number } {
  const { opens: o, closes: c, breaks } = cohort.openingHours;
  const opens = timeToMinutes(o);
  const closes = timeToMinutes(c);
  if (closes <= opens)
    throw optionError(
      "cohort.openingHours",
      rule("closes after opens", "une fermeture après l'ouverture"),
      `${o}-${c}`,
    );
  for (const b of breaks) {
    if (timeToMinutes(b.end) <= timeToMinutes(b.start))
      throw optionError(
        "cohort.openingHours.breaks",
        rule("a break that ends after it starts", "une pause qui finit après son début"),
        `${b.start}-${b.end}`,
      );
  }
  const slotsPerDay = Math.floor((closes - opens) / slotMinutes);
  const blocked = new Uint8Array(slotsPerDay);
  for (const b of breaks) {
    const from = timeToMinutes(b.start);
    const to = timeToMinutes(b.end);
    for (let s = 0; s < slotsPerDay; s++) {
      const s0 = opens + s * slotMinutes;
      if (s0 < to && from < s0 + slotMinutes) blocked[s] = 1;
    }
  }
  let longestBlock = 0;
  for (let s = 0, run = 0; s < slotsPerDay; s++) {
    run = blocked[s] === 1 ? 0 : run + 1;
    longestBlock = Math.max(longestBlock, run);
  }
  return { opens, slotsPerDay, blocked, longestBlock };
}

/** P × D and R × D unavailability, withdrawals included. */
function unavailability(cohort: Cohort, days: number[]): { participantOff: Uint8Array; resourceOff: Uint8Array } {
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const D = days.length;
  const participantOff = new Uint8Array(cohort.participants.length * D);
  cohort.participants.forEach((p, i) => {
    for (const iso of p.unavailableDays) {
      const di = dayIndex.get(isoToDay(iso));
      if (di !== undefined) participantOff[i * D + di] = 1;
    }
    if (p.withdrawnOn !== undefined) {
      const from = isoToDay(p.withdrawnOn);
      days.forEach((d, di) => {
        if (d >= from) participantOff[i * D + di] = 1;
      });
    }
  });
  const resourceOff = new Uint8Array(cohort.resources.length * D);
  cohort.resources.forEach((r, i) => {
    const allowed = r.availableDays === undefined ? undefined : new Set(r.availableDays.map(isoToDay));
    days.forEach((d, di) => {
      if (allowed !== undefined && !allowed.has(d)) resourceOff[i * D + di] = 1;
    });
    for (const iso of r.unavailableDays) {
      const di = dayIndex.get(isoToDay(iso));
      if (di !== undefined) resourceOff[i * D + di] = 1;
    }
  });
  return { participantOff, resourceOff };
}

/** Participants in grouping order: id order, or shuffled by the seed; withdrawn people are left out. */
function groupingOrder(cohort: Cohort, options: PlanSettings): number[] {
  const order = cohort.participants.flatMap((p, i) =>
    p.withdrawnOn !== undefined && p.withdrawnOn <= cohort.startDate ? [] : [i],
  );
  if (options.seed !== undefined) {
    const random = createSeededRandom(options.seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
  }
  return order;
}

function checkGridSize(participants: number, resources: number, slots: number, options: PlanSettings): void {
  const cells = Math.max(participants, resources) * slots;
  if (cells > MAX_GRID_CELLS || !Number.isSafeInteger(cells)) {
    throw optionError(
      "slotMinutes",
      rule(
        `a plan of at most ${MAX_GRID_CELLS} person-slots (use a coarser slotMinutes, a shorter parcours or smaller cohorts)`,
        `un plan d'au plus ${MAX_GRID_CELLS} créneaux-personnes (slotMinutes plus grand, parcours plus court ou cohortes plus petites)`,
      ),
      `${Math.max(participants, resources)} × ${slots} = ${cells} (slotMinutes ${options.slotMinutes})`,
    );
  }
}

export function buildContext(
  template: ParcoursTemplate,
  cohort: Cohort,
  options: PlanSettings,
  occupancy?: Occupancy,
): Context {
  const activities = topologicalOrder(template);
  const timeZone = cohort.timeZone ?? ZONE_TIME_ZONES[cohort.calendarZone];
  const days = workingDaysFrom(cohort, template.workingDays);
  const slotMinutes = options.slotMinutes;
  const { opens, slotsPerDay, blocked, longestBlock } = dayGrid(cohort, slotMinutes);
  const activityIndex = new Map(activities.map((a, i) => [a.id as string, i]));
  const phaseById = new Map(template.phases.map((p) => [p.id as string, p]));
  const lengths = activities.map((a) => {
    const length = Math.ceil(a.durationMinutes / slotMinutes);
    if (length > longestBlock) {
      throw templateError(
        "activity_too_long",
        { activityId: a.id, durationMinutes: a.durationMinutes, longestMinutes: longestBlock * slotMinutes },
        a.id,
      );
    }
    return length;
  });
  const windows = activities.map((a): [number, number] => {
    const phase = phaseById.get(a.phaseId);
    return [(phase?.fromDay ?? 1) - 1, (phase?.toDay ?? template.workingDays) - 1];
  });
  const prereqs = activities.map((a) => a.prerequisites.map((p) => activityIndex.get(p) ?? -1));
  const P = cohort.participants.length;
  const D = days.length;
  checkGridSize(P, cohort.resources.length, D * slotsPerDay, options);
  return {
    template,
    cohort,
    options,
    timeZone,
    days,
    slotMinutes,
    opens,
    slotsPerDay,
    blocked,
    activities,
    activityIndex,
    prereqs,
    dependants: activities.map((_, a) => prereqs.flatMap((list, q) => (list.includes(a) ? [q] : []))),
    windows,
    lengths,
    participantIndex: new Map(cohort.participants.map((p, i) => [p.id as string, i])),
    resourceIndex: new Map(cohort.resources.map((r, i) => [r.id as string, i])),
    ...unavailability(cohort, days),
    order: groupingOrder(cohort, options),
    occupancy: occupancy ?? createIndexedOccupancy(P, cohort.resources.length, D * slotsPerDay),
    ends: new Int32Array(P * activities.length).fill(-1),
    starts: new Int32Array(P * activities.length).fill(-1),
    dailyMinutes: new Uint16Array(P * D),
    drafts: [],
    unmet: [],
    adjustments: [],
    rotation: new Map(),
    counters: new Map(),
    utcCache: new Map(),
    capDaily: false,
  };
}
