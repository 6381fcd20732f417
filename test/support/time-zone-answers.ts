/**
 * Child process of test/territory-time-zones.test.ts, run under a given TZ: answers a fixed list of cases on
 * the compiled real data, each with the calendar day as a string, as a Date at midnight of that day in the
 * subject's legal time zone (TZDate), as a Date at 23:59 of that day there, and — when the process's TZ is
 * that zone — as `new Date(y, m - 1, d)` (an app running in the territory). Prints one JSON line.
 */
import { TZDate } from "@date-fns/tz/date";
import { loadTerritoryData } from "../../src/data/index.js";
import { checkEligibility, type EligibilityResult, type SyncEligibilitySubject } from "../../src/territory/index.js";

export interface TimeZoneCase {
  readonly name: string;
  readonly subject: SyncEligibilitySubject;
  readonly timeZone: string;
  readonly day: string;
}

const summary = (r: EligibilityResult): string =>
  [
    r.status,
    r.on,
    r.qpv.regime,
    r.qpv.status,
    r.qpv.zone?.code ?? "",
    r.rural.regime,
    r.rural.classification ?? "",
    r.reasons.map((x) => x.code).join("|"),
  ].join(" ");

const cases = JSON.parse(process.env.DECLICS_TZ_CASES ?? "[]") as TimeZoneCase[];
const data = await loadTerritoryData();
const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const answers = cases.map((c) => {
  const [y, m, d] = c.day.split("-").map(Number) as [number, number, number];
  const answer = (on: string | Date): string => {
    try {
      return summary(checkEligibility(c.subject, { on, data }));
    } catch (error) {
      return `error ${(error as { code?: string }).code ?? String(error)}`;
    }
  };
  return {
    name: c.name,
    day: answer(c.day),
    midnight: answer(new Date(new TZDate(y, m - 1, d, c.timeZone).getTime())),
    lastMinute: answer(new Date(new TZDate(y, m - 1, d, 23, 59, c.timeZone).getTime())),
    local: processZone === c.timeZone ? answer(new Date(y, m - 1, d)) : null,
    timeZone:
      checkEligibility(c.subject, { on: new Date(new TZDate(y, m - 1, d, 12, c.timeZone).getTime()), data }).timeZone ??
      null,
  };
});
process.stdout.write(`${JSON.stringify({ processZone, answers })}\n`);
