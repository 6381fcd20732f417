import type { Context, Draft } from "./_context.js";
import { explainUnplaced } from "./_explain.js";
import { finishPlan } from "./_finish.js";
import { toSession } from "./_sessions.js";
import type { CohortPlan, ParticipantId, ResourceId, Session, SessionId, UnmetConstraint } from "./schema.js";

/** Turning a repaired context back into a plan: sequences, cancellations, removals, changes. */

type Change = NonNullable<CohortPlan["changes"]>[number];

/** A session with its keys in the order planCohort writes them (so unchanged sessions compare equal). */
export function canonical(s: Session): Session {
  const out: Session = {
    id: s.id,
    activityId: s.activityId,
    phaseId: s.phaseId,
    date: s.date,
    start: s.start,
    end: s.end,
    startUtc: s.startUtc,
    endUtc: s.endUtc,
    modality: s.modality,
    facilitatorIds: s.facilitatorIds,
    speakerIds: s.speakerIds,
    participantIds: s.participantIds,
    status: s.status,
    sequence: s.sequence,
  };
  if (s.roomId !== undefined) out.roomId = s.roomId;
  if (s.videoParticipantIds !== undefined) out.videoParticipantIds = s.videoParticipantIds;
  if (s.removedParticipantIds !== undefined && s.removedParticipantIds.length > 0)
    out.removedParticipantIds = s.removedParticipantIds;
  if (s.removedResourceIds !== undefined && s.removedResourceIds.length > 0)
    out.removedResourceIds = s.removedResourceIds;
  return out;
}

/** (old removed ∪ (old holders − new holders)) − new holders, sorted. */
function removedOf<T extends string>(
  oldRemoved: readonly T[] | undefined,
  oldHolders: readonly T[],
  newHolders: readonly T[],
): T[] | undefined {
  const now = new Set<string>(newHolders);
  const out = [...new Set([...(oldRemoved ?? []), ...oldHolders])].filter((x) => !now.has(x)).sort();
  return out.length === 0 ? undefined : out;
}

function holders(s: Session): ResourceId[] {
  return [...(s.roomId === undefined ? [] : [s.roomId]), ...s.facilitatorIds, ...s.speakerIds];
}

/** The new version of a previous session, its sequence raised when anything in it changed. */
function revise(ctx: Context, d: Draft, old: Session): Session {
  if (d.status === "cancelled") {
    if (old.status === "cancelled") return canonical(old);
    return canonical({ ...old, status: "cancelled", sequence: old.sequence + 1 });
  }
  const s = toSession(ctx, { ...d, sequence: old.sequence });
  const removedP = removedOf<ParticipantId>(old.removedParticipantIds, old.participantIds, s.participantIds);
  const removedR = removedOf<ResourceId>(old.removedResourceIds, holders(old), holders(s));
  if (removedP !== undefined) s.removedParticipantIds = removedP;
  if (removedR !== undefined) s.removedResourceIds = removedR;
  const out = canonical(s);
  if (JSON.stringify(out) !== JSON.stringify(canonical(old))) out.sequence = old.sequence + 1;
  return out;
}

/** Previous unmet entries, narrowed to the people who are still without a session of that activity. */
function carriedUnmet(ctx: Context, plan: CohortPlan, sessions: readonly Session[]): UnmetConstraint[] {
  const placed = new Set<string>();
  for (const s of sessions)
    if (s.status === "scheduled") for (const p of s.participantIds) placed.add(`${p}|${s.activityId}`);
  const withdrawn = new Set(
    ctx.cohort.participants.filter((p) => p.withdrawnOn !== undefined).map((p) => p.id as string),
  );
  return plan.unmet.flatMap((u) => {
    if (u.participantIds.length === 0) return [u];
    const still = u.participantIds.filter((p) => !withdrawn.has(p) && !placed.has(`${p}|${u.activityId ?? ""}`));
    return still.length === 0 ? [] : [{ ...u, participantIds: still }];
  });
}

/** The re-planned plan: every session revised against its previous version, `changes` listing the differences. */
export function finishReplan(ctx: Context, plan: CohortPlan): CohortPlan {
  const previous = new Map(plan.sessions.map((s) => [s.id as string, s]));
  const sessions: Session[] = [];
  const changes: Change[] = [];
  for (const d of ctx.drafts) {
    const old = previous.get(d.id);
    if (old === undefined) {
      if (d.status !== "scheduled") continue;
      sessions.push(toSession(ctx, d));
      changes.push({ sessionId: d.id as SessionId, kind: "created" });
      continue;
    }
    const s = revise(ctx, d, old);
    if (s.sequence !== old.sequence)
      changes.push({ sessionId: s.id, kind: s.status === "cancelled" ? "cancelled" : "changed" });
    sessions.push(s);
  }
  const order = new Map(ctx.activities.map((a, i) => [a.id as string, i]));
  sessions.sort(
    (x, y) =>
      (x.startUtc < y.startUtc ? -1 : x.startUtc > y.startUtc ? 1 : 0) ||
      (order.get(x.activityId) ?? 0) - (order.get(y.activityId) ?? 0) ||
      (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  changes.sort((x, y) => (x.sessionId < y.sessionId ? -1 : 1));
  ctx.unmet = [...carriedUnmet(ctx, plan, sessions), ...ctx.unmet];
  explainUnplaced(ctx);
  const live = new Set(sessions.filter((s) => s.status === "scheduled").map((s) => s.id as string));
  ctx.adjustments = [
    ...(plan.adjustments ?? []).filter(
      (x) => x.kind !== "equipment_unverified" && (x.sessionId === undefined || live.has(x.sessionId)),
    ),
    ...ctx.adjustments,
  ];
  return { ...finishPlan(ctx, plan.revision + 1, sessions), changes };
}
