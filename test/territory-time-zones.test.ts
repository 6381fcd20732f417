import { beforeAll, describe, expect, it } from "vitest";
import { answersUnderTimeZone } from "./support/answers-under-time-zone.js";
import { TERRITORY_ARTEFACTS } from "../src/territory/index.js";
import type { TimeZoneCase } from "./support/time-zone-answers.js";
import { buildPath, hasRealData } from "./support/real-data.js";

/**
 * Issue #11, "a wrong day in Réunion": the same calendar day gets the same answer whatever the TZ of the
 * process, for every territory, on each regime switch day and the day before. Each TZ runs in its own child
 * process (TZ is read once per process), on the compiled real data.
 */

const ZONES = ["UTC", "Europe/Paris", "Indian/Reunion", "America/Guadeloupe", "Pacific/Tahiti"];

const SUBJECTS: readonly {
  name: string;
  subject: TimeZoneCase["subject"];
  timeZone: string;
  days: readonly string[];
}[] = [
  // QPV 2015 -> 2024: 2024-01-01 in mainland France...
  {
    name: "Toulouse, edge of Grand Mirail",
    subject: { lon: 1.403265, lat: 43.56663 },
    timeZone: "Europe/Paris",
    days: ["2023-12-31", "2024-01-01"],
  },
  // ...2025-01-01 overseas.
  {
    name: "Saint-Denis (Réunion), commune 97411",
    subject: { codeInsee: "97411" },
    timeZone: "Indian/Reunion",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Réunion, QN97401I",
    subject: { lon: 55.405511, lat: -21.271768 },
    timeZone: "Indian/Reunion",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Guadeloupe, QN97101M",
    subject: { lon: -61.526895, lat: 16.242428 },
    timeZone: "America/Guadeloupe",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Martinique, QN97201M",
    subject: { lon: -61.071556, lat: 14.610641 },
    timeZone: "America/Martinique",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Guyane, QN97301M",
    subject: { lon: -52.317803, lat: 4.936674 },
    timeZone: "America/Cayenne",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Mayotte, QN97601M",
    subject: { lon: 45.0677, lat: -12.724243 },
    timeZone: "Indian/Mayotte",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Saint-Martin, QN97801M",
    subject: { lon: -63.0470535, lat: 18.062372 },
    timeZone: "America/Marigot",
    days: ["2024-12-31", "2025-01-01"],
  },
  {
    name: "Polynésie, QN98701M",
    subject: { lon: -149.5400955, lat: -17.527094 },
    timeZone: "Pacific/Tahiti",
    days: ["2024-12-31", "2025-01-01"],
  },
  // ZRR -> FRR on 2024-07-01.
  {
    name: "Mende 48095 (ZRR C, FRR socle)",
    subject: { codeInsee: "48095" },
    timeZone: "Europe/Paris",
    days: ["2024-06-30", "2024-07-01"],
  },
  {
    name: "Beaupont 01029 (ZRR NC, FRR socle)",
    subject: { codeInsee: "01029" },
    timeZone: "Europe/Paris",
    days: ["2024-06-30", "2024-07-01"],
  },
  {
    name: "Saint-Denis (Réunion) 97411, rural",
    subject: { codeInsee: "97411" },
    timeZone: "Indian/Reunion",
    days: ["2024-06-30", "2024-07-01"],
  },
  // FRR+ from 2025-01-01.
  {
    name: "02004 (FRR+)",
    subject: { codeInsee: "02004" },
    timeZone: "Europe/Paris",
    days: ["2024-12-31", "2025-01-01"],
  },
];
const CASES: TimeZoneCase[] = SUBJECTS.flatMap((s) =>
  s.days.map((day) => ({ name: `${s.name} on ${day}`, subject: s.subject, timeZone: s.timeZone, day })),
);

interface Answers {
  readonly processZone: string;
  readonly answers: readonly {
    name: string;
    day: string;
    midnight: string;
    lastMinute: string;
    local: string | null;
    timeZone: string | null;
  }[];
}

const answersUnder = (tz: string): Promise<Answers> => answersUnderTimeZone<Answers>("time-zone-answers.ts", tz, CASES);

