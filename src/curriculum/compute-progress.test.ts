import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { seedCohort } from "./__fixtures__/seed-cohort.js";
import { computeProgress } from "./compute-progress.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { planCohort } from "./plan-cohort.js";
import { replanCohort } from "./replan-cohort.js";
import { ProgressReport } from "./__fixtures__/progress-report-schema.js";
import type { AttendanceRecord, OutcomeRecord } from "./schema.js";

const plan = planCohort(PARCOURS_EXPRESS, seedCohort(40));
const everyone: AttendanceRecord[] = plan.assignments.map((a) => ({
  participantId: a.participantId,
  sessionId: a.sessionId,
  status: "present",
}));

describe("computeProgress", () => {
  it("gives nothing-yet records before any attendance", () => {
    const { records, issues } = computeProgress(plan, []);
    expect(issues).toEqual([]);
    expect(records.length).toBe(40);
    const first = records[0];
    expect(first).toMatchObject({
      stage: "registered",
      completion: 0,
      outcome: null,
      attendance: { rate: null, rateUnavailable: "no_attendance_recorded" },
    });
    expect(first?.stages).toEqual([{ stage: "registered", date: "2020-09-28" }]);
    expect(first?.nextStep).toMatchObject({ kind: "session", activityId: "welcome", date: "2020-09-28" });
  });

  it("completes every phase when everyone attends, with stage dates from the sessions", () => {
    const { records } = computeProgress(plan, everyone);
    const unmet = new Set(plan.unmet.flatMap((u) => u.participantIds as string[]));
    for (const r of records.filter((x) => unmet.has(x.participantId)))
      expect(r.nextStep).toMatchObject({ kind: "reschedule", reason: "not_planned" });
    for (const r of records.filter((x) => !unmet.has(x.participantId))) {
      expect(r.completion).toBe(1);
      expect(r.attendance.rate).toBe(1);
      expect(r.stage).toBe("met_training_or_employers");
      expect(r.stages.map((s) => s.stage)).toEqual([
        "registered",
        "assessed",
        "workshops",
        "met_training_or_employers",
      ]);
      expect(r.nextStep).toEqual({ kind: "record_outcome" });
    }
    const r = records[0];
    const assessedOn = plan.sessions
      .filter((s) => s.phaseId === "tests" && s.participantIds.includes(r!.participantId))
      .map((s) => s.date)
      .sort()
      .at(-1);
    expect(r?.stages[1]).toEqual({ stage: "assessed", date: assessedOn });
    expect(r?.gender).toBe(plan.cohort.participants[0]?.gender);
    expect(r?.territoryKind).toBe(plan.cohort.participants[0]?.territoryKind);
  });

  it("turns outcomes into entered_training / hired stages", () => {
    const outcomes: OutcomeRecord[] = [
      { participantId: "p001" as never, kind: "training_entered", date: "2020-11-02" },
      { participantId: "p001" as never, kind: "job", date: "2021-06-01" },
      { participantId: "p002" as never, kind: "other", date: "2020-10-20" },
    ];
    const { records } = computeProgress(plan, everyone, outcomes);
    expect(records[0]?.stage).toBe("hired");
    expect(records[0]?.stages.slice(-2)).toEqual([
      { stage: "entered_training", date: "2020-11-02" },
      { stage: "hired", date: "2021-06-01" },
    ]);
    expect(records[0]?.outcome).toEqual({ kind: "job", date: "2021-06-01" });
    expect(records[0]?.nextStep).toEqual({ kind: "done" });
    expect(records[1]?.outcome).not.toBeNull();
    expect(records[1]?.outcome?.kind).toBe("other");
  });

  it("asks for a new session after an absence or a cancellation, and computes the rate", () => {
    const who = plan.cohort.participants.find((p) => !plan.unmet.some((u) => u.participantIds.includes(p.id)))
      ?.id as string;
    const workshop = plan.assignments.find((a) => a.participantId === who && a.activityId === "workshop-first-code");
    const rows = everyone.map((r) =>
      r.participantId === who && r.sessionId === workshop?.sessionId ? { ...r, status: "absent" as const } : r,
    );
    const rec = computeProgress(plan, rows).records.find((r) => r.participantId === who);
    expect(rec?.nextStep).toEqual({ kind: "reschedule", activityId: "workshop-first-code", reason: "absent" });
    expect(rec?.attendance.rate).toBeCloseTo(9 / 10);
    expect(rec?.phases.find((p) => p.phaseId === "role-models-workshops")?.completion).toBeCloseTo(3 / 4);
    expect(rec?.stage).toBe("assessed");
  });

  it("lists unusable rows instead of dropping them", () => {
    const rows: AttendanceRecord[] = [
      { participantId: "ghost" as never, sessionId: everyone[0]!.sessionId, status: "present" },
      { participantId: everyone[0]!.participantId, sessionId: "nope" as never, status: "present" },
      { ...everyone[0]!, status: "absent" },
      everyone[0]!,
    ];
    const { issues, records } = computeProgress(plan, rows, [
      { participantId: "ghost" as never, kind: "job", date: "2021-01-01" },
    ]);
    expect(issues).toEqual([
      { source: "attendance", index: 0, reason: "unknown_participant" },
      { source: "attendance", index: 1, reason: "unknown_session" },
      { source: "attendance", index: 2, reason: "duplicate_record_superseded" },
      { source: "outcomes", index: 0, reason: "unknown_participant" },
    ]);
    expect(records.find((r) => r.participantId === everyone[0]!.participantId)?.attendance.present).toBe(1);
  });

  it("follows re-plans: a cancelled session is replaced by the new one", () => {
    const target = plan.sessions.find((s) => s.activityId === "welcome")!;
    const next = replanCohort(plan, { kind: "cancel_session", sessionId: target.id });
    const who = target.participantIds[0]!;
    const step = computeProgress(next, []).records.find((r) => r.participantId === who)?.nextStep;
    expect(step?.kind === "session" && step.sessionId !== target.id).toBe(true);
  });

  it("rejects malformed attendance with invalid_input naming the row", () => {
    try {
      computeProgress(plan, [{ participantId: "p001", sessionId: "x", status: "late" } as never]);
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
      if (isDeclicsError(error, "invalid_input")) expect(error.details.issues[0]?.path).toBe("0.status");
    }
  });

  it("property: shares stay in [0, 1] (or null with a reason), one record per participant, stages in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("present", "absent", "excused", "missing"), {
          minLength: everyone.length,
          maxLength: everyone.length,
        }),
        (statuses) => {
          const rows = everyone.flatMap((r, i) =>
            statuses[i] === "missing" ? [] : [{ ...r, status: statuses[i] as AttendanceRecord["status"] }],
          );
          const report = computeProgress(plan, rows);
          expect(ProgressReport.safeParse(report).success).toBe(true);
          expect(report.records.map((r) => r.participantId)).toEqual(plan.cohort.participants.map((p) => p.id));
          for (const r of report.records) {
            expect(r.completion).toBeGreaterThanOrEqual(0);
            expect(r.completion).toBeLessThanOrEqual(1);
            if (r.attendance.rate === null)
              expect(r.attendance.rateUnavailable).toBe(
                r.attendance.excused > 0 ? "all_excused" : "no_attendance_recorded",
              );
            expect(r.stages[0]?.stage).toBe("registered");
            expect(r.stage).toBe(r.stages.at(-1)?.stage);
            expect(r.completion === 1).toBe(r.nextStep.kind === "record_outcome");
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
