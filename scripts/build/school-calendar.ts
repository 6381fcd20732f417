import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { dataError } from "../../src/data/_errors.js";
import { DeclicsError, type Expectation } from "../../src/errors.js";
import { rule } from "../../src/_lib/messages/vocabulary.js";
import {
  parseSchoolCalendar,
  SCHOOL_CALENDAR_FORMAT,
  type SchoolCalendar,
  type SchoolCalendarAcademie,
  type SchoolHolidayRow,
} from "../../src/curriculum/school-calendar.js";
import type { SchoolCalendarRow } from "./record-schemas.js";
import { defineBuilder } from "./types.js";

/**
 * The school calendar (vacances scolaires) for declics/curriculum, from the Ministry's dataset
 * `fr-en-calendrier-scolaire`: one entry per académie (its zone, the span it covers, every row with the
 * days it frees). Every row of the file is kept, teachers' rows included (tagged), so nothing is dropped;
 * `listSchoolHolidays` chooses. Reads any school year: a newer export drops in with a new manifest entry.
 */

const DAY_MS = 86_400_000;
const PARIS = tz("Europe/Paris");

/** The calendar day of an export date-time, read in Europe/Paris (the export's own offsets). */
export function exportDay(value: string): string {
  return format(new Date(value), "yyyy-MM-dd", { in: PARIS });
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const GUADELOUPE_PLACES = ["Guadeloupe", "Saint-Martin", "Saint-Barthélemy"] as const;

/** Who a `Population` cell means: the audience, and the sub-territories it is limited to (null: all). */
export function readPopulation(
  population: string,
): { audience: SchoolHolidayRow["audience"]; places: string[] | null } | null {
  const p = population.trim();
  if (p === "-") return { audience: "everyone", places: null };
  if (/^(?:Élèves|Premier degré|Second degré)/u.test(p)) return { audience: "pupils", places: null };
  if (p.startsWith("Enseignants")) return { audience: "teachers", places: null };
  const normalised = p.replace(/Saint Martin/gu, "Saint-Martin").replace(/Saint-Barthelemy/gu, "Saint-Barthélémy");
  if (normalised === "Guadeloupe sauf Saint-Martin")
    return { audience: "everyone", places: ["Guadeloupe", "Saint-Barthélemy"] };
  const parts = normalised.split(/\s*(?:,|&)\s*/u).map((x) => (x === "Saint-Barthélémy" ? "Saint-Barthélemy" : x));
  if (parts.length > 0 && parts.every((x) => (GUADELOUPE_PLACES as readonly string[]).includes(x)))
    return { audience: "everyone", places: parts };
  return null;
}

/** The free days of a row: strictly between the end of classes and their resumption; one- or two-day rows free their first day. */
export function freeDays(classesEnd: string, classesResume: string): { firstDay: string; lastDay: string } {
  if (classesResume <= addDays(classesEnd, 1)) return { firstDay: classesEnd, lastDay: classesEnd };
  return { firstDay: addDays(classesEnd, 1), lastDay: addDays(classesResume, -1) };
}

function integrity(path: string, expected: Expectation, received: string): DeclicsError<"data_integrity"> {
  return dataError({
    code: "data_integrity",
    module: "data",
    details: { dataset: "school-calendar", path, expected, received },
  });
}

function compileRow(row: SchoolCalendarRow, index: number): SchoolHolidayRow {
  const who = readPopulation(row.Population);
  if (who === null)
    throw integrity(
      `${index + 1}.Population`,
      rule(
        "a Population of -, Élèves…, Enseignants… or Guadeloupe sub-territories",
        "une Population -, Élèves…, Enseignants… ou sous-territoire de Guadeloupe",
      ),
      JSON.stringify(row.Population),
    );
  const classesEnd = exportDay(row["Date de début"]);
  const classesResume = exportDay(row["Date de fin"]);
  if (classesResume < classesEnd)
    throw integrity(
      `${index + 1}.Date de fin`,
      rule("a Date de fin on or after the Date de début", "une Date de fin égale ou postérieure à la Date de début"),
      `${row["Date de début"]} .. ${row["Date de fin"]}`,
    );
  return {
    description: row.Description.trim(),
    population: row.Population,
    ...who,
    classesEnd,
    classesResume,
    ...freeDays(classesEnd, classesResume),
    schoolYear: row.annee_scolaire,
  };
}

/**
 * Compiles the rows of the school calendar (pure; tested on the real file). An open-ended row ("Début des
 * Vacances d'Été": only the first day of summer is published) ends the académie's coverage on that day.
 */
export function compileSchoolCalendar(
  rows: readonly SchoolCalendarRow[],
  source: SchoolCalendar["source"],
): SchoolCalendar {
  const byAcademie = new Map<string, { zone: string; rows: SchoolHolidayRow[]; openEnd: string | null }>();
  rows.forEach((row, index) => {
    const academie = row.Académies.trim();
    const entry = byAcademie.get(academie) ?? { zone: row.Zones.trim(), rows: [], openEnd: null };
    if (entry.zone !== row.Zones.trim())
      throw integrity(
        `${index + 1}.Zones`,
        rule(
          `académie ${academie} in one zone (${entry.zone})`,
          `l'académie ${academie} dans une seule zone (${entry.zone})`,
        ),
        row.Zones,
      );
    const compiled = compileRow(row, index);
    if (compiled.description.startsWith("Début des") && compiled.classesEnd === compiled.classesResume) {
      entry.openEnd =
        entry.openEnd === null || compiled.classesEnd > entry.openEnd ? compiled.classesEnd : entry.openEnd;
    }
    entry.rows.push(compiled);
    byAcademie.set(academie, entry);
  });
  const academies: SchoolCalendarAcademie[] = [...byAcademie].map(([academie, e]) => {
    e.rows.sort((a, b) => (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : 0));
    const coveredFrom = e.rows.reduce((m, r) => (r.classesEnd < m ? r.classesEnd : m), e.rows[0]?.classesEnd ?? "");
    const lastKnown = e.rows.reduce((m, r) => (r.lastDay > m ? r.lastDay : m), e.rows[0]?.lastDay ?? "");
    const places = [...new Set(e.rows.flatMap((r) => r.places ?? []))].sort();
    return {
      academie,
      zone: e.zone,
      places,
      coveredFrom,
      coveredUntil: e.openEnd !== null && e.openEnd > lastKnown ? e.openEnd : lastKnown,
      rows: e.rows,
    };
  });
  academies.sort((a, b) => a.academie.localeCompare(b.academie, "fr"));
  return parseSchoolCalendar({ format: SCHOOL_CALENDAR_FORMAT, source, academies });
}

export const schoolCalendar = defineBuilder({
  id: "school-calendar",
  datasets: ["school-calendar"],
  build(ctx) {
    const entry = ctx.dataset("school-calendar");
    const calendar = compileSchoolCalendar(ctx.rows<SchoolCalendarRow>("school-calendar"), {
      dataset: entry.id,
      millesime: entry.millesime,
      sha256: entry.sha256,
    });
    const rowCount = calendar.academies.reduce((n, a) => n + a.rows.length, 0);
    return [
      {
        name: "school-calendar",
        file: "school-calendar.json",
        bytes: new TextEncoder().encode(JSON.stringify(calendar)),
        formatVersion: SCHOOL_CALENDAR_FORMAT,
        description: `School holidays for declics/curriculum: ${calendar.academies.length} académies, ${rowCount} periods (zones A/B/C, Corse, overseas)`,
      },
    ];
  },
});
