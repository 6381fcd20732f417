import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarZone } from "../_lib/vocabulary.js";
import { isDeclicsError } from "../errors.js";
import { listPublicHolidays } from "./list-public-holidays.js";

// Easter-based dates as published in the government's "jours fériés en France" dataset (data.gouv.fr).
const EASTER_BASED: Record<
  number,
  { easterMonday: string; ascension: string; whitMonday: string; goodFriday: string }
> = {
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
  saint_pierre_et_miquelon: () => [],
  polynesie_francaise: (year) => ["03-05", year <= 2025 ? "06-29" : "11-20"],
  nouvelle_caledonie: () => ["09-24"],
  wallis_et_futuna: () => ["04-28", "07-29"],
};
const WITH_GOOD_FRIDAY: ReadonlySet<CalendarZone> = new Set(["alsace_moselle", "polynesie_francaise"]);

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
          ...(WITH_GOOD_FRIDAY.has(zone) ? [e.goodFriday] : []),
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
    expect(
      listPublicHolidays("mainland", 2008)
        .filter((h) => h.date === "2008-05-01")
        .map((h) => h.id),
    ).toEqual(["labour_day", "ascension"]);
  });

  it("moves Saint-Martin's abolition day to 28 May from 2018", () => {
    expect(listPublicHolidays("saint_martin", 2017).find((h) => h.id === "abolition_of_slavery")?.date).toBe(
      "2017-05-27",
    );
    expect(listPublicHolidays("saint_martin", 2018).find((h) => h.id === "abolition_of_slavery")?.date).toBe(
      "2018-05-28",
    );
  });

  it("names holidays in French", () => {
    expect(listPublicHolidays("alsace_moselle", 2024).map((h) => h.name)).toContain("Vendredi saint");
  });

  it("uses the official names of the Code du travail (article L3133-1) and the government dataset", () => {
    expect(listPublicHolidays("mainland", 2024).map((h) => h.name)).toEqual([
      "1er janvier",
      "Lundi de Pâques",
      "1er mai",
      "8 mai",
      "Ascension",
      "Lundi de Pentecôte",
      "14 juillet",
      "Assomption",
      "Toussaint",
      "11 novembre",
      "Jour de Noël",
    ]);
    expect(listPublicHolidays("alsace_moselle", 2024).at(-1)).toEqual({
      date: "2024-12-26",
      id: "saint_stephen",
      name: "2ème jour de Noël",
    });
    expect(listPublicHolidays("guyane", 2024).find((h) => h.id === "abolition_of_slavery")?.name).toBe(
      "Abolition de l'esclavage",
    );
  });

  it("lists the days of Polynésie française, with 20 November replacing 29 June from 2026", () => {
    const names = (year: number): string[] =>
      listPublicHolidays("polynesie_francaise", year).map((h) => `${h.date} ${h.name}`);
    expect(names(2025)).toEqual(
      expect.arrayContaining([
        "2025-03-05 Arrivée de l'Évangile",
        "2025-04-18 Vendredi saint",
        "2025-06-29 Fête de l'autonomie",
      ]),
    );
    expect(names(2025).some((n) => n.includes("11-20"))).toBe(false);
    expect(names(2026)).toEqual(
      expect.arrayContaining([
        "2026-03-05 Arrivée de l'Évangile",
        "2026-04-03 Vendredi saint",
        "2026-11-20 Matari'i i ni'a",
      ]),
    );
    expect(names(2026).some((n) => n.includes("06-29"))).toBe(false);
    expect(listPublicHolidays("polynesie_francaise", 2024)).toHaveLength(14);
  });

  it("keeps coincident holidays of the new territories as two entries", () => {
    // Easter 23 March 2008 put Ascension on 1 May; Easter 30 March 2059 puts it on 8 May.
    for (const zone of [
      "polynesie_francaise",
      "nouvelle_caledonie",
      "wallis_et_futuna",
      "saint_pierre_et_miquelon",
    ] as const) {
      expect(
        listPublicHolidays(zone, 2008)
          .filter((h) => h.date === "2008-05-01")
          .map((h) => h.id),
      ).toEqual(["labour_day", "ascension"]);
      expect(
        listPublicHolidays(zone, 2059)
          .filter((h) => h.date === "2059-05-08")
          .map((h) => h.id),
      ).toEqual(["victory_1945", "ascension"]);
    }
    // Saint Pierre Chanel (28 April) can never meet Easter Monday (26 April at the latest).
    expect(
      listPublicHolidays("wallis_et_futuna", 2038)
        .filter((h) => h.date === "2038-04-28")
        .map((h) => h.id),
    ).toEqual(["saint_pierre_chanel"]);
    expect(listPublicHolidays("nouvelle_caledonie", 2024)).toHaveLength(12);
    expect(listPublicHolidays("wallis_et_futuna", 2024)).toHaveLength(13);
  });

  it("gives Saint-Pierre-et-Miquelon the national list and no abolition day", () => {
    const spm = listPublicHolidays("saint_pierre_et_miquelon", 2024);
    expect(spm).toEqual(listPublicHolidays("mainland", 2024));
    expect(spm.some((h) => h.id === "abolition_of_slavery")).toBe(false);
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
