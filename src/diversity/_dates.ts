/** Private: calendar dates of the diversity module. */
import * as z from "zod/v4";

/** Whether a YYYY-MM-DD string names a day of the calendar (no 2020-13-45, no 1990-02-31). */
export function isCalendarDate(text: string): boolean {
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** A calendar date YYYY-MM-DD that exists. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date YYYY-MM-DD")
  .refine(isCalendarDate, { message: "a calendar date YYYY-MM-DD that exists (month 01-12, a day of that month)" });
