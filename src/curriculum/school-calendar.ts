import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { IsoDate } from "./schema.js";

/**
 * The school calendar (vacances scolaires) as compiled by the data build from the Ministry of Education's
 * open dataset "Le calendrier scolaire" (`fr-en-calendrier-scolaire`): per académie, its zone and its
 * holiday periods. The core never reads the file: Node code loads it with `loadSchoolCalendar` from
 * `declics/data`, a browser fetches `data/build/school-calendar.json`; both validate it here.
 * @module
 */

/** Layout version of the compiled school calendar. */
export const SCHOOL_CALENDAR_FORMAT = 1;

/** Who a period of the dataset applies to: everyone, pupils only (some levels) or teachers only. */
export const SchoolAudience = z.enum(["everyone", "pupils", "teachers"]);
export type SchoolAudience = z.infer<typeof SchoolAudience>;

/**
 * One row of the dataset, with the days it frees. The ministry's semantics: holidays start after class on
 * `classesEnd` and classes resume on the morning of `classesResume`, so the free days are the days strictly
 * between them. Rows naming one day (start = end, e.g. "Mi-carême") or two consecutive days (the overseas
 * "Semaine en mai" rows) free their first day.
 */
export const SchoolHolidayRow = z.object({
  description: z.string().min(1),
  /** The dataset's `Population` cell, as published (`-`, `Élèves`, `Saint-Martin`…). */
  population: z.string().min(1),
  audience: SchoolAudience,
  /** Sub-territories of the académie the row is limited to (Guadeloupe: Saint-Martin, Saint-Barthélemy); null: all. */
  places: z.array(z.string().min(1)).nullable(),
  classesEnd: IsoDate,
  classesResume: IsoDate,
  firstDay: IsoDate,
  lastDay: IsoDate,
  schoolYear: z.string().min(1),
});
export type SchoolHolidayRow = z.infer<typeof SchoolHolidayRow>;

/** An académie of the calendar: its zone (`Zone A`, `Corse`, `Réunion`…) and its rows. */
export const SchoolCalendarAcademie = z.object({
  /** The académie as the dataset names it (`Toulouse`, `Nouvelle Calédonie`…). */
  academie: z.string().min(1),
  zone: z.string().min(1),
  /** Sub-territories some rows are limited to (empty for most académies). */
  places: z.array(z.string().min(1)),
  /** First and last days whose status the dataset gives (inclusive). */
  coveredFrom: IsoDate,
  coveredUntil: IsoDate,
  rows: z.array(SchoolHolidayRow),
});
export type SchoolCalendarAcademie = z.infer<typeof SchoolCalendarAcademie>;

/** The compiled school calendar (`data/build/school-calendar.json`). */
export const SchoolCalendar = z.object({
  format: z.literal(SCHOOL_CALENDAR_FORMAT),
  source: z.object({
    dataset: z.string().min(1),
    millesime: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  academies: z.array(SchoolCalendarAcademie).min(1),
});
export type SchoolCalendar = z.infer<typeof SchoolCalendar>;

/**
 * Validates a compiled school calendar (the JSON of `data/build/school-calendar.json`).
 *
 * @param input - the parsed JSON
 * @returns the calendar, typed
 * @throws {DeclicsError} `invalid_input` naming the first fields that do not match
 * @example
 * ```ts
 * // @browser: a page that serves data/build/school-calendar.json
 * import { parseSchoolCalendar } from "declics/curriculum";
 *
 * const calendar = parseSchoolCalendar(await (await fetch("/data/school-calendar.json")).json());
 * calendar.academies.find((a) => a.academie === "Toulouse")?.zone;
 * // => "Zone C"
 * ```
 * @category Calendars
 */
export function parseSchoolCalendar(input: unknown): SchoolCalendar {
  const calendar = parseWith(SchoolCalendar, input, { module: "curriculum", what: "school calendar" });
  validated.add(calendar);
  return calendar;
}

/** Calendars already validated (by {@link parseSchoolCalendar} or a lookup): a 2,000-row calendar is checked once. */
const validated = new WeakSet<object>();

/** The calendar, validated unless this very object already was. */
export function checkedSchoolCalendar(input: unknown): SchoolCalendar {
  if (typeof input === "object" && input !== null && validated.has(input)) return input as SchoolCalendar;
  const calendar = parseWith(SchoolCalendar, input, { module: "curriculum", what: "school calendar" });
  if (typeof input === "object" && input !== null) validated.add(input);
  return calendar;
}
