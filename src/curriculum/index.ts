/**
 * Parcours templates, cohort planning on French calendars, iCalendar export and progress.
 * @module curriculum
 */
export * from "./schema.js";
export { listPublicHolidays } from "./list-public-holidays.js";
export { isWorkingDay } from "./is-working-day.js";
export {
  parseSchoolCalendar,
  SchoolCalendar,
  SchoolCalendarAcademie,
  SchoolHolidayRow,
  SchoolAudience,
  SCHOOL_CALENDAR_FORMAT,
} from "./school-calendar.js";
export { locateSchoolArea } from "./locate-school-area.js";
export type { SchoolArea } from "./locate-school-area.js";
export { listSchoolHolidays } from "./list-school-holidays.js";
export type { ListSchoolHolidaysOptions, SchoolHolidaysWhere } from "./list-school-holidays.js";
export type { IsWorkingDayOptions } from "./is-working-day.js";
export { PARCOURS_EXPRESS } from "./parcours-express.js";
export { planCohort } from "./plan-cohort.js";
export { replanCohort } from "./replan-cohort.js";
export { formatIcs, FormatIcsOptions } from "./format-ics.js";
export type { FormatIcsOptionsInput } from "./format-ics.js";
export { computeProgress } from "./compute-progress.js";
export { parseParcoursTemplate, safeParseParcoursTemplate } from "./parse-parcours-template.js";
export { parseCohort, safeParseCohort } from "./parse-cohort.js";
