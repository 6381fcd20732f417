import { TZDate } from "@date-fns/tz";
import type { CalendarZone } from "../_lib/vocabulary.js";
import type { PublicHoliday } from "./schema.js";

/**
 * Private calendar arithmetic. Calendar dates are handled as day numbers (days since 1970-01-01),
 * computed with Date.UTC so that the process time zone never matters.
 */

const DAY_MS = 86_400_000;

/** The IANA time zone of each calendar zone. */
export const ZONE_TIME_ZONES: Readonly<Record<CalendarZone, string>> = {
  mainland: "Europe/Paris",
  alsace_moselle: "Europe/Paris",
  guadeloupe: "America/Guadeloupe",
  martinique: "America/Martinique",
  guyane: "America/Cayenne",
  la_reunion: "Indian/Reunion",
  mayotte: "Indian/Mayotte",
  saint_martin: "America/Marigot",
  saint_barthelemy: "America/St_Barthelemy",
};

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoToDay(iso: string): number {
  return dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function dayToIso(dayNum: number): string {
  const d = new Date(dayNum * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${dd < 10 ? "0" : ""}${dd}`;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(dayNum: number): number {
  return (((dayNum + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** Day of the commemoration of the abolition of slavery, per zone (décret 83-1003 and later texts). */
function abolitionDay(zone: CalendarZone, year: number): number | undefined {
  switch (zone) {
    case "mayotte":
      return dayNumber(year, 4, 27);
    case "martinique":
      return dayNumber(year, 5, 22);
    case "guadeloupe":
      return dayNumber(year, 5, 27);
    case "saint_martin":
      // 28 May since 2018 (loi 2017-256 and its décret); before, the Guadeloupe date of décret 83-1003.
      return year >= 2018 ? dayNumber(year, 5, 28) : dayNumber(year, 5, 27);
    case "guyane":
      return dayNumber(year, 6, 10);
    case "saint_barthelemy":
      return dayNumber(year, 10, 9);
    case "la_reunion":
      return year >= 1981 ? dayNumber(year, 12, 20) : undefined;
    default:
      return undefined;
  }
}

/** The public holidays of a zone in a year, sorted by date; two holidays on one date stay two entries. */
export function holidaysOf(zone: CalendarZone, year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const list: Array<{ day: number; id: string; name: string; order: number }> = [];
  const add = (day: number | undefined, id: string, name: string): void => {
    if (day !== undefined) list.push({ day, id, name, order: list.length });
  };
  add(dayNumber(year, 1, 1), "new_year", "Jour de l'an");
  if (zone === "alsace_moselle") add(easter - 2, "good_friday", "Vendredi saint");
  add(easter + 1, "easter_monday", "Lundi de Pâques");
  add(dayNumber(year, 5, 1), "labour_day", "Fête du travail");
  if ((year >= 1953 && year <= 1959) || year > 1981) add(dayNumber(year, 5, 8), "victory_1945", "Victoire 1945");
  add(easter + 39, "ascension", "Ascension");
  add(easter + 50, "whit_monday", "Lundi de Pentecôte");
  add(dayNumber(year, 7, 14), "bastille_day", "Fête nationale");
  add(dayNumber(year, 8, 15), "assumption", "Assomption");
  add(dayNumber(year, 11, 1), "all_saints", "Toussaint");
  add(dayNumber(year, 11, 11), "armistice_1918", "Armistice 1918");
  add(dayNumber(year, 12, 25), "christmas", "Noël");
  if (zone === "alsace_moselle") add(dayNumber(year, 12, 26), "saint_stephen", "Saint-Étienne");
  add(abolitionDay(zone, year), "abolition_of_slavery", "Abolition de l'esclavage");
  if (zone === "guadeloupe" || zone === "martinique") add(dayNumber(year, 7, 21), "victor_schoelcher", "Fête Victor Schœlcher");
  list.sort((x, y) => x.day - y.day || x.order - y.order);
  return list.map(({ day, id, name }) => ({ date: dayToIso(day), id, name }));
}

const holidayCache = new Map<string, Set<number>>();

/** Day numbers of the zone's holidays in a year (memoised: the rules are fixed). */
export function holidayDays(zone: CalendarZone, year: number): Set<number> {
  const key = `${zone}:${year}`;
  let set = holidayCache.get(key);
  if (set === undefined) {
    set = new Set(holidaysOf(zone, year).map((h) => isoToDay(h.date)));
    holidayCache.set(key, set);
  }
  return set;
}

export function yearOfDay(dayNum: number): number {
  return new Date(dayNum * DAY_MS).getUTCFullYear();
}

/** Monday to Friday and not a public holiday of the zone. */
export function isWorkingDayNumber(dayNum: number, zone: CalendarZone): boolean {
  const wd = weekday(dayNum);
  if (wd === 0 || wd === 6) return false;
  return !holidayDays(zone, yearOfDay(dayNum)).has(dayNum);
}

export function timeToMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}`;
}

/** The UTC instant of a wall-clock time on a calendar day in a time zone. */
export function localToUtcMs(dayNum: number, minutes: number, timeZone: string): number {
  const d = new Date(dayNum * DAY_MS);
  return new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Math.floor(minutes / 60), minutes % 60, 0, timeZone).getTime();
}
