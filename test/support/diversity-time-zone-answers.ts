/**
 * Child process of test/diversity-time-zones.test.ts, run under a given TZ: answers a fixed list of date
 * cases of declics/diversity with each day given as a string, as a Date at midnight of that day in the
 * case's legal time zone (TZDate), as a Date at 23:59 there, and — when the process's TZ is that zone — as
 * `new Date(y, m - 1, d)` (an app running in the territory). Prints one JSON line.
 */
import { TZDate } from "@date-fns/tz/date";
import {
  ageBandOn,
  computeDiversityReport,
  computeTargetProgress,
  parseParticipantRecords,
} from "../../src/diversity/index.js";

export interface DiversityTimeZoneCase {
  readonly name: string;
  readonly timeZone: string;
  /** An overseas département whose zone is `timeZone`, for the records' dates; undefined for mainland. */
  readonly departement?: string;
  readonly birthDate: string;
  readonly day: string;
}

type DayForm = (day: string, timeZone: string) => string | Date;

const forms: Record<string, DayForm> = {
  string: (day) => day,
  midnight: (day, timeZone) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
  },
  lastMinute: (day, timeZone) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d, 23, 59, timeZone).getTime());
  },
  local: (day) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new Date(y, m - 1, d);
  },
};

function answer(c: DiversityTimeZoneCase, form: DayForm): string {
  const at = (day: string): string | Date => form(day, c.timeZone);
  try {
    const band = ageBandOn(at(c.birthDate), at(c.day), { timeZone: c.timeZone });
    const records = parseParticipantRecords([
      {
        id: "p1",
        gender: "female",
        territoryKind: "qpv",
        birthDate: at(c.birthDate),
        stages: [{ stage: "registered", on: at(c.day) }],
        ...(c.departement === undefined ? {} : { departement: c.departement }),
      },
    ]);
    const report = computeDiversityReport(records, {
      dimensions: ["ageBand"],
      referenceDate: at(c.day),
      timeZone: c.timeZone,
      protection: "none",
    });
    const bands = (report.shares.ageBand ?? []).filter((r) => r.count.value === 1).map((r) => r.ageBand);
    const progress = computeTargetProgress(records, {
      target: 10,
      start: at("2020-01-01"),
      deadline: at("2030-01-01"),
      checkpoints: [at(c.day)],
      timeZone: c.timeZone,
    });
    const point = progress.points[0];
    return [band, report.method.referenceDate?.day, bands.join("|"), point?.on, point?.reached].join(" ");
  } catch (error) {
    return `error ${(error as { code?: string }).code ?? String(error)}`;
  }
}

const cases = JSON.parse(process.env.DECLICS_TZ_CASES ?? "[]") as DiversityTimeZoneCase[];
const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const answers = cases.map((c) => ({
  name: c.name,
  string: answer(c, forms.string as DayForm),
  midnight: answer(c, forms.midnight as DayForm),
  lastMinute: answer(c, forms.lastMinute as DayForm),
  local: processZone === c.timeZone ? answer(c, forms.local as DayForm) : null,
}));
process.stdout.write(`${JSON.stringify({ processZone, answers })}\n`);
