import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { loadSchoolCalendar } from "../data/load-school-calendar.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { tinySchoolCalendar } from "./__fixtures__/school-calendar-fixture.js";
import { listSchoolHolidays } from "./list-school-holidays.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { parseCohort } from "./parse-cohort.js";
import { planCohort } from "./plan-cohort.js";
import type { CohortInput } from "./schema.js";

function cohort(startDate: string, extra: Partial<CohortInput> = {}): CohortInput {
  return {
    id: "c",
    title: "Cohorte",
    startDate,
    participants: [{ id: "p1" }, { id: "p2" }, { id: "p3" }, { id: "p4" }, { id: "p5" }],
    resources: [
      { id: "room", kind: "room", name: "Salle 1", capacity: 30 },
      { id: "f1", kind: "facilitator", name: "Conseillère" },
      { id: "s1", kind: "speaker", name: "Intervenante" },
    ],
    ...extra,
  };
}

describe("a cohort that avoids school holidays", () => {
  const holidays = listSchoolHolidays(tinySchoolCalendar(), { commune: "31555" });

  it("is planned around the Toussaint holidays (regression: without the option the planner used them)", () => {
    const without = planCohort(PARCOURS_EXPRESS, cohort("2023-10-16"));
    expect(without.days).toContain("2023-10-23");
    const plan = planCohort(PARCOURS_EXPRESS, cohort("2023-10-16", { avoidSchoolHolidays: holidays }));
    expect(plan.days).toEqual([
      "2023-10-16",
      "2023-10-17",
      "2023-10-18",
      "2023-10-19",
      "2023-10-20",
      "2023-11-06",
      "2023-11-07",
      "2023-11-08",
      "2023-11-09",
      "2023-11-10",
    ]);
    expect(plan.sessions.every((s) => s.date < "2023-10-22" || s.date > "2023-11-05")).toBe(true);
    expect(plan.unmet).toEqual([]);
  });

  it("keeps its own closing days and adds the holidays from the start date on", () => {
    const c = parseCohort(cohort("2023-10-30", { closedDays: ["2023-11-07"], avoidSchoolHolidays: holidays }));
    expect(c.closedDays).toEqual([
      "2023-10-30",
      "2023-10-31",
      "2023-11-01",
      "2023-11-02",
      "2023-11-03",
      "2023-11-04",
      "2023-11-05",
      "2023-11-07",
    ]);
    // Parsing the parsed cohort again (as a re-plan does) changes nothing.
    expect(parseCohort(c).closedDays).toEqual(c.closedDays);
  });

  it("refuses a start date the calendar does not cover, naming the span", () => {
    try {
      parseCohort(cohort("2025-01-06", { avoidSchoolHolidays: holidays }));
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
      expect((error as Error).message).toMatch(/2023-09-01 to 2024-07-06/);
    }
  });

  it("refuses a period that ends before it starts", () => {
    const bad = { ...holidays, periods: [{ description: "x", firstDay: "2023-11-05", lastDay: "2023-11-01" }] };
    expect(() => parseCohort(cohort("2023-10-16", { avoidSchoolHolidays: bad }))).toThrow(/lastDay/);
  });

  it("property: every holiday day from the start date on is closed, and nothing before it is added", () => {
    const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 20 })), { maxLength: 6 }),
        fc.integer({ min: 0, max: 300 }),
        (spans, start) => {
          const periods = spans.map(([a, len]) => ({ description: "v", firstDay: day(a), lastDay: day(a + len) }));
          const c = parseCohort(
            cohort(day(start), {
              avoidSchoolHolidays: { area: "test", coveredFrom: day(0), coveredUntil: day(400), periods },
            }),
          );
          const closed = new Set(c.closedDays);
          for (const [a, len] of spans) for (let d = a; d <= a + len; d++) expect(closed.has(day(d))).toBe(d >= start);
          expect([...closed].every((d) => d >= day(start))).toBe(true);
        },
      ),
    );
  });
});

describe.skipIf(!hasRealData(buildPath("school-calendar.json")))(
  "avoiding school holidays on the official calendar",
  () => {
    it("plans a Toulouse cohort of February 2024 around the zone C winter holidays", () => {
      const holidays = listSchoolHolidays(loadSchoolCalendar(), { commune: "31555" }, { from: "2024-02-01" });
      const plan = planCohort(PARCOURS_EXPRESS, cohort("2024-02-05", { avoidSchoolHolidays: holidays }));
      expect(plan.days).toEqual([
        "2024-02-05",
        "2024-02-06",
        "2024-02-07",
        "2024-02-08",
        "2024-02-09",
        "2024-02-26",
        "2024-02-27",
        "2024-02-28",
        "2024-02-29",
        "2024-03-01",
      ]);
      expect(plan.unmet).toEqual([]);
    });
  },
);
