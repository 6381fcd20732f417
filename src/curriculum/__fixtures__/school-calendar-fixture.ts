import type { SchoolCalendar, SchoolHolidayRow } from "../school-calendar.js";

/** A hand-made two-académie school calendar for unit tests (not the official data). */
export function tinySchoolCalendar(): SchoolCalendar {
  const row = (
    description: string,
    firstDay: string,
    lastDay: string,
    extra: Partial<SchoolHolidayRow> = {},
  ): SchoolHolidayRow => ({
    description,
    population: "-",
    audience: "everyone",
    places: null,
    classesEnd: firstDay,
    classesResume: lastDay,
    firstDay,
    lastDay,
    schoolYear: "2023-2024",
    ...extra,
  });
  return {
    format: 1,
    source: { dataset: "school-calendar", millesime: "fixture", sha256: "0".repeat(64) },
    academies: [
      {
        academie: "Toulouse",
        zone: "Zone C",
        places: [],
        coveredFrom: "2023-09-01",
        coveredUntil: "2024-07-06",
        rows: [
          row("Vacances de la Toussaint", "2023-10-22", "2023-11-05"),
          row("Vacances d'Été", "2024-07-07", "2024-08-29", { audience: "teachers", population: "Enseignants" }),
        ],
      },
      {
        academie: "Guadeloupe",
        zone: "Guadeloupe",
        places: ["Guadeloupe", "Saint-Barthélemy", "Saint-Martin"],
        coveredFrom: "2023-09-01",
        coveredUntil: "2024-07-06",
        rows: [
          row("Abolition de l’esclavage", "2024-05-27", "2024-05-27", {
            places: ["Guadeloupe", "Saint-Barthélemy"],
            population: "Guadeloupe sauf Saint-Martin",
          }),
          row("Abolition de l’esclavage", "2024-05-28", "2024-05-28", {
            places: ["Saint-Martin"],
            population: "Saint-Martin",
          }),
        ],
      },
    ],
  };
}
