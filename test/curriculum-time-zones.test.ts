import { beforeAll, describe, expect, it } from "vitest";
import { answersUnderTimeZone } from "./support/answers-under-time-zone.js";
import type { CurriculumTimeZoneCase } from "./support/curriculum-time-zone-answers.js";
import { buildPath, hasRealData } from "./support/real-data.js";

/**
 * Issue #11 for the curriculum: a cohort's days are calendar days in the cohort's legal time zone. The
 * same cohort, given its days as "YYYY-MM-DD" or as Dates (00:00 and 23:59 of those days in the cohort's
 * zone, and `new Date(y, m - 1, d)` in an app running there), gets the same plan, re-plan, progress,
 * working days and school holidays, whatever the TZ of the process. Each TZ runs in its own child process
 * (TZ is read once per process), with the compiled school calendar (real data).
 */

const ZONES = ["UTC", "Europe/Paris", "Indian/Reunion", "America/Guadeloupe", "Pacific/Tahiti"];

const CASES: CurriculumTimeZoneCase[] = [
  {
    name: "Toulouse (mainland), around 8 May",
    calendarZone: "mainland",
    timeZone: "Europe/Paris",
    commune: "31555",
    start: "2024-05-06",
    unavailable: "2024-05-07",
    closeDay: "2024-05-13",
    outcome: "2024-06-03",
    holiday: "2024-05-08",
  },
  {
    name: "Saint-Denis (Réunion), around 20 December",
    calendarZone: "la_reunion",
    timeZone: "Indian/Reunion",
    commune: "97411",
    start: "2024-12-16",
    unavailable: "2024-12-17",
    closeDay: "2024-12-23",
    outcome: "2025-01-01",
    holiday: "2024-12-20",
  },
  {
    name: "Pointe-à-Pitre (Guadeloupe), around 27 May",
    calendarZone: "guadeloupe",
    timeZone: "America/Guadeloupe",
    commune: "97120",
    start: "2025-05-26",
    unavailable: "2025-05-28",
    closeDay: "2025-06-02",
    outcome: "2025-07-01",
    holiday: "2025-05-27",
  },
  {
    name: "Cayenne (Guyane), around 10 June",
    calendarZone: "guyane",
    timeZone: "America/Cayenne",
    commune: "97302",
    start: "2025-06-02",
    unavailable: "2025-06-03",
    closeDay: "2025-06-11",
    outcome: "2025-07-01",
    holiday: "2025-06-10",
  },
  {
    name: "Papeete (Polynésie), around 5 March",
    calendarZone: "polynesie_francaise",
    timeZone: "Pacific/Tahiti",
    commune: "98735",
    start: "2026-03-02",
    unavailable: "2026-03-03",
    closeDay: "2026-03-09",
    outcome: "2026-04-01",
    holiday: "2026-03-05",
  },
  {
    name: "Nouméa (Nouvelle-Calédonie), around 24 September",
    calendarZone: "nouvelle_caledonie",
    timeZone: "Pacific/Noumea",
    commune: "98818",
    start: "2025-09-22",
    unavailable: "2025-09-23",
    closeDay: "2025-09-29",
    outcome: "2025-10-15",
    holiday: "2025-09-24",
  },
];

interface Answer {
  start: string;
  timeZone: string;
  datesRead: string[];
  days: string[];
  plan: string;
  closed: { digest: string; changes: number; closedDays: string[]; read: string[] };
  firstUnavailable: string[];
  outcome: { kind: string; date: string };
  progressRead: string[];
  workingOnHoliday: boolean;
  workingOnStart: boolean;
  holidays: { area: string; periods: number; read: string[] };
}

interface Answers {
  readonly processZone: string;
  readonly answers: readonly {
    name: string;
    day: Answer;
    midnight: Answer;
    lastMinute: Answer;
    local: Answer | null;
  }[];
}

