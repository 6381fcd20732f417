/**
 * Parcours templates, cohort planning on French calendars, iCalendar export and progress.
 * @module curriculum
 */

// Operations, each with its options and result types beside it.
export { planCohort } from "./plan-cohort.js";
export type { PlanCohortOptions } from "./plan-cohort.js";
export { replanCohort } from "./replan-cohort.js";
export { formatIcs } from "./format-ics.js";
export type { FormatIcsOptions } from "./format-ics.js";
export { computeProgress } from "./compute-progress.js";
export type {
  AttendanceSummary,
  NextStep,
  PhaseProgress,
  ProgressIssue,
  ProgressRecord,
  ProgressReport,
} from "./compute-progress.js";
export { listPublicHolidays } from "./list-public-holidays.js";
export { isWorkingDay } from "./is-working-day.js";
export type { IsWorkingDayOptions } from "./is-working-day.js";
export { listSchoolHolidays } from "./list-school-holidays.js";
export type { ListSchoolHolidaysOptions, SchoolHolidaysWhere } from "./list-school-holidays.js";
export { locateSchoolArea } from "./locate-school-area.js";
export type { SchoolArea } from "./locate-school-area.js";
export { parseParcoursTemplate, safeParseParcoursTemplate } from "./parse-parcours-template.js";
export { parseCohort, safeParseCohort } from "./parse-cohort.js";
export {
  parseSchoolCalendar,
  SchoolCalendar,
  SchoolCalendarAcademie,
  SchoolHolidayRow,
  SchoolAudience,
  SCHOOL_CALENDAR_FORMAT,
} from "./school-calendar.js";
export { PARCOURS_EXPRESS } from "./parcours-express.js";

// The domain's entities (zod schemas, which are also the types) and their input forms.
export {
  Activity,
  ActivityId,
  ActivityKind,
  AssessmentRef,
  Assignment,
  AttendanceRecord,
  Cohort,
  CohortId,
  CohortPlan,
  CurriculumSchemaVersion,
  DateReading,
  DayInput,
  Equipment,
  IsoDate,
  LoadReport,
  LocalTime,
  Modality,
  OpeningHours,
  OutcomeKind,
  OutcomeRecord,
  ParcoursTemplate,
  Participant,
  Phase,
  PhaseId,
  PlanAdjustment,
  PlanChange,
  PlanSettings,
  PublicHoliday,
  Resource,
  ResourceId,
  ResourceKind,
  ResourceNeeds,
  SchoolHolidays,
  Session,
  SessionId,
  SessionModality,
  TemplateId,
  TimeZoneName,
  UnmetConstraint,
  UnmetReason,
} from "./schema.js";
export type {
  ActivityInput,
  AttendanceRecordInput,
  CohortInput,
  OutcomeRecordInput,
  ParcoursTemplateInput,
  ParticipantInput,
  PlanChangeInput,
  ResourceInput,
} from "./schema.js";

// The shared vocabulary the curriculum's entities use, and the error type every operation throws.
export { AgeBand, CalendarZone, Gender, ParcoursStage, ParticipantId, TerritoryKind } from "../_lib/vocabulary.js";
export { DeclicsError, isDeclicsError } from "../errors.js";
