/**
 * Cross-module: the progress records of declics/curriculum feed the funnels of declics/diversity.
 */
import { describe, expect, it } from "vitest";
import { computeProgress, PARCOURS_EXPRESS, planCohort } from "../../src/curriculum/index.js";
import { computeFunnel, participantRecordsFromProgress } from "../../src/diversity/index.js";

describe("curriculum progress -> diversity funnel", () => {
  it("a planned cohort's progress becomes a funnel by gender", () => {
    const participants = [
      { id: "p1", gender: "female", territoryKind: "qpv", ageBand: "under_26" },
      { id: "p2", gender: "male", territoryKind: "zrr", ageBand: "26_49" },
      { id: "p3", gender: "female", territoryKind: "qpv", ageBand: "26_49" },
      { id: "p4", gender: "male", territoryKind: "qpv", ageBand: "50_plus" },
      { id: "p5", gender: "male", territoryKind: "other", ageBand: "under_26" },
    ] as const;
    const plan = planCohort(PARCOURS_EXPRESS, {
      id: "demo",
      title: "Démo",
      startDate: "2020-09-28",
      participants: participants.map((p) => ({ ...p })),
      resources: [
        { id: "room", kind: "room", name: "Salle 1", capacity: 30 },
        { id: "f1", kind: "facilitator", name: "Conseillère" },
        { id: "f2", kind: "facilitator", name: "Conseiller" },
        { id: "s1", kind: "speaker", name: "Intervenante" },
      ],
    });
    const first = plan.sessions[0];
    if (!first) throw new Error("no session planned");
    const attendance = participants.map((p) => ({
      participantId: p.id,
      sessionId: first.id,
      status: "present" as const,
    }));
    const { records } = computeProgress(plan, attendance, [{ participantId: "p2", kind: "job", date: "2020-11-02" }]);
    const people = participantRecordsFromProgress(records, { cohort: "demo" });
    expect(people).toHaveLength(5);
    const funnel = computeFunnel(people, { by: ["gender"] });
    const men = funnel.rows.filter((r) => r.gender === "male");
    expect(men[0]?.reached).toBe(3); // all registered
    expect(men[5]?.reached).toBe(1); // p2 hired
  });
});
