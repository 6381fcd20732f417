import { parseCalendarDay, utcMidnightOf } from "../_lib/calendar-day.js";

/**
 * The regimes in force by date (DOMAIN.md): which QPV generation, which rural zoning, and the days the data can
 * speak for. Days are numbers YYYYMMDD.
 * @module
 */

/**
 * The days the data can speak for. From 2015-01-01, the first day of the oldest list it holds (QPV 2015; the
 * zonings before it, such as the ZUS, are not in the data). The lists in force today have no end date in the
 * data; answers for later days assume they still apply, up to 2099-12-31, past which the library refuses.
 */
export const DATE_RANGE = { from: "2015-01-01", to: "2099-12-31" } as const;

const FROM = parseCalendarDay(DATE_RANGE.from)!;
const TO = parseCalendarDay(DATE_RANGE.to)!;
// An instant more than two days outside the range is outside it in every time zone (UTC-12 to UTC+14).
const FROM_TIME = utcMidnightOf(FROM) - 2 * 86_400_000;
const TO_TIME = utcMidnightOf(TO) + 3 * 86_400_000;

/** Whether a day (YYYYMMDD) is within {@link DATE_RANGE}. */
export function isDayInRange(day: number): boolean {
  return day >= FROM.num && day <= TO.num;
}

/** Whether an instant (ms since the epoch) can fall within {@link DATE_RANGE} in some time zone. */
export function isInstantNearRange(time: number): boolean {
  return time >= FROM_TIME && time <= TO_TIME;
}

/** The QPV generation in force on a day (DOMAIN.md): 2015 from 2015-01-01; 2024 from 2024-01-01 mainland, 2025-01-01 overseas. */
export function qpvRegimeOn(day: number, overseas: boolean): "qpv2015" | "qpv2024" | null {
  if (day < 20150101) return null;
  if (day <= (overseas ? 20241231 : 20231231)) return "qpv2015";
  return "qpv2024";
}

/** The rural zoning in force on a day: ZRR 2017-07-01 to 2024-06-30, FRR from 2024-07-01. */
export function ruralRegimeOn(day: number): "zrr" | "frr" | null {
  if (day < 20170701) return null;
  return day <= 20240630 ? "zrr" : "frr";
}
