import { dayToIso } from "./_calendar.js";
import type { Context } from "./_context.js";
import { explainUnplaced } from "./_explain.js";
import { loadReport } from "./_load.js";
import { toAssignments, toSessions } from "./_sessions.js";
import type { Activity, ActivityId, CohortPlan, ParticipantId, PlanAdjustment, Session, SessionId } from "./schema.js";

/** Says, per activity, which sessions sit in rooms whose equipment is not described although it needs some. */
function equipmentUnverified(ctx: Context): PlanAdjustment[] {
  const out: PlanAdjustment[] = [];
  ctx.activities.forEach((activity: Activity, a) => {
    if (activity.needs.equipment.length === 0) return;
    const sessions = ctx.drafts.filter(
      (d) =>
        d.activity === a &&
        d.status === "scheduled" &&
        d.room >= 0 &&
        ctx.cohort.resources[d.room]?.equipment === undefined,
    );
    if (sessions.length === 0) return;
    const rooms = [...new Set(sessions.map((d) => ctx.cohort.resources[d.room]?.id as string))].sort();
    const entry: PlanAdjustment = {
      kind: "equipment_unverified",
      activityId: activity.id as ActivityId,
      participantIds: [],
      message:
        `${activity.id} needs ${activity.needs.equipment.join(", ")}; ${sessions.length} session(s) are in room(s) ` +
        `${rooms.join(", ")} whose equipment is not described (add "equipment" to the rooms to have it checked).`,
    };
    if (sessions.length === 1) entry.sessionId = sessions[0]?.id as SessionId;
    out.push(entry);
  });
  return out;
}

/** One `joined_by_video` adjustment per on-site session remote-only people join by video. */
function videoJoins(ctx: Context): PlanAdjustment[] {
  return ctx.drafts
    .filter((d) => d.status === "scheduled" && d.video.length > 0)
    .map((d) => {
      const activity = ctx.activities[d.activity] as Activity;
      return {
        kind: "joined_by_video" as const,
        activityId: activity.id as ActivityId,
        sessionId: d.id as SessionId,
        participantIds: [...d.video].sort((x, y) => x - y).map((p) => ctx.cohort.participants[p]?.id as ParticipantId),
        message: `Too few remote-only participants for a remote ${activity.id} group of ${activity.minGroupSize}: ${d.video.length} join ${d.id} by video.`,
      };
    });
}

/** The public plan of a planned context. */
export function finishPlan(ctx: Context, revision: number, given?: Session[]): CohortPlan {
  explainUnplaced(ctx);
  const sessions = given ?? toSessions(ctx);
  const adjustments = [
    ...ctx.adjustments.filter((x) => x.kind !== "equipment_unverified" && x.kind !== "joined_by_video"),
    ...videoJoins(ctx),
    ...equipmentUnverified(ctx),
  ];
  return {
    version: 1,
    template: ctx.template,
    cohort: ctx.cohort,
    options: ctx.options,
    timeZone: ctx.timeZone,
    days: ctx.days.map(dayToIso),
    revision,
    sessions,
    assignments: toAssignments(sessions),
    unmet: ctx.unmet,
    adjustments,
    load: loadReport(ctx),
  };
}
