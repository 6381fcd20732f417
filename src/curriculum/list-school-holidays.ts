import * as z from "zod/v4";
import { DeclicsError } from "../errors.js";
import { curriculumError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { departementOfCommune, FORMER_ACADEMIES, timeZoneOfAcademie, timeZoneOfDepartement } from "./_academies.js";
import { type DateReading, readDatesAt } from "./_days.js";
import { academieOfCommune } from "./locate-school-area.js";
import {
  checkedSchoolCalendar,
  type SchoolCalendar,
  type SchoolCalendarAcademie,
  type SchoolHolidayRow,
} from "./school-calendar.js";
import { DayInput, type SchoolHolidays } from "./schema.js";

const Where = z.union([
  z.object({ commune: z.string() }).strict(),
  z.object({ academie: z.string().min(1) }).strict(),
  z.object({ zone: z.string().min(1) }).strict(),
]);

const Options = z
  .object({
    /** Only periods that end on or after this day. */
    from: DayInput.optional(),
    /** Only periods that start on or before this day. */
    to: DayInput.optional(),
    /** Count the teachers' own periods too (default: pupils' holidays only, what parents live by). */
    includeTeachers: z.boolean().default(false),
  })
  .strict();

/** Where to read the school holidays of: a commune (INSEE code), an académie, or a zone (`Zone A`, `Corse`…). */
export type SchoolHolidaysWhere =
  { readonly commune: string } | { readonly academie: string } | { readonly zone: string };
/** Options of {@link listSchoolHolidays}. */
export type ListSchoolHolidaysOptions = z.input<typeof Options>;

interface Selection {
  readonly area: string;
  readonly academies: readonly SchoolCalendarAcademie[];
  readonly place: string | null;
}

function notFound(
  what: "zone" | "academie",
  received: string,
  known: readonly string[],
): DeclicsError<"invalid_option"> {
  return curriculumError({
    code: "invalid_option",
    module: "curriculum",
    details: { option: `where.${what}`, expected: { kind: "known_id", of: what, values: known }, received },
  });
}

function select(calendar: SchoolCalendar, where: z.infer<typeof Where>): Selection {
  if ("zone" in where) {
    const academies = calendar.academies.filter((a) => a.zone === where.zone);
    if (academies.length === 0) throw notFound("zone", where.zone, [...new Set(calendar.academies.map((a) => a.zone))]);
    return { area: where.zone.startsWith("Zone ") ? where.zone : `zone ${where.zone}`, academies, place: null };
  }
  const located =
    "commune" in where
      ? academieOfCommune(where.commune)
      : { academie: where.academie, place: null, formerAcademies: [] as string[] };
  const main = calendar.academies.find((a) => a.academie === located.academie);
  if (main === undefined)
    throw notFound(
      "academie",
      located.academie,
      calendar.academies.map((a) => a.academie),
    );
  const former = calendar.academies.filter((a) => located.formerAcademies.includes(a.academie));
  const where2 = located.place === null ? "" : `, ${located.place}`;
  return {
    area: `académie de ${main.academie}${where2} (${main.zone})`,
    academies: [main, ...former],
    place: located.place,
  };
}

/** The legal time zone of where the holidays are read for: the commune's, the académie's or the zone's. */
function timeZoneOf(where: z.infer<typeof Where>): string {
  if ("commune" in where) return timeZoneOfDepartement(departementOfCommune(where.commune));
  return timeZoneOfAcademie("academie" in where ? where.academie : where.zone);
}

function applies(row: SchoolHolidayRow, place: string | null, includeTeachers: boolean): boolean {
  if (row.audience === "teachers" && !includeTeachers) return false;
  return row.places === null || place === null || row.places.includes(place);
}

/**
 * The school holidays (vacances scolaires) of a commune, an académie or a zone, from the official school
 * calendar: the days pupils have no class, as periods. The result is exactly what a cohort's
 * `avoidSchoolHolidays` takes, so the planner skips those days. A commune's académie is that of its
 * département; Normandie includes the Caen and Rouen rows of the years before the merger; in the académie
 * de Guadeloupe, Saint-Martin and Saint-Barthélemy get their own rows. A zone is the union of its
 * académies (and its coverage the span all of them cover).
 *
 * @param calendar - the compiled school calendar (`loadSchoolCalendar()` in Node, or {@link parseSchoolCalendar})
 * @param where - `{ commune: "31555" }`, `{ academie: "Toulouse" }` or `{ zone: "Zone C" }`
 * @param options - `from`/`to` to keep only the periods overlapping those days (calendar days
 *   `"YYYY-MM-DD"`, or `Date` instants read as the day they are in the place's legal time zone, e.g.
 *   Indian/Reunion for a Réunion commune, and listed in the result's `datesRead`); `includeTeachers`
 * @returns the area in words, the span the calendar covers, and the periods (first and last free day)
 * @throws {DeclicsError} `invalid_input` for a malformed commune code or options; `unknown_code` for a
 *   département without académie; `invalid_option` for an académie or zone the calendar does not know
 * @example
 * ```ts
 * import { listSchoolHolidays, planCohort, PARCOURS_EXPRESS } from "declics/curriculum";
 * import { loadSchoolCalendar } from "declics/data";
 *
 * const holidays = listSchoolHolidays(loadSchoolCalendar(), { commune: "31555" }, { from: "2023-10-01", to: "2023-11-30" });
 * holidays.periods;
 * // => [{ description: "Vacances de la Toussaint", firstDay: "2023-10-22", lastDay: "2023-11-05" }]
 * // planCohort(PARCOURS_EXPRESS, { ...cohort, startDate: "2023-10-16", avoidSchoolHolidays: holidays })
 * ```
 * @category Calendars
 */
export function listSchoolHolidays(
  calendar: SchoolCalendar,
  where: SchoolHolidaysWhere,
  options: ListSchoolHolidaysOptions = {},
): SchoolHolidays {
  const cal = checkedSchoolCalendar(calendar);
  const w = parseWith(Where, where, { module: "curriculum", what: "listSchoolHolidays where" });
  const { area, academies, place } = select(cal, w);
  const datesRead: DateReading[] = [];
  const dated = readDatesAt(options, ["from", "to"], timeZoneOf(w), datesRead);
  const o = parseWith(Options, dated, { module: "curriculum", what: "listSchoolHolidays options" });
  const seen = new Set<string>();
  const periods: SchoolHolidays["periods"] = [];
  for (const academie of academies) {
    for (const row of academie.rows) {
      if (!applies(row, place, o.includeTeachers)) continue;
      if ((o.from !== undefined && row.lastDay < o.from) || (o.to !== undefined && row.firstDay > o.to)) continue;
      const key = `${row.description}|${row.firstDay}|${row.lastDay}`;
      if (seen.has(key)) continue;
      seen.add(key);
      periods.push({ description: row.description, firstDay: row.firstDay, lastDay: row.lastDay });
    }
  }
  periods.sort((a, b) =>
    a.firstDay < b.firstDay
      ? -1
      : a.firstDay > b.firstDay
        ? 1
        : a.lastDay < b.lastDay
          ? -1
          : a.lastDay > b.lastDay
            ? 1
            : 0,
  );
  const result = { area, ...coverage(academies, "zone" in w), periods };
  return datesRead.length === 0 ? result : { ...result, datesRead };
}

/**
 * The span the selection covers. An académie with former académies (Normandie: Caen, Rouen) covers from
 * the earliest of them to its own end; a zone covers what all its current académies cover.
 */
function coverage(
  academies: readonly SchoolCalendarAcademie[],
  isZone: boolean,
): { coveredFrom: string; coveredUntil: string } {
  const current = isZone ? academies.filter((a) => !FORMER_ACADEMIES.has(a.academie)) : academies.slice(0, 1);
  const pool = current.length > 0 ? current : academies;
  const min = (xs: string[]): string => xs.reduce((m, x) => (x < m ? x : m));
  const max = (xs: string[]): string => xs.reduce((m, x) => (x > m ? x : m));
  return {
    coveredFrom: isZone ? max(pool.map((a) => a.coveredFrom)) : min(academies.map((a) => a.coveredFrom)),
    coveredUntil: min(pool.map((a) => a.coveredUntil)),
  };
}
