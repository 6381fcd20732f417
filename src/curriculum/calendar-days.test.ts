import { TZDate } from "@date-fns/tz/date";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { tinySchoolCalendar } from "./__fixtures__/school-calendar-fixture.js";
import { computeProgress } from "./compute-progress.js";
import { isWorkingDay } from "./is-working-day.js";
import { listSchoolHolidays } from "./list-school-holidays.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { parseCohort } from "./parse-cohort.js";
import { planCohort } from "./plan-cohort.js";
import { replanCohort } from "./replan-cohort.js";
import type { CohortInput } from "./schema.js";

/**
 * Issue #11: every date input of the curriculum takes a calendar day "YYYY-MM-DD" or a Date, the Date read
 * as the day it is in the cohort's legal time zone (whatever the process TZ), the day used stated in the
 * result; malformed days get invalid_input naming the field. (Before: Dates were refused everywhere but
 * isWorkingDay.) The TZ matrix is test/curriculum-time-zones.test.ts.
 */

const at = (day: string, hour: number, minute: number, zone: string): Date => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, zone).getTime());
};

function cohort(over: Partial<CohortInput> = {}): CohortInput {
  return {
    id: "c",
    title: "C",
    startDate: "2024-12-16",
    calendarZone: "la_reunion",
    participants: Array.from({ length: 6 }, (_, i) => ({ id: `p${i + 1}` })),
    resources: [
      { id: "room", kind: "room", name: "Salle", capacity: 30 },
      { id: "f1", kind: "facilitator", name: "F1" },
      { id: "f2", kind: "facilitator", name: "F2" },
      { id: "s1", kind: "speaker", name: "S1" },
    ],
    ...over,
  };
}

function invalidField(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isDeclicsError(error, "invalid_input")) return error.details.issues[0]?.path;
    throw error;
  }
  return undefined;
}