/** What must not depend on the form of the dates (the readings say how each Date was read). */
const outcomeOf = (a: Answer) => ({
  ...a,
  datesRead: undefined,
  progressRead: undefined,
  closed: { ...a.closed, read: undefined },
  holidays: { ...a.holidays, read: undefined },
});

const answersUnder = (tz: string): Promise<Answers> =>
  answersUnderTimeZone<Answers>("curriculum-time-zone-answers.ts", tz, CASES);

describe.skipIf(!hasRealData(buildPath("school-calendar.json")))(
  "curriculum: the same calendar days, the same plans and progress, under every TZ (real school calendar)",
  () => {
    const runs = new Map<string, Answers>();
    beforeAll(async () => {
      const all = await Promise.all(ZONES.map(async (tz) => [tz, await answersUnder(tz)] as const));
      for (const [tz, answers] of all) runs.set(tz, answers);
    }, 600_000);

    it("runs each child under the TZ it was given", () => {
      for (const tz of ZONES) expect(runs.get(tz)?.processZone).toBe(tz);
    });

    it("plans, re-plans and tracks progress from Dates at 00:00 and 23:59 in the cohort's zone as from the day strings", () => {
      for (const tz of ZONES) {
        for (const a of runs.get(tz)!.answers) {
          expect(outcomeOf(a.midnight), `${a.name}, TZ=${tz}`).toEqual(outcomeOf(a.day));
          expect(outcomeOf(a.lastMinute), `${a.name}, TZ=${tz}`).toEqual(outcomeOf(a.day));
        }
      }
    });

    it("gives identical answers, readings included, in every process TZ", () => {
      const reference = runs.get("UTC")!.answers.map(({ local: _, ...rest }) => rest);
      for (const tz of ZONES) expect(runs.get(tz)!.answers.map(({ local: _, ...rest }) => rest)).toEqual(reference);
    });

    it("reads new Date(y, m - 1, d) in an app running in the cohort's zone as that day (Réunion, Guadeloupe, Tahiti, Paris)", () => {
      let checked = 0;
      for (const tz of ZONES) {
        for (const a of runs.get(tz)!.answers) {
          if (a.local === null) continue;
          expect(outcomeOf(a.local), `${a.name}, TZ=${tz}`).toEqual(outcomeOf(a.day));
          checked++;
        }
      }
      expect(checked).toBe(4);
    });

    it("states the day used and the time zone for every Date, and nothing for day strings", () => {
      for (const c of CASES) {
        const a = runs.get("UTC")!.answers.find((x) => x.name === c.name)!;
        expect(a.day.datesRead).toEqual([]);
        expect(a.midnight.datesRead).toEqual([
          `startDate=${c.start}@${c.timeZone}`,
          `participants.0.unavailableDays.0=${c.unavailable}@${c.timeZone}`,
        ]);
        expect(a.midnight.closed.read.at(-1)).toBe(`change.date=${c.closeDay}@${c.timeZone}`);
        expect(a.midnight.progressRead).toEqual([`outcomes.0.date=${c.outcome}@${c.timeZone}`]);
        expect(a.lastMinute.holidays.read).toEqual([`from=${c.start}@${c.timeZone}`, `to=${c.closeDay}@${c.timeZone}`]);
      }
    });

    it("uses the right days in each territory: start, closing day, outcome, local public holiday", () => {
      for (const c of CASES) {
        const a = runs.get("Pacific/Tahiti")!.answers.find((x) => x.name === c.name)!.lastMinute;
        expect(a.start).toBe(c.start);
        expect(a.days[0]).toBe(c.start);
        expect(a.days).not.toContain(c.holiday);
        expect(a.firstUnavailable).toEqual([c.unavailable]);
        expect(a.closed.closedDays).toEqual([c.closeDay]);
        expect(a.closed.changes).toBeGreaterThan(0);
        expect(a.outcome).toEqual({ kind: "job", date: c.outcome });
        expect(a.workingOnHoliday, c.name).toBe(false);
        expect(a.workingOnStart, c.name).toBe(true);
        expect(a.timeZone).toBe(c.timeZone);
      }
    });
  },
);
