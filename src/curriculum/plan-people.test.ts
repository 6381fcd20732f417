import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { planViolations } from "./__fixtures__/check-plan.js";
import { seedCohort } from "./__fixtures__/seed-cohort.js";
import { formatIcs } from "./format-ics.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { planCohort } from "./plan-cohort.js";
import { replanCohort } from "./replan-cohort.js";
import type { CohortInput, CohortPlan } from "./schema.js";

/** Issue #15, "people dropped" and "re-planning that cannot crash". */

const balanceOn = ["gender", "territoryKind"] as ("gender" | "territoryKind")[];
const base = planCohort(PARCOURS_EXPRESS, seedCohort(), { balanceOn });
const stamp = "2020-09-20T08:00:00Z";

function withRemoteOnly(count: number): CohortInput {
  const cohort = seedCohort();
  return { ...cohort, participants: cohort.participants.map((p, i) => ({ ...p, remoteOnly: i < count })) };
}

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isDeclicsError(error) ? error.code : `untyped ${String(error)}`;
  }
  return "no error";
}

describe("remote-only participants", () => {
  it.each([1, 2, 3, 4])("places %i remote-only people among 200 in every activity, saying how", (count) => {
    const plan = planCohort(PARCOURS_EXPRESS, withRemoteOnly(count), { balanceOn });
    expect(planViolations(plan)).toEqual([]);
    expect(plan.unmet).toEqual([]);
    expect(plan.assignments).toHaveLength(200 * PARCOURS_EXPRESS.activities.length);
    const remote = new Set(plan.cohort.participants.filter((p) => p.remoteOnly).map((p) => p.id as string));
    // Every session a remote-only person is in is remote, or an on-site one they join by video (said).
    for (const s of plan.sessions.filter((x) => x.participantIds.some((p) => remote.has(p)))) {
      for (const p of s.participantIds.filter((x) => remote.has(x))) {
        if (s.modality === "remote") continue;
        expect(s.videoParticipantIds).toContain(p);
        expect(
          plan.adjustments?.some(
            (x) => x.kind === "joined_by_video" && x.sessionId === s.id && x.participantIds.includes(p),
          ),
        ).toBe(true);
      }
    }
  });

  it("relaxes the minimum, and says so, when no on-site session can take them by video", () => {
    const cohort = withRemoteOnly(2);
    cohort.resources = cohort.resources.map((r) =>
      r.kind === "room" ? { ...r, equipment: (r.equipment ?? []).filter((e) => e !== "videoconference") } : r,
    );
    const plan = planCohort(PARCOURS_EXPRESS, cohort, { balanceOn });
    expect(planViolations(plan)).toEqual([]);
    expect(plan.unmet).toEqual([]);
    const relaxed = plan.adjustments?.filter((x) => x.kind === "minimum_relaxed") ?? [];
    expect(relaxed.length).toBeGreaterThan(0);
    expect(relaxed.every((x) => x.message.includes("minimum"))).toBe(true);
  });
});

describe("replanCohort places everyone a fresh plan places", () => {
  it("loses the amphitheatre: as many placements as planning afresh without it, emptied sessions cancelled", () => {
    const next = replanCohort(base, { kind: "lose_resource", resourceId: "plenary" });
    const fresh = planCohort(
      PARCOURS_EXPRESS,
      { ...seedCohort(), resources: seedCohort().resources.filter((r) => r.id !== "plenary") },
      { balanceOn },
    );
    expect(planViolations(next)).toEqual([]);
    expect(next.assignments.length).toBeGreaterThanOrEqual(fresh.assignments.length);
    expect(next.assignments).toHaveLength(2000);
    expect(next.sessions.filter((s) => s.status === "scheduled" && s.participantIds.length === 0)).toEqual([]);
    const cancelled = next.sessions.filter((s) => s.status === "cancelled");
    expect(cancelled.length).toBeGreaterThan(0);
    for (const s of cancelled) expect(s.sequence).toBe((base.sessions.find((b) => b.id === s.id)?.sequence ?? -1) + 1);
  });

  it("cancelling any one of 60 sessions drops nobody", () => {
    for (const s of base.sessions
      .filter((x) => x.status === "scheduled")
      .filter((_, i) => i % 5 === 0)
      .slice(0, 60)) {
      const next = replanCohort(base, { kind: "cancel_session", sessionId: s.id });
      expect(next.assignments.length, s.id).toBe(base.assignments.length);
      expect(planViolations(next), s.id).toEqual([]);
    }
  });

  it("sends people moved out of a session a cancellation of it (same UID, higher SEQUENCE)", () => {
    const next = replanCohort(base, { kind: "lose_resource", resourceId: "plenary" });
    const moved = next.sessions.find((s) => s.status === "scheduled" && (s.removedParticipantIds?.length ?? 0) > 0);
    const person = moved?.removedParticipantIds?.[0];
    if (moved === undefined || person === undefined) throw new Error("fixture: nobody moved");
    const feed = formatIcs(next, { audience: { participantId: person }, stamp });
    const event = feed.split("BEGIN:VEVENT").find((e) => e.includes(`UID:${moved.id}.`));
    expect(event).toContain("STATUS:CANCELLED");
    expect(event).toContain(`SEQUENCE:${moved.sequence}`);
    const cancel = formatIcs(next, { audience: { participantId: person }, stamp, method: "cancel" });
    expect(cancel).toContain("METHOD:CANCEL");
    expect(cancel).not.toContain("STATUS:CONFIRMED");
    expect(cancel).toContain(`UID:${moved.id}.`);
  });
});

