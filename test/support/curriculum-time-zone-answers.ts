/**
 * Child process of test/curriculum-time-zones.test.ts, run under a given TZ. For cohorts in several legal
 * time zones, it plans, re-plans, computes progress and reads school holidays (real compiled calendar)
 * with each date given as the calendar day string, as a Date at 00:00 and at 23:59 of that day in the
 * cohort's zone (TZDate), and — when the process's TZ is that zone — as `new Date(y, m - 1, d)`, an app
 * running there. Prints one JSON line: per case and form, a summary of what came out.
 */
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz/date";
import {
  computeProgress,
  isWorkingDay,
  listSchoolHolidays,
  PARCOURS_EXPRESS,
  planCohort,
  replanCohort,
  type CohortPlan,
} from "../../src/curriculum/index.js";
import { loadSchoolCalendar } from "../../src/data/index.js";
import type { CalendarZone } from "../../src/_lib/vocabulary.js";

export interface CurriculumTimeZoneCase {
  readonly name: string;
  readonly calendarZone: CalendarZone;
  readonly timeZone: string;
  readonly commune: string;
  /** Start day, a day a participant cannot come, a day the venue closes, an outcome day, a public holiday. */
  readonly start: string;
  readonly unavailable: string;
  readonly closeDay: string;
  readonly outcome: string;
  readonly holiday: string;
}

type Form = "day" | "midnight" | "lastMinute" | "local";
const cases = JSON.parse(process.env.DECLICS_TZ_CASES ?? "[]") as CurriculumTimeZoneCase[];
const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const calendar = loadSchoolCalendar();

function as(form: Form, day: string, zone: string): string | Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  if (form === "day") return day;
  if (form === "local") return new Date(y, m - 1, d);
  const at = form === "midnight" ? new TZDate(y, m - 1, d, 0, 0, zone) : new TZDate(y, m - 1, d, 23, 59, zone);
  return new Date(at.getTime());
}

const digest = (plan: CohortPlan): string =>
  createHash("sha256")
    .update(JSON.stringify([plan.days, plan.sessions, plan.assignments, plan.unmet]))
    .digest("hex")
    .slice(0, 16);

function answer(c: CurriculumTimeZoneCase, form: Form) {
  const at = (day: string) => as(form, day, c.timeZone);
  const holidays = listSchoolHolidays(calendar, { commune: c.commune }, { from: at(c.start), to: at(c.closeDay) });
  const participants = Array.from({ length: 12 }, (_, i) => ({
    id: `p${i + 1}`,
    ...(i === 0 ? { unavailableDays: [at(c.unavailable)] } : {}),
  }));
  const plan = planCohort(PARCOURS_EXPRESS, {
    id: c.name,
    title: c.name,
    startDate: at(c.start),
    calendarZone: c.calendarZone,
    participants,
    resources: [
      { id: "room", kind: "room", name: "Salle", capacity: 30 },
      { id: "f1", kind: "facilitator", name: "F1" },
      { id: "f2", kind: "facilitator", name: "F2" },
      { id: "s1", kind: "speaker", name: "S1" },
    ],
  });
  const closed = replanCohort(plan, { kind: "close_day", date: at(c.closeDay) });
  const progress = computeProgress(
    plan,
    plan.assignments.map((a) => ({ participantId: a.participantId, sessionId: a.sessionId, status: "present" })),
    [{ participantId: "p2", kind: "job", date: at(c.outcome) }],
  );
  const p2 = progress.records.find((r) => r.participantId === "p2");
  return {
    start: plan.cohort.startDate,
    timeZone: plan.timeZone,
    datesRead: (plan.cohort.datesRead ?? []).map((r) => `${r.field}=${r.day}@${r.timeZone}`),
    days: plan.days,
    plan: digest(plan),
    closed: {
      digest: digest(closed),
      changes: closed.changes?.length ?? 0,
      closedDays: closed.cohort.closedDays,
      read: (closed.cohort.datesRead ?? []).map((r) => `${r.field}=${r.day}@${r.timeZone}`),
    },
    firstUnavailable: plan.cohort.participants[0]?.unavailableDays,
    outcome: p2?.outcome,
    progressRead: (progress.datesRead ?? []).map((r) => `${r.field}=${r.day}@${r.timeZone}`),
    workingOnHoliday: isWorkingDay(at(c.holiday), c.calendarZone),
    workingOnStart: isWorkingDay(at(c.start), c.calendarZone),
    holidays: {
      area: holidays.area,
      periods: holidays.periods.length,
      read: (holidays.datesRead ?? []).map((r) => `${r.field}=${r.day}@${r.timeZone}`),
    },
  };
}

const answers = cases.map((c) => ({
  name: c.name,
  day: answer(c, "day"),
  midnight: answer(c, "midnight"),
  lastMinute: answer(c, "lastMinute"),
  local: processZone === c.timeZone ? answer(c, "local") : null,
}));
process.stdout.write(`${JSON.stringify({ processZone, answers })}\n`);
