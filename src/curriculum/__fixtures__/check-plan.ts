import { isWorkingDay } from "../is-working-day.js";
import type { Activity, CohortPlan, Participant, Resource, Session } from "../schema.js";

interface Lookups {
  readonly plan: CohortPlan;
  readonly problems: string[];
  readonly phase: Map<string, CohortPlan["template"]["phases"][number]>;
  readonly participant: Map<string, Participant>;
  readonly resource: Map<string, Resource>;
  readonly dayIndex: Map<string, number>;
  readonly busy: Map<string, Array<{ from: string; to: string; id: string }>>;
}

const toMin = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/**
 * Test support: every invariant a plan must keep, as a list of violations (empty when the plan is sound).
 * Checks: no participant/room/facilitator/speaker double-booked; each participant in exactly one
 * scheduled session per activity or named in `unmet` for it; sessions on working days of the zone,
 * inside opening hours and outside breaks, inside their phase window; prerequisites end before
 * dependants start; group sizes and room capacity; unavailable days and remote-only respected.
 */
export function planViolations(plan: CohortPlan): string[] {
  const { cohort, template } = plan;
  const scheduled = plan.sessions.filter((s) => s.status === "scheduled");
  const activity = new Map(template.activities.map((a) => [a.id as string, a]));
  const lookups: Lookups = {
    plan,
    problems: [],
    phase: new Map(template.phases.map((p) => [p.id as string, p])),
    participant: new Map(cohort.participants.map((p) => [p.id as string, p])),
    resource: new Map(cohort.resources.map((r) => [r.id as string, r])),
    dayIndex: new Map(plan.days.map((d, i) => [d, i + 1])),
    busy: new Map(),
  };
  for (const s of scheduled) {
    const a = activity.get(s.activityId);
    if (a === undefined) {
      lookups.problems.push(`${s.id}: unknown activity`);
      continue;
    }
    checkTiming(lookups, s, a);
    checkBookings(lookups, s);
    checkPeople(lookups, s, a);
    checkResources(lookups, s, a);
  }
  checkCoverage(lookups, scheduled);
  return lookups.problems;
}

/** Working day, phase window, hours and breaks, duration, group size, room, modality, staffing. */
function checkTiming(ctx: Lookups, s: Session, a: Activity): void {
  const { problems, phase, resource, dayIndex } = ctx;
  const { cohort } = ctx.plan;
  const plan = ctx.plan;
  const opens = toMin(cohort.openingHours.opens);
  const closes = toMin(cohort.openingHours.closes);
  if (!isWorkingDay(s.date, cohort.calendarZone)) problems.push(`${s.id}: ${s.date} is not a working day`);
  if (cohort.closedDays.includes(s.date)) problems.push(`${s.id}: ${s.date} is a closing day`);
  const di = dayIndex.get(s.date);
  const ph = phase.get(a.phaseId);
  if (di === undefined || ph === undefined || di < ph.fromDay || di > ph.toDay)
    problems.push(`${s.id}: outside its phase window`);
  const start = toMin(s.start);
  const end = toMin(s.end);
  if (end - start !== a.durationMinutes) problems.push(`${s.id}: lasts ${end - start} min`);
  if (start < opens || end > closes) problems.push(`${s.id}: outside opening hours`);
  for (const b of cohort.openingHours.breaks)
    if (start < toMin(b.end) && toMin(b.start) < end) problems.push(`${s.id}: overlaps a break`);
  if (Date.parse(s.endUtc) - Date.parse(s.startUtc) !== a.durationMinutes * 60_000)
    problems.push(`${s.id}: UTC span wrong`);
  const smallSaid =
    plan.unmet.some((u) => u.sessionId === s.id && u.reason === "below_minimum_group_size") ||
    (plan.adjustments ?? []).some((x) => x.sessionId === s.id && x.kind === "minimum_relaxed");
  if ((s.participantIds.length < a.minGroupSize && !smallSaid) || s.participantIds.length > a.maxGroupSize)
    problems.push(`${s.id}: group of ${s.participantIds.length}`);
  if (s.modality === "on_site" && a.needs.room) {
    const room = s.roomId === undefined ? undefined : resource.get(s.roomId);
    if (room === undefined || room.kind !== "room") problems.push(`${s.id}: on site without a room`);
    else if ((room.capacity ?? 0) < s.participantIds.length - (s.videoParticipantIds?.length ?? 0))
      problems.push(`${s.id}: room too small`);
    else if (room.equipment !== undefined && !a.needs.equipment.every((e) => room.equipment?.includes(e)))
      problems.push(`${s.id}: ${room.id} lacks ${a.needs.equipment.join(", ")}`);
  }
  if (s.modality === "on_site" && a.modality === "remote") problems.push(`${s.id}: remote activity on site`);
  if (s.modality === "remote" && a.modality === "on_site") problems.push(`${s.id}: on-site activity remote`);
  if (s.facilitatorIds.length !== a.needs.facilitators)
    problems.push(`${s.id}: ${s.facilitatorIds.length} facilitators`);
  if (s.speakerIds.length !== a.needs.speakers) problems.push(`${s.id}: ${s.speakerIds.length} speakers`);
}

