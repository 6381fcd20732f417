import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarZone } from "../_lib/vocabulary.js";
import { isDeclicsError } from "../errors.js";
import { listPublicHolidays } from "./list-public-holidays.js";

// Easter-based dates as published in the government's "jours fériés en France" dataset (data.gouv.fr).
const EASTER_BASED: Record<number, { easterMonday: string; ascension: string; whitMonday: string; goodFriday: string }> = {
  2019: { easterMonday: "2019-04-22", ascension: "2019-05-30", whitMonday: "2019-06-10", goodFriday: "2019-04-19" },
  2020: { easterMonday: "2020-04-13", ascension: "2020-05-21", whitMonday: "2020-06-01", goodFriday: "2020-04-10" },
  2021: { easterMonday: "2021-04-05", ascension: "2021-05-13", whitMonday: "2021-05-24", goodFriday: "2021-04-02" },
  2022: { easterMonday: "2022-04-18", ascension: "2022-05-26", whitMonday: "2022-06-06", goodFriday: "2022-04-15" },
  2023: { easterMonday: "2023-04-10", ascension: "2023-05-18", whitMonday: "2023-05-29", goodFriday: "2023-04-07" },
  2024: { easterMonday: "2024-04-01", ascension: "2024-05-09", whitMonday: "2024-05-20", goodFriday: "2024-03-29" },
  2025: { easterMonday: "2025-04-21", ascension: "2025-05-29", whitMonday: "2025-06-09", goodFriday: "2025-04-18" },
  2026: { easterMonday: "2026-04-06", ascension: "2026-05-14", whitMonday: "2026-05-25", goodFriday: "2026-04-03" },
};

const FIXED_NATIONAL = ["01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"];

/** Zone-specific extra days (month-day), per the official dataset. */
const EXTRAS: Record<CalendarZone, (year: number) => string[]> = {
  mainland: () => [],
  alsace_moselle: () => ["12-26"],
  guadeloupe: () => ["05-27", "07-21"],
  martinique: () => ["05-22", "07-21"],
  guyane: () => ["06-10"],
  la_reunion: () => ["12-20"],
  mayotte: () => ["04-27"],
  saint_martin: (year) => [year >= 2018 ? "05-28" : "05-27"],
  saint_barthelemy: () => ["10-09"],
};

describe("listPublicHolidays", () => {
  for (const zone of CalendarZone.options) {
    for (const year of Object.keys(EASTER_BASED).map(Number)) {
      it(`lists the official days of ${zone} in ${year}`, () => {
        const e = EASTER_BASED[year];
        if (e === undefined) throw new Error("table");
        const expected = [
          ...FIXED_NATIONAL.map((md) => `${year}-${md}`),
          e.easterMonday,
          e.ascension,
          e.whitMonday,
          ...(zone === "alsace_moselle" ? [e.goodFriday] : []),
          ...EXTRAS[zone](year).map((md) => `${year}-${md}`),
        ].sort();
        const got = listPublicHolidays(zone, year).map((h) => h.date);
        expect(got).toEqual(expected);
      });
    }
  }

  it("keeps two holidays on one date as two entries (Guyane 2019-06-10)", () => {
    const sameDay = listPublicHolidays("guyane", 2019).filter((h) => h.date === "2019-06-10");
    expect(sameDay.map((h) => h.id)).toEqual(["whit_monday", "abolition_of_slavery"]);
  });

  it("keeps Ascension and Labour Day both on 2008-05-01", () => {
    expect(listPublicHolidays("mainland", 2008).filter((h) => h.date === "2008-05-01").map((h) => h.id)).toEqual(["labour_day", "ascension"]);
  });

  it("moves Saint-Martin's abolition day to 28 May from 2018", () => {
    expect(listPublicHolidays("saint_martin", 2017).find((h) => h.id === "abolition_of_slavery")?.date).toBe("2017-05-27");
    expect(listPublicHolidays("saint_martin", 2018).find((h) => h.id === "abolition_of_slavery")?.date).toBe("2018-05-28");
  });

  it("names holidays in French", () => {
    expect(listPublicHolidays("alsace_moselle", 2024).map((h) => h.name)).toContain("Vendredi saint");
  });

  it("rejects an unknown zone or a bad year with invalid_input", () => {
    expect(() => listPublicHolidays("corse" as CalendarZone, 2024)).toThrow(/zone/);
    try {
      listPublicHolidays("mainland", 2024.5);
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
    }
  });

  it("property: sorted, within the year, Easter Monday is a Monday, Ascension a Thursday, 11 to 14 days", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CalendarZone.options), fc.integer({ min: 1983, max: 2200 }), (zone, year) => {
        const list = listPublicHolidays(zone, year);
        const dates = list.map((h) => h.date);
        expect([...dates].sort()).toEqual(dates);
        expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
        const dow = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();
        const find = (id: string): string => list.find((h) => h.id === id)?.date ?? "";
        expect(dow(find("easter_monday"))).toBe(1);
        expect(dow(find("whit_monday"))).toBe(1);
        expect(dow(find("ascension"))).toBe(4);
        expect(find("easter_monday") >= `${year}-03-23` && find("easter_monday") <= `${year}-04-26`).toBe(true);
        expect(list.length).toBeGreaterThanOrEqual(11);
        expect(list.length).toBeLessThanOrEqual(14);
      }),
    );
  });
});
