import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarZone } from "../_lib/vocabulary.js";
import { isDeclicsError } from "../errors.js";
import { isWorkingDay } from "./is-working-day.js";
import { listPublicHolidays } from "./list-public-holidays.js";

describe("isWorkingDay", () => {
  it.each([
    ["2020-09-28", "mainland", true], // start of the Toulouse parcours express
    ["2024-04-01", "mainland", false], // Easter Monday
    ["2024-05-09", "mainland", false], // Ascension
    ["2024-05-20", "mainland", false], // Whit Monday
    ["2020-04-13", "mainland", false], // Easter Monday
    ["2024-03-29", "mainland", true], // Good Friday: a working day outside Alsace-Moselle
    ["2024-03-29", "alsace_moselle", false],
    ["2024-12-26", "alsace_moselle", false],
    ["2024-06-10", "guyane", false],
    ["2024-06-10", "mainland", true],
    ["2024-05-28", "saint_martin", false],
    ["2024-05-27", "guadeloupe", false],
    ["2024-05-22", "martinique", false],
    ["2024-12-20", "la_reunion", false],
    ["2024-04-26", "mayotte", true],
    ["2023-10-09", "saint_barthelemy", false],
    ["2024-03-05", "polynesie_francaise", false], // Arrivée de l'Évangile
    ["2024-03-29", "polynesie_francaise", false], // Vendredi saint
    ["2024-06-28", "polynesie_francaise", true],
    ["2026-11-20", "polynesie_francaise", false], // Matari'i i ni'a
    ["2026-06-29", "polynesie_francaise", true], // no longer a holiday from 2026
    ["2024-09-24", "nouvelle_caledonie", false], // Fête de la citoyenneté
    ["2024-09-24", "mainland", true],
    ["2024-07-29", "wallis_et_futuna", false], // Fête du Territoire
    ["2025-04-28", "wallis_et_futuna", false], // Saint Pierre Chanel
    ["2024-05-27", "saint_pierre_et_miquelon", true], // no abolition day
    ["2024-05-20", "saint_pierre_et_miquelon", false], // Lundi de Pentecôte
    ["2020-10-03", "mainland", false], // Saturday
    ["2020-10-04", "mainland", false], // Sunday
  ] as const)("%s in %s is a working day: %s", (date, zone, expected) => {
    expect(isWorkingDay(date, zone)).toBe(expected);
  });

  it("reads a Date instant as a day in the zone's time zone, not the process one", () => {
    // 2024-05-08T23:30Z is already 9 May (Ascension) in Paris, but still 8 May (a holiday too) in UTC.
    expect(isWorkingDay(new Date("2024-05-08T23:30:00Z"), "mainland")).toBe(false);
    // 2024-05-09T23:30Z is 10 May in Paris (working) but 9 May (Ascension) in UTC.
    expect(isWorkingDay(new Date("2024-05-09T23:30:00Z"), "mainland")).toBe(true);
    expect(isWorkingDay(new Date("2024-05-09T23:30:00Z"), "mainland", { timeZone: "UTC" })).toBe(false);
    // 2024-06-11T02:00Z is still 10 June in Cayenne (UTC-3): abolition day.
    expect(isWorkingDay(new Date("2024-06-11T02:00:00Z"), "guyane")).toBe(false);
    // 2024-09-23T13:30Z is already 24 September in Nouméa (UTC+11): Fête de la citoyenneté.
    expect(isWorkingDay(new Date("2024-09-23T13:30:00Z"), "nouvelle_caledonie")).toBe(false);
    // 2024-03-06T09:00Z is still 5 March in Tahiti (UTC-10).
    expect(isWorkingDay(new Date("2024-03-06T09:00:00Z"), "polynesie_francaise")).toBe(false);
  });

  it("rejects a malformed date with invalid_input naming the field", () => {
    try {
      isWorkingDay("2024-02-30");
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
      if (isDeclicsError(error, "invalid_input")) expect(error.details.issues[0]?.path).toBe("date");
    }
  });

  it("property: false on weekends and on every listed holiday; true on other weekdays", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CalendarZone.options),
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }),
        (zone, instant) => {
          const iso = instant.toISOString().slice(0, 10);
          const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
          const holiday = listPublicHolidays(zone, Number(iso.slice(0, 4))).some((h) => h.date === iso);
          expect(isWorkingDay(iso, zone)).toBe(dow !== 0 && dow !== 6 && !holiday);
        },
      ),
    );
  });
});