describe.skipIf(!hasRealData(...Object.values(TERRITORY_ARTEFACTS).map((f) => buildPath(f))))(
  "the same calendar day, the same answer, under every TZ (real data)",
  () => {
    const runs = new Map<string, Answers>();
    beforeAll(async () => {
      for (const tz of ZONES) runs.set(tz, await answersUnder(tz));
    }, 300_000);

    it("runs each child under the TZ it was given", () => {
      for (const tz of ZONES) expect(runs.get(tz)?.processZone).toBe(tz === "UTC" ? "UTC" : tz);
    });

    it("answers a Date at midnight and at 23:59 of a day in the subject's zone as the day string, in every process TZ", () => {
      for (const tz of ZONES) {
        for (const a of runs.get(tz)!.answers) {
          expect(a.midnight, `${a.name}, TZ=${tz}`).toBe(a.day);
          expect(a.lastMinute, `${a.name}, TZ=${tz}`).toBe(a.day);
        }
      }
    });

    it("gives identical answers in every process TZ", () => {
      const reference = runs.get("UTC")!.answers;
      for (const tz of ZONES)
        expect(runs.get(tz)!.answers.map(({ local: _, ...rest }) => rest)).toEqual(
          reference.map(({ local: _, ...rest }) => rest),
        );
    });

    it("answers new Date(2025, 0, 1) in an app running in Réunion for 2025-01-01 under QPV 2024 (the issue's wrong day)", () => {
      const reunion = runs
        .get("Indian/Reunion")!
        .answers.find((a) => a.name === "Saint-Denis (Réunion), commune 97411 on 2025-01-01")!;
      expect(reunion.local).toBe(reunion.day);
      expect(reunion.day).toMatch(/ 2025-01-01 qpv2024 /);
      expect(reunion.timeZone).toBe("Indian/Reunion");
      const guadeloupe = runs
        .get("America/Guadeloupe")!
        .answers.find((a) => a.name === "Guadeloupe, QN97101M on 2025-01-01")!;
      expect(guadeloupe.local).toBe(guadeloupe.day);
      const tahiti = runs.get("Pacific/Tahiti")!.answers.find((a) => a.name === "Polynésie, QN98701M on 2024-12-31")!;
      expect(tahiti.local).toBe(tahiti.day);
    });

    it("switches regimes on the right day in each territory", () => {
      const day = (name: string) => runs.get("UTC")!.answers.find((a) => a.name === name)!.day;
      expect(day("Toulouse, edge of Grand Mirail on 2023-12-31")).toMatch(/^not_eligible 2023-12-31 qpv2015 /);
      expect(day("Toulouse, edge of Grand Mirail on 2024-01-01")).toMatch(
        /^eligible 2024-01-01 qpv2024 inside QN03107M /,
      );
      for (const [territory, zone] of [
        ["Réunion", "QN97401I"],
        ["Guadeloupe", "QN97101M"],
        ["Martinique", "QN97201M"],
        ["Guyane", "QN97301M"],
        ["Mayotte", "QN97601M"],
        ["Saint-Martin", "QN97801M"],
        ["Polynésie", "QN98701M"],
      ]) {
        expect(day(`${territory}, ${zone} on 2024-12-31`)).toMatch(/^\w+ 2024-12-31 qpv2015 (unavailable|outside) /);
        expect(day(`${territory}, ${zone} on 2025-01-01`)).toMatch(
          new RegExp(`^eligible 2025-01-01 qpv2024 inside ${zone} `),
        );
      }
      expect(day("Mende 48095 (ZRR C, FRR socle) on 2024-06-30")).toMatch(
        /^eligible 2024-06-30 .* zrr C - Classée en ZRR /,
      );
      expect(day("Mende 48095 (ZRR C, FRR socle) on 2024-07-01")).toMatch(/^eligible 2024-07-01 .* frr FRR socle /);
      expect(day("Beaupont 01029 (ZRR NC, FRR socle) on 2024-06-30")).toMatch(/^not_eligible /);
      expect(day("Beaupont 01029 (ZRR NC, FRR socle) on 2024-07-01")).toMatch(/^eligible /);
      expect(day("02004 (FRR+) on 2025-01-01")).toMatch(/^eligible 2025-01-01 .* frr FRR\+ /);
    });
  },
);
