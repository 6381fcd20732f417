import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedCohort } from "./__fixtures__/seed-cohort.js";
import { parseCohort, safeParseCohort } from "./parse-cohort.js";

describe("parseCohort / safeParseCohort", () => {
  it("fills defaults and keeps the seed cohort", () => {
    const cohort = parseCohort(seedCohort(5));
    expect(cohort.openingHours).toEqual({
      opens: "09:00",
      closes: "17:30",
      breaks: [{ start: "12:30", end: "13:30" }],
    });
    expect(cohort.participants.length).toBe(5);
  });

  it("names the faulty field", () => {
    const bad = { ...seedCohort(3), timeZone: "Europe/Toulouse" };
    const result = safeParseCohort(bad);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.details.issues.map((i) => i.path)).toEqual(["timeZone"]);
    const wrongDay = seedCohort(3);
    wrongDay.participants[1] = { ...wrongDay.participants[1]!, unavailableDays: ["2020-13-01"] };
    expect(() => parseCohort(wrongDay)).toThrow(/participants\.1\.unavailableDays\.0/);
    const dupResource = seedCohort(2);
    dupResource.resources = [...dupResource.resources, { id: "lab-1", kind: "room", name: "Doublon", capacity: 4 }];
    expect(() => parseCohort(dupResource)).toThrow(/resources\.\d+\.id/);
  });

  it("property: only real calendar dates are accepted as the start date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
          expect(safeParseCohort({ ...seedCohort(1), startDate: iso }).success).toBe(real);
        },
      ),
      { numRuns: 200 },
    );
  });
});
