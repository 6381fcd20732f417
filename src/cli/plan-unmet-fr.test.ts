import { describe, expect, it } from "vitest";
import { PARCOURS_EXPRESS, planCohort } from "../curriculum/index.js";
import { describeUnmetFr } from "./plan-unmet-fr.js";

describe("describeUnmetFr", () => {
  const plan = planCohort(PARCOURS_EXPRESS, {
    id: "c",
    title: "C",
    startDate: "2024-02-05",
    participants: [{ id: "p1", name: "Léa", remoteOnly: true }, { id: "p2" }, { id: "p3" }, { id: "p4" }, { id: "p5" }],
    resources: [
      { id: "room", kind: "room", name: "Salle", capacity: 30 },
      { id: "f1", kind: "facilitator", name: "F" },
    ],
  });

  it("says each unmet constraint in French with the activity and the people", () => {
    const lines = describeUnmetFr(plan);
    expect(lines).toHaveLength(plan.unmet.length);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^« .+ » |^Le parcours/);
    expect(lines.join("\n")).toMatch(/personne/);
  });

  it("keeps a reason it does not know, with the planner's message", () => {
    const odd = {
      ...plan,
      unmet: [
        {
          reason: "equipment_missing",
          activityId: "digital-skills-test",
          participantIds: [],
          resourceIds: [],
          message: "no computers",
        },
      ],
    } as unknown as typeof plan;
    expect(describeUnmetFr(odd)[0]).toMatch(/contrainte non satisfaite \(equipment_missing\).*no computers/);
  });
});
