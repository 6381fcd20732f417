import { dayToIso, localToUtcMs, minutesToTime } from "./_calendar.js";
import type { Context, Draft } from "./_context.js";
import type { Activity, Assignment, ParticipantId, ResourceId, Session, SessionId } from "./schema.js";

/** Turning drafts into public sessions and assignments. */

/** Turns drafts into public sessions, sorted by start, then activity order, then id. */
export function toSessions(ctx: Context, drafts: Draft[] = ctx.drafts): Session[] {
  const sorted = [...drafts].sort(
    (x, y) => x.day - y.day || x.slot - y.slot || x.activity - y.activity || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  return sorted.map((d) => toSession(ctx, d));
}

/** UTC instant of a local time, memoised per day and minute (few distinct values, costly to compute). */
function utcIso(ctx: Context, dayNum: number, minutes: number): string {
  const key = dayNum * 1440 + minutes;
  let iso = ctx.utcCache.get(key);
  if (iso === undefined) {
    iso = new Date(localToUtcMs(dayNum, minutes, ctx.timeZone)).toISOString();
    ctx.utcCache.set(key, iso);
  }
  return iso;
}

export function toSession(ctx: Context, d: Draft): Session {
  const activity = ctx.activities[d.activity] as Activity;
  const dayNum = ctx.days[d.day] as number;
  const startMin = ctx.opens + d.slot * ctx.slotMinutes;
  const endMin = startMin + activity.durationMinutes;
  const resourceId = (r: number): ResourceId => ctx.cohort.resources[r]?.id as ResourceId;
  const personId = (p: number): ParticipantId => ctx.cohort.participants[p]?.id as ParticipantId;
  const session: Session = {
    id: d.id as SessionId,
    activityId: activity.id,
    phaseId: activity.phaseId,
    date: dayToIso(dayNum),
    start: minutesToTime(startMin),
    end: minutesToTime(endMin),
    startUtc: utcIso(ctx, dayNum, startMin),
    endUtc: utcIso(ctx, dayNum, endMin),
    modality: d.modality,
    facilitatorIds: d.facilitators.map(resourceId),
    speakerIds: d.speakers.map(resourceId),
    participantIds: [...d.participants].sort((x, y) => x - y).map(personId),
    status: d.status,
    sequence: d.sequence,
  };
  if (d.room >= 0) session.roomId = resourceId(d.room);
  if (d.video.length > 0) session.videoParticipantIds = [...d.video].sort((x, y) => x - y).map(personId);
  if (d.removedParticipants !== undefined && d.removedParticipants.length > 0)
    session.removedParticipantIds = [...d.removedParticipants].sort() as ParticipantId[];
  if (d.removedResources !== undefined && d.removedResources.length > 0)
    session.removedResourceIds = [...d.removedResources].sort() as ResourceId[];
  return session;
}

export function toAssignments(sessions: Session[]): Assignment[] {
  const out: Assignment[] = [];
  for (const s of sessions) {
    if (s.status !== "scheduled") continue;
    for (const participantId of s.participantIds)
      out.push({ participantId, activityId: s.activityId, sessionId: s.id });
  }
  out.sort(
    (x, y) =>
      (x.participantId < y.participantId ? -1 : x.participantId > y.participantId ? 1 : 0) ||
      (x.sessionId < y.sessionId ? -1 : 1),
  );
  return out;
}