/** Nobody and nothing in two sessions at once. */
function checkBookings(ctx: Lookups, s: Session): void {
  const { problems, busy } = ctx;
  const holders = [
    ...s.participantIds.map((p) => `p:${p}`),
    ...[s.roomId, ...s.facilitatorIds, ...s.speakerIds].filter((r) => r !== undefined).map((r) => `r:${r}`),
  ];
  for (const h of holders) {
    const list = busy.get(h) ?? [];
    for (const other of list)
      if (other.from < s.endUtc && s.startUtc < other.to)
        problems.push(`${h} double-booked in ${other.id} and ${s.id}`);
    list.push({ from: s.startUtc, to: s.endUtc, id: s.id });
    busy.set(h, list);
  }
}

/** Participants: known, available, remote-only, video joins said, needs met, not withdrawn. */
function checkPeople(ctx: Lookups, s: Session, a: Activity): void {
  const { problems, participant, resource, plan } = ctx;
  for (const p of s.participantIds) {
    const person = participant.get(p);
    if (person === undefined) problems.push(`${s.id}: unknown participant ${p}`);
    else {
      if (person.unavailableDays.includes(s.date)) problems.push(`${s.id}: ${p} is unavailable on ${s.date}`);
      const byVideo = s.videoParticipantIds?.includes(p) === true;
      if (person.remoteOnly && s.modality === "on_site" && !byVideo) problems.push(`${s.id}: ${p} is remote-only`);
      if (
        byVideo &&
        (a.modality !== "either" ||
          !(plan.adjustments ?? []).some(
            (x) => x.kind === "joined_by_video" && x.sessionId === s.id && x.participantIds.includes(p),
          ))
      ) {
        problems.push(`${s.id}: ${p} joins by video without it being said`);
      }
      if (s.modality === "on_site" && !byVideo && person.requires.length > 0) {
        const room = s.roomId === undefined ? undefined : resource.get(s.roomId);
        if (room !== undefined && !person.requires.every((e) => room.equipment?.includes(e)))
          problems.push(`${s.id}: ${p} needs ${person.requires.join(", ")}`);
      }
      if (person.withdrawnOn !== undefined && s.date >= person.withdrawnOn)
        problems.push(`${s.id}: ${p} withdrew on ${person.withdrawnOn}`);
    }
  }
}

/** Resources: known, available that day, able to serve the activity. */
function checkResources(ctx: Lookups, s: Session, a: Activity): void {
  const { problems, resource } = ctx;
  for (const r of [s.roomId, ...s.facilitatorIds, ...s.speakerIds]) {
    if (r === undefined) continue;
    const res = resource.get(r);
    if (res === undefined) problems.push(`${s.id}: unknown resource ${r}`);
    else {
      if (
        res.unavailableDays.includes(s.date) ||
        (res.availableDays !== undefined && !res.availableDays.includes(s.date))
      )
        problems.push(`${s.id}: ${r} unavailable`);
      if (res.activityKinds !== undefined && !res.activityKinds.includes(a.kind))
        problems.push(`${s.id}: ${r} cannot serve ${a.kind}`);
    }
  }
}

/** Each participant in one session per activity or named in unmet; prerequisites end before dependants start. */
function checkCoverage(ctx: Lookups, scheduled: readonly Session[]): void {
  const { problems, plan } = ctx;
  const { cohort, template } = plan;
  const sessionOf = new Map<string, Session>();
  for (const s of scheduled) {
    for (const p of s.participantIds) {
      const key = `${p}|${s.activityId}`;
      if (sessionOf.has(key)) problems.push(`${p} is in two sessions of ${s.activityId}`);
      sessionOf.set(key, s);
    }
  }
  const unmetFor = new Set<string>();
  for (const u of plan.unmet) for (const p of u.participantIds) unmetFor.add(`${p}|${u.activityId ?? ""}`);
  for (const p of cohort.participants) {
    for (const a of template.activities) {
      const key = `${p.id}|${a.id}`;
      const s = sessionOf.get(key);
      if (s === undefined && !unmetFor.has(key) && p.withdrawnOn === undefined)
        problems.push(`${p.id} silently dropped from ${a.id}`);
      if (s === undefined) continue;
      for (const q of a.prerequisites) {
        const before = sessionOf.get(`${p.id}|${q}`);
        if (before === undefined) problems.push(`${p.id} in ${a.id} without prerequisite ${q}`);
        else if (before.endUtc > s.startUtc)
          problems.push(`${p.id}: ${q} (${before.id}) ends after ${a.id} (${s.id}) starts`);
      }
    }
  }
}
