import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { planViolations } from "./__fixtures__/check-plan.js";
import { seedCohort } from "./__fixtures__/seed-cohort.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { planCohort } from "./plan-cohort.js";
import { replanCohort } from "./replan-cohort.js";
import type { CohortPlan, Session } from "./schema.js";

const base = planCohort(PARCOURS_EXPRESS, seedCohort(), { balanceOn: ["gender", "territoryKind"] });

/** Sessions of `after` that differ from (or are absent in) `before`. */
function differing(before: CohortPlan, after: CohortPlan): string[] {
  const old = new Map(before.sessions.map((s) => [s.id as string, s]));
  return after.sessions
    .filter((s) => JSON.stringify(s) !== JSON.stringify(old.get(s.id)))
    .map((s) => s.id as string)
    .sort();
}

function sessionsUsing(plan: CohortPlan, resourceId: string): Session[] {
  return plan.sessions.filter(
    (s) =>
      s.status === "scheduled" &&
      (s.roomId === resourceId ||
        s.facilitatorIds.includes(resourceId as never) ||
        s.speakerIds.includes(resourceId as never)),
  );
}

describe("replanCohort", () => {
  it("moves a session and leaves every unaffected session identical", () => {
    // The first on-site workshop, date and time (days 3-7, 09:00 or 14:00) where the move is possible.
    let found: { target: Session; next: CohortPlan; date: string; start: string } | undefined;
    for (const date of base.days.slice(2, 7)) {
      for (const start of ["14:00", "09:00"]) {
        for (const target of base.sessions.filter(
          (s) => s.activityId === "workshop-online-profile" && s.modality === "on_site" && s.date !== date,
        )) {
          const next = replanCohort(base, { kind: "move_session", sessionId: target.id, date, start });
          if (next.unmet.length === base.unmet.length) found ??= { target, next, date, start };
          if (found !== undefined) break;
        }
        if (found !== undefined) break;
      }
      if (found !== undefined) break;
    }
    if (found === undefined) throw new Error("fixture: no workshop can move");
    const { target, next } = found;
    expect(planViolations(next)).toEqual([]);
    const moved = next.sessions.find((s) => s.id === target.id);
    expect(moved).toMatchObject({ date: found.date, start: found.start, sequence: 1 });
    expect(moved?.startUtc).toBe(`${found.date}T${found.start === "14:00" ? "12" : "07"}:00:00.000Z`);
    const changedIds = (next.changes ?? []).map((c) => c.sessionId as string).sort();
    expect(differing(base, next)).toEqual(changedIds);
    expect(changedIds).toContain(target.id);
    expect(changedIds.length).toBeLessThan(6);
    expect(next.revision).toBe(1);
    expect(next.assignments.length).toBe(base.assignments.length);
  });

  it("refuses an impossible move with a reason and changes nothing", () => {
    const target = base.sessions[5] as Session;
    const weekend = replanCohort(base, {
      kind: "move_session",
      sessionId: target.id,
      date: "2020-10-03",
      start: "10:00",
    });
    expect(weekend.sessions).toEqual(base.sessions);
    expect(weekend.unmet.at(-1)).toMatchObject({ reason: "moved_session_infeasible", sessionId: target.id });
    const lunch = replanCohort(base, { kind: "move_session", sessionId: target.id, date: target.date, start: "12:45" });
    expect(lunch.sessions).toEqual(base.sessions);
    expect(lunch.unmet.at(-1)?.reason).toBe("moved_session_infeasible");
  });

  it("replaces a lost facilitator from a date on, touching only that person's sessions", () => {
    const lost = "counsellor-3";
    const touched = sessionsUsing(base, lost)
      .filter((s) => s.date >= "2020-10-05")
      .map((s) => s.id as string)
      .sort();
    expect(touched.length).toBeGreaterThan(0);
    const next = replanCohort(base, { kind: "lose_resource", resourceId: lost, fromDate: "2020-10-05" });
    expect(planViolations(next)).toEqual([]);
    expect(sessionsUsing(next, lost).every((s) => s.date < "2020-10-05")).toBe(true);
    expect(differing(base, next)).toEqual(touched);
    for (const id of touched) {
      const before = base.sessions.find((s) => s.id === id);
      const after = next.sessions.find((s) => s.id === id);
      expect(after?.sequence).toBe((before?.sequence ?? 0) + 1);
      expect(after?.participantIds).toEqual(before?.participantIds);
    }
  });

  it("moves or cancels sessions when a room is lost and no substitute exists, re-seating people", () => {
    const next = replanCohort(base, { kind: "lose_resource", resourceId: "plenary" });
    expect(planViolations(next)).toEqual([]);
    expect(sessionsUsing(next, "plenary")).toEqual([]);
    const cancelled = next.sessions.filter((s) => s.status === "cancelled");
    for (const s of cancelled) expect(s.sequence).toBeGreaterThan(0);
    // Everyone still has a welcome session, or is named in unmet.
    const welcomed = new Set(
      next.assignments.filter((a) => a.activityId === "welcome").map((a) => a.participantId as string),
    );
    const said = new Set(
      next.unmet
        .filter((u) => u.activityId === "welcome" && u.reason !== "resource_lost")
        .flatMap((u) => u.participantIds as string[]),
    );
    for (const p of next.cohort.participants) expect(welcomed.has(p.id) || said.has(p.id)).toBe(true);
  });

  it("cancels a session and re-seats its participants in other sessions of the activity", () => {
    const target = base.sessions.find(
      (s) => s.activityId === "workshop-first-code" && s.modality === "on_site",
    ) as Session;
    const next = replanCohort(base, { kind: "cancel_session", sessionId: target.id });
    expect(planViolations(next)).toEqual([]);
    expect(next.sessions.find((s) => s.id === target.id)).toMatchObject({ status: "cancelled", sequence: 1 });
    const seated = new Set(
      next.assignments.filter((a) => a.activityId === "workshop-first-code").map((a) => a.participantId as string),
    );
    const said = new Set(next.unmet.flatMap((u) => u.participantIds as string[]));
    for (const p of target.participantIds) expect(seated.has(p) || said.has(p)).toBe(true);
  });

  it("rejects an unknown session or resource with invalid_option", () => {
    try {
      replanCohort(base, { kind: "cancel_session", sessionId: "nope" });
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_option")).toBe(true);
    }
    expect(() => replanCohort(base, { kind: "lose_resource", resourceId: "nobody" })).toThrow(/resource/);
  });

  it("property: any change keeps the invariants, and sessions outside `changes` stay identical", () => {
    const plan = planCohort(PARCOURS_EXPRESS, seedCohort(60));
    const scheduled = plan.sessions.filter((s) => s.status === "scheduled");
    const change = fc.oneof(
      fc.record({
        kind: fc.constant("move_session" as const),
        sessionId: fc.constantFrom(...scheduled.map((s) => s.id as string)),
        date: fc.constantFrom(...plan.days),
        start: fc.constantFrom("09:00", "09:30", "10:15", "13:30", "14:00", "15:45"),
      }),
      fc.record({
        kind: fc.constant("cancel_session" as const),
        sessionId: fc.constantFrom(...scheduled.map((s) => s.id as string)),
      }),
      fc.record({
        kind: fc.constant("lose_resource" as const),
        resourceId: fc.constantFrom(...plan.cohort.resources.map((r) => r.id as string)),
        fromDate: fc.constantFrom(...plan.days),
      }),
    );
    fc.assert(
      fc.property(change, (c) => {
        const next = replanCohort(plan, c);
        expect(planViolations(next)).toEqual([]);
        expect(differing(plan, next)).toEqual((next.changes ?? []).map((x) => x.sessionId as string).sort());
      }),
      { numRuns: 30 },
    );
  });
});