describe("calendar days in the curriculum", () => {
  const base = planCohort(PARCOURS_EXPRESS, cohort());

  it("reads a Date start as the day it is in Réunion (20:30 UTC on the 15th is the 16th there), and says so", () => {
    const plan = planCohort(PARCOURS_EXPRESS, cohort({ startDate: new Date("2024-12-15T20:30:00Z") }));
    expect(plan.cohort.startDate).toBe("2024-12-16");
    expect(plan.cohort.datesRead).toEqual([
      { field: "startDate", instant: "2024-12-15T20:30:00.000Z", day: "2024-12-16", timeZone: "Indian/Reunion" },
    ]);
    expect(plan.sessions).toEqual(base.sessions);
    expect(base.cohort.datesRead).toBeUndefined();
  });

  it("reads in the cohort's own timeZone when it names one", () => {
    const c = cohort({
      calendarZone: "mainland",
      timeZone: "Pacific/Noumea",
      startDate: new Date("2024-12-15T13:30:00Z"),
    });
    expect(parseCohort(c).startDate).toBe("2024-12-16");
    expect(parseCohort(c).datesRead?.[0]?.timeZone).toBe("Pacific/Noumea");
  });

  it("reads people's and resources' days, closing days, change dates and outcome dates the same way", () => {
    const zone = "Indian/Reunion";
    const parsed = parseCohort(
      cohort({
        closedDays: [at("2024-12-18", 0, 0, zone)],
        participants: [
          { id: "p1", unavailableDays: [at("2024-12-17", 23, 59, zone)], registeredOn: at("2024-12-01", 0, 0, zone) },
        ],
        resources: [{ id: "f1", kind: "facilitator", name: "F", availableDays: [at("2024-12-16", 12, 0, zone)] }],
      }),
    );
    expect(parsed.closedDays).toEqual(["2024-12-18"]);
    expect(parsed.participants[0]?.unavailableDays).toEqual(["2024-12-17"]);
    expect(parsed.participants[0]?.registeredOn).toBe("2024-12-01");
    expect(parsed.resources[0]?.availableDays).toEqual(["2024-12-16"]);
    expect(parsed.datesRead?.map((r) => r.field)).toEqual([
      "closedDays.0",
      "participants.0.unavailableDays.0",
      "participants.0.registeredOn",
      "resources.0.availableDays.0",
    ]);
    const next = replanCohort(base, { kind: "close_day", date: at("2024-12-17", 23, 59, zone) });
    expect(next.cohort.closedDays).toEqual(["2024-12-17"]);
    expect(next.cohort.datesRead).toEqual([
      { field: "change.date", instant: "2024-12-17T19:59:00.000Z", day: "2024-12-17", timeZone: zone },
    ]);
    const report = computeProgress(
      base,
      [],
      [{ participantId: "p1", kind: "job", date: at("2025-01-01", 0, 0, zone) }],
    );
    expect(report.records[0]?.outcome).toEqual({ kind: "job", date: "2025-01-01" });
    expect(report.datesRead?.[0]).toMatchObject({ field: "outcomes.0.date", day: "2025-01-01", timeZone: zone });
  });

  it("refuses malformed days with invalid_input naming the field", () => {
    expect(invalidField(() => planCohort(PARCOURS_EXPRESS, cohort({ startDate: "2025-02-30" })))).toBe("startDate");
    expect(invalidField(() => planCohort(PARCOURS_EXPRESS, cohort({ startDate: "1/5/2025" })))).toBe("startDate");
    expect(invalidField(() => planCohort(PARCOURS_EXPRESS, cohort({ startDate: new Date(Number.NaN) })))).toBe(
      "startDate",
    );
    expect(
      invalidField(() => parseCohort(cohort({ participants: [{ id: "p1", unavailableDays: ["2024-13-01"] }] }))),
    ).toBe("participants.0.unavailableDays.0");
    expect(invalidField(() => replanCohort(base, { kind: "close_day", date: "31/12/2024" }))).toBe("date");
    expect(
      invalidField(() => computeProgress(base, [], [{ participantId: "p1", kind: "job", date: "2025-02-29" }])),
    ).toBe("0.date");
    expect(invalidField(() => isWorkingDay("2025-02-30"))).toBe("date");
    expect(invalidField(() => isWorkingDay(new Date(8.64e15)))).toBe("date");
    expect(invalidField(() => listSchoolHolidays(tinySchoolCalendar(), { zone: "Zone C" }, { from: "2023-9-1" }))).toBe(
      "from",
    );
  });

  it("reads listSchoolHolidays' from/to in the place's legal time zone", () => {
    const paris = listSchoolHolidays(
      tinySchoolCalendar(),
      { commune: "31555" },
      { from: new Date("2023-10-21T22:30:00Z") },
    );
    expect(paris.datesRead).toEqual([
      { field: "from", instant: "2023-10-21T22:30:00.000Z", day: "2023-10-22", timeZone: "Europe/Paris" },
    ]);
    expect(paris.periods).toEqual(
      listSchoolHolidays(tinySchoolCalendar(), { commune: "31555" }, { from: "2023-10-22" }).periods,
    );
  });

  it("reads isWorkingDay's Date in the zone's legal time (23:30 UTC on 19 December is 20 December in Réunion)", () => {
    expect(isWorkingDay(new Date("2024-12-19T23:30:00Z"), "la_reunion")).toBe(false);
    expect(isWorkingDay(new Date("2024-12-19T23:30:00Z"), "mainland")).toBe(true);
  });

  it("property: any instant of a day in the cohort's zone plans as that day's string", () => {
    const zones = [
      ["la_reunion", "Indian/Reunion"],
      ["polynesie_francaise", "Pacific/Tahiti"],
      ["nouvelle_caledonie", "Pacific/Noumea"],
      ["guadeloupe", "America/Guadeloupe"],
      ["mainland", "Europe/Paris"],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        ([calendarZone, zone], offset, minute) => {
          const day = new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
          const instant = at(day, Math.floor(minute / 60), minute % 60, zone);
          const parsed = parseCohort(cohort({ calendarZone, startDate: instant, closedDays: [instant] }));
          expect(parsed.startDate).toBe(day);
          expect(parsed.closedDays).toEqual([day]);
          expect(parsed.datesRead?.every((r) => r.day === day && r.timeZone === zone)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("property: readings never mutate the caller's input", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), (d) => {
        const input = cohort({ startDate: d, participants: [{ id: "p1", unavailableDays: [d] }] });
        parseCohort(input);
        expect(input.startDate).toBe(d);
        expect(input.participants?.[0]?.unavailableDays?.[0]).toBe(d);
      }),
      { numRuns: 50 },
    );
  });
});
