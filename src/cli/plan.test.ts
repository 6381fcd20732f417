import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIcs, PARCOURS_EXPRESS, planCohort } from "../curriculum/index.js";
import { defuse, writePlanOutputs } from "./plan.js";

describe("writePlanOutputs", () => {
  it("writes for each participant and room exactly the calendar formatIcs gives on the whole plan", () => {
    const plan = planCohort(PARCOURS_EXPRESS, {
      id: "c",
      title: "Cohorte",
      startDate: "2024-02-05",
      participants: Array.from({ length: 12 }, (_, i) => ({
        id: `p${i}`,
        name: `Personne ${i}`,
        remoteOnly: i === 11,
      })),
      resources: [
        { id: "amphi", kind: "room", name: "Amphi", capacity: 40 },
        { id: "salle", kind: "room", name: "Salle", capacity: 8 },
        { id: "f1", kind: "facilitator", name: "F1" },
        { id: "f2", kind: "facilitator", name: "F2" },
        { id: "s1", kind: "speaker", name: "S1" },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), "declics-plan-out-"));
    const stamp = new Date("2024-01-15T08:00:00Z");
    try {
      expect(writePlanOutputs(plan, dir, ";", stamp)).toBe(4 + 12 + 2);
      for (const p of plan.cohort.participants) {
        expect(readFileSync(join(dir, "calendriers", "participants", `${p.id}.ics`), "utf8")).toBe(
          formatIcs(plan, { stamp, audience: { participantId: p.id } }),
        );
      }
      for (const r of ["amphi", "salle"])
        expect(readFileSync(join(dir, "calendriers", "salles", `${r}.ics`), "utf8")).toBe(
          formatIcs(plan, { stamp, audience: { resourceId: r } }),
        );
      expect(readFileSync(join(dir, "calendriers", "cohorte.ics"), "utf8")).toBe(formatIcs(plan, { stamp }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("defuses spreadsheet formulas only", () => {
    expect(["=1+1", "+33", "-2", "@x", "Léa", "12:00", ""].map(defuse)).toEqual([
      "'=1+1",
      "'+33",
      "'-2",
      "'@x",
      "Léa",
      "12:00",
      "",
    ]);
  });
});
