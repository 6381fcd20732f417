import { beforeAll, describe, expect, it } from "vitest";
import { answersUnderTimeZone } from "./support/answers-under-time-zone.js";
import type { DiversityTimeZoneCase } from "./support/diversity-time-zone-answers.js";

/**
 * Issue #11 for declics/diversity: a date given as "YYYY-MM-DD" or as a Date (an instant in the legal time
 * of the territory) gives the same answers whatever the TZ of the process. Each case is a birthday on which
 * a person changes age band (25 -> 26), the day before it, and a checkpoint on that day. Each TZ runs in
 * its own child process (TZ is read once per process).
 */

const ZONES = ["UTC", "Europe/Paris", "Indian/Reunion", "America/Guadeloupe", "Pacific/Tahiti"];

const PLACES: readonly { name: string; timeZone: string; departement?: string }[] = [
  { name: "Toulouse", timeZone: "Europe/Paris" },
  { name: "Saint-Denis (La Réunion)", timeZone: "Indian/Reunion", departement: "974" },
  { name: "Pointe-à-Pitre (Guadeloupe)", timeZone: "America/Guadeloupe", departement: "971" },
  { name: "Papeete (Polynésie)", timeZone: "Pacific/Tahiti" },
];

const CASES: DiversityTimeZoneCase[] = PLACES.flatMap((p) =>
  ["2024-12-31", "2025-01-01"].map((day) => ({ ...p, name: `${p.name} on ${day}`, birthDate: "1999-01-01", day })),
);

interface Answers {
  readonly processZone: string;
  readonly answers: readonly {
    name: string;
    string: string;
    midnight: string;
    lastMinute: string;
    local: string | null;
  }[];
}

const answersUnder = (tz: string): Promise<Answers> =>
  answersUnderTimeZone<Answers>("diversity-time-zone-answers.ts", tz, CASES);

describe("declics/diversity: the same calendar day, the same answer, under every TZ", () => {
  const runs = new Map<string, Answers>();
  beforeAll(async () => {
    for (const tz of ZONES) runs.set(tz, await answersUnder(tz));
  }, 240_000);

  it("answers the expected band on each side of the birthday, from a string", () => {
    const paris = runs.get("Europe/Paris") as Answers;
    for (const a of paris.answers) {
      const band = a.name.endsWith("2024-12-31") ? "under_26" : "26_49";
      const day = a.name.slice(-10);
      expect(a.string, a.name).toBe(`${band} ${day} ${band} ${day} 1`);
    }
  });

  it.each(ZONES)("TZ=%s: a Date at midnight or 23:59 in the territory's zone is that day", (tz) => {
    const run = runs.get(tz) as Answers;
    for (const a of run.answers) {
      expect(a.midnight, `${a.name} (midnight)`).toBe(a.string);
      expect(a.lastMinute, `${a.name} (23:59)`).toBe(a.string);
      if (a.local !== null) expect(a.local, `${a.name} (local Date)`).toBe(a.string);
    }
  });

  it("every TZ gives identical answers, and each territory's own TZ checked a local Date", () => {
    const first = JSON.stringify((runs.get("UTC") as Answers).answers.map((a) => [a.string, a.midnight]));
    for (const tz of ZONES)
      expect(JSON.stringify((runs.get(tz) as Answers).answers.map((a) => [a.string, a.midnight])), tz).toBe(first);
    for (const tz of ["Europe/Paris", "Indian/Reunion", "America/Guadeloupe", "Pacific/Tahiti"]) {
      const run = runs.get(tz) as Answers;
      expect(run.processZone).toBe(tz);
      expect(run.answers.some((a) => a.local !== null)).toBe(true);
    }
  });
});
