import { TZDate } from "@date-fns/tz";
import type { CalendarZone } from "../_lib/vocabulary.js";
import type { PublicHoliday, SchoolHolidays } from "./schema.js";

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
  saint_pierre_et_miquelon: "America/Miquelon",
  polynesie_francaise: "Pacific/Tahiti",
  nouvelle_caledonie: "Pacific/Noumea",
  wallis_et_futuna: "Pacific/Wallis",
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
      // Saint-Pierre-et-Miquelon and the Pacific collectivities have no abolition day: loi 83-550 of
      // 30 June 1983 and décret 83-1003 concern the overseas departments (and later Mayotte,
      // Saint-Barthélemy, Saint-Martin) only.
      return undefined;
  }
}

type AddHoliday = (day: number | undefined, id: string, name: string) => void;

/**
 * The national list, article L3133-1 of the Code du travail, named as the Code and the government's
 * "jours fériés en France" dataset (calendrier.api.gouv.fr) name them. The Code du travail applies in
 * Saint-Pierre-et-Miquelon as in mainland France; Polynésie française, Nouvelle-Calédonie and
 * Wallis-et-Futuna have their own labour law, whose lists repeat these eleven days (see below).
 */
function addNationalDays(add: AddHoliday, year: number, easter: number): void {
  add(dayNumber(year, 1, 1), "new_year", "1er janvier");
  add(easter + 1, "easter_monday", "Lundi de Pâques");
  add(dayNumber(year, 5, 1), "labour_day", "1er mai");
  // 8 May: holiday 1953-1959 (loi 53-225), abolished 1959, restored by loi 81-893 of 2 October 1981.
  if ((year >= 1953 && year <= 1959) || year > 1981) add(dayNumber(year, 5, 8), "victory_1945", "8 mai");
  add(easter + 39, "ascension", "Ascension");
  add(easter + 50, "whit_monday", "Lundi de Pentecôte");
  add(dayNumber(year, 7, 14), "bastille_day", "14 juillet");
  add(dayNumber(year, 8, 15), "assumption", "Assomption");
  add(dayNumber(year, 11, 1), "all_saints", "Toussaint");
  add(dayNumber(year, 11, 11), "armistice_1918", "11 novembre");
  add(dayNumber(year, 12, 25), "christmas", "Jour de Noël");
}

/** The days a zone adds to the national list, each with the text it comes from. */
function addLocalDays(add: AddHoliday, zone: CalendarZone, year: number, easter: number): void {
  switch (zone) {
    case "alsace_moselle":
      // Code du travail, article L3134-13 (local law of Alsace-Moselle): Good Friday and the second day
      // of Christmas; names as in the government dataset.
      add(easter - 2, "good_friday", "Vendredi saint");
      add(dayNumber(year, 12, 26), "saint_stephen", "2ème jour de Noël");
      return;
    case "guadeloupe":
    case "martinique":
      add(abolitionDay(zone, year), "abolition_of_slavery", "Abolition de l'esclavage");
      // 21 July, Fête Victor Schœlcher: local public holiday of Guadeloupe and Martinique (kept as the
      // project shipped it; the text instituting it was not re-verified for this release).
      add(dayNumber(year, 7, 21), "victor_schoelcher", "Fête Victor Schœlcher");
      return;
    case "polynesie_francaise":
      addPolynesiaDays(add, year, easter);
      return;
    case "nouvelle_caledonie":
      // Code du travail de la Nouvelle-Calédonie (the article listing the jours fériés): the national
      // days plus 24 September, "Fête de la citoyenneté" (so named since 2004; before, the anniversary
      // of 24 September 1853). Verified against secondary sources only (CPME Nouvelle-Calédonie's
      // holiday calendar, passeport.com, date-holidays); the article number was NOT verified.
      add(dayNumber(year, 9, 24), "citizenship_day", "Fête de la citoyenneté");
      return;
    case "wallis_et_futuna":
      // Arrêtés of the Administrateur supérieur des îles Wallis et Futuna (territorial labour law, loi
      // 61-814 of 29 July 1961 gives the territory its own): the national days plus 28 April,
      // "Saint Pierre Chanel" (patron saint of Oceania, martyred on Futuna in 1841), and 29 July, "Fête du
      // Territoire" (anniversary of loi 61-814). Verified against secondary sources only (etalab's
      // jours-feries-france library, publicholidays.asia); the arrêté itself was NOT verified.
      add(dayNumber(year, 4, 28), "saint_pierre_chanel", "Saint Pierre Chanel");
      add(dayNumber(year, 7, 29), "territory_day", "Fête du Territoire");
      return;
    default:
      add(abolitionDay(zone, year), "abolition_of_slavery", "Abolition de l'esclavage");
  }
}

/**
 * Polynésie française: Code du travail de la Polynésie française (loi du pays 2011-15 of 4 May 2011,
 * the article listing the jours fériés): the national days plus 5 March, "Arrivée de l'Évangile"
 * (missionaries landed at Matavai on 5 March 1797), Good Friday, and 29 June, "Fête de l'autonomie".
 * The loi du pays adopted by the Assemblée de la Polynésie française on 6 May 2025 ("portant
 * modification de la liste des jours fériés fixée par le code du travail", report n° 23-2025, JOPF
 * n° 11 NA of 25 June 2025) replaces 29 June by 20 November, "Matari'i i ni'a", from 2026. Verified
 * against the Assemblée's report (lexpol.cloud.pf) and the press (Tahiti Infos, TNTV); the loi du pays
 * number, its article, and the first year of 5 March and of 29 June (taken as always and 1985) were
 * NOT verified.
 */
function addPolynesiaDays(add: AddHoliday, year: number, easter: number): void {
  add(dayNumber(year, 3, 5), "arrival_of_the_gospel", "Arrivée de l'Évangile");
  add(easter - 2, "good_friday", "Vendredi saint");
  if (year >= 1985 && year <= 2025) add(dayNumber(year, 6, 29), "autonomy_day", "Fête de l'autonomie");
  if (year >= 2026) add(dayNumber(year, 11, 20), "matarii_i_nia", "Matari'i i ni'a");
}

/** The public holidays of a zone in a year, sorted by date; two holidays on one date stay two entries. */
export function holidaysOf(zone: CalendarZone, year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const list: Array<{ day: number; id: string; name: string; order: number }> = [];
  const add: AddHoliday = (day, id, name) => {
    if (day !== undefined) list.push({ day, id, name, order: list.length });
  };
  addNationalDays(add, year, easter);
  addLocalDays(add, zone, year, easter);
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

/**
 * The days of school-holiday periods from `fromIso` on (`YYYY-MM-DD`, ascending within each period): the
 * closing days a cohort that avoids school holidays gets (see `Cohort.avoidSchoolHolidays`).
 */
export function schoolHolidayDates(holidays: Pick<SchoolHolidays, "periods">, fromIso: string): string[] {
  const from = isoToDay(fromIso);
  const out: string[] = [];
  for (const p of holidays.periods) {
    for (let d = Math.max(from, isoToDay(p.firstDay)), last = isoToDay(p.lastDay); d <= last; d++)
      out.push(dayToIso(d));
  }
  return out;
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
  return new TZDate(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    Math.floor(minutes / 60),
    minutes % 60,
    0,
    timeZone,
  ).getTime();
}