describe("re-planning that cannot crash", () => {
  it("copes with an edited cohort.closedDays (no RangeError): sessions of the closed day move", () => {
    const edited: CohortPlan = { ...base, cohort: { ...base.cohort, closedDays: ["2020-10-01"] } };
    const next = replanCohort(edited, { kind: "cancel_session", sessionId: base.sessions[0]?.id as string });
    expect(planViolations(next)).toEqual([]);
    expect(next.days).not.toContain("2020-10-01");
    expect(next.sessions.filter((s) => s.status === "scheduled" && s.date === "2020-10-01")).toEqual([]);
    expect(next.assignments).toHaveLength(base.assignments.length);
  });

  it("closes a day with a close_day change, cancelling (SEQUENCE + 1) what was on it", () => {
    const next = replanCohort(base, { kind: "close_day", date: "2020-10-05" });
    expect(planViolations(next)).toEqual([]);
    expect(next.cohort.closedDays).toContain("2020-10-05");
    expect(next.days.at(-1)).toBe("2020-10-12");
    const onThatDay = base.sessions.filter((s) => s.date === "2020-10-05");
    for (const s of onThatDay) {
      const after = next.sessions.find((x) => x.id === s.id);
      expect(after?.date === "2020-10-05" && after.status === "scheduled").toBe(false);
      expect(after?.sequence).toBe(s.sequence + 1);
    }
    expect(next.assignments).toHaveLength(base.assignments.length);
  });

  it("adds a participant who joins, in every activity, changing no one else's sessions but the ones they join", () => {
    const next = replanCohort(base, {
      kind: "add_participant",
      participant: { id: "late", gender: "female", territoryKind: "zrr" },
    });
    expect(planViolations(next)).toEqual([]);
    expect(next.assignments.filter((a) => a.participantId === "late")).toHaveLength(PARCOURS_EXPRESS.activities.length);
    for (const c of next.changes ?? []) {
      const s = next.sessions.find((x) => x.id === c.sessionId);
      expect(s?.participantIds).toContain("late");
    }
    expect(errorCode(() => replanCohort(base, { kind: "add_participant", participant: { id: "p001" } }))).toBe(
      "invalid_option",
    );
  });

  it("withdraws a participant from a date on: out of later sessions (with a cancellation), kept in earlier ones", () => {
    const next = replanCohort(base, { kind: "withdraw_participant", participantId: "p010", fromDate: "2020-10-05" });
    expect(planViolations(next)).toEqual([]);
    const theirs = next.sessions.filter((s) => s.status === "scheduled" && s.participantIds.includes("p010" as never));
    expect(theirs.every((s) => s.date < "2020-10-05")).toBe(true);
    expect(theirs.length).toBeGreaterThan(0);
    const feed = formatIcs(next, { audience: { participantId: "p010" }, stamp });
    expect(feed).toContain("STATUS:CANCELLED");
    expect(next.unmet.some((u) => u.participantIds.includes("p010" as never))).toBe(false);
    const again = replanCohort(next, {
      kind: "cancel_session",
      sessionId: next.sessions.find((s) => s.status === "scheduled")?.id as string,
    });
    expect(planViolations(again)).toEqual([]);
  });

  it("refuses an inconsistent previous plan with invalid_plan naming what is wrong", () => {
    const s0 = base.sessions[0];
    if (s0 === undefined) throw new Error("fixture");
    const cases: Array<[string, CohortPlan]> = [
      ["appears twice", { ...base, sessions: [...base.sessions, s0] }],
      ["not in the cohort", { ...base, cohort: { ...base.cohort, participants: base.cohort.participants.slice(1) } }],
      [
        "which the template does not have",
        { ...base, sessions: [{ ...s0, activityId: "nope" as never }, ...base.sessions.slice(1)] },
      ],
      ["assignments", { ...base, assignments: base.assignments.slice(1) }],
      [
        "at the same time",
        {
          ...base,
          sessions: base.sessions.map((s) =>
            s.activityId === "digital-skills-test" && s.participantIds.includes(s0.participantIds[0] as never)
              ? { ...s, date: s0.date, start: s0.start, end: s0.end, startUtc: s0.startUtc, endUtc: s0.endUtc }
              : s,
          ),
        },
      ],
    ];
    for (const [words, plan] of cases) {
      try {
        replanCohort(plan, { kind: "close_day", date: "2020-10-05" });
        expect.unreachable(words);
      } catch (error) {
        expect(isDeclicsError(error, "invalid_plan") || isDeclicsError(error, "invalid_input"), String(error)).toBe(
          true,
        );
        if (isDeclicsError(error, "invalid_plan")) expect(error.message).toContain(words);
      }
    }
  });
});
