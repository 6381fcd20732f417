import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../../src/errors.js";
import { SourcesManifest } from "../../src/data/schema.js";
import { hasRealData, PROJECT_ROOT, SOURCES_DIR, sourcePath } from "../../test/support/real-data.js";
import { loadDataset } from "../build-data.js";
import { RECORD_SCHEMAS, type SchoolCalendarRow } from "./record-schemas.js";
import { compileSchoolCalendar, exportDay, freeDays, readPopulation } from "./school-calendar.js";

const SOURCE = { dataset: "school-calendar", millesime: "test", sha256: "0".repeat(64) };
const row = (over: Partial<SchoolCalendarRow> = {}): SchoolCalendarRow => ({
  Description: "Vacances de la Toussaint",
  Population: "-",
  "Date de début": "2023-10-21T00:00:00+02:00",
  "Date de fin": "2023-11-06T00:00:00+01:00",
  Académies: "Toulouse",
  Zones: "Zone C",
  annee_scolaire: "2023-2024",
  ...over,
});

describe("compileSchoolCalendar", () => {
  it("frees the days between the end of classes and their resumption", () => {
    const cal = compileSchoolCalendar([row()], SOURCE);
    expect(cal.academies[0]?.rows[0]).toMatchObject({
      classesEnd: "2023-10-21",
      classesResume: "2023-11-06",
      firstDay: "2023-10-22",
      lastDay: "2023-11-05",
      audience: "everyone",
    });
  });

  it("frees the day itself for one- and two-day rows (Mi-carême, Semaine en mai)", () => {
    expect(freeDays("2024-03-07", "2024-03-07")).toEqual({ firstDay: "2024-03-07", lastDay: "2024-03-07" });
    expect(freeDays("2024-05-10", "2024-05-11")).toEqual({ firstDay: "2024-05-10", lastDay: "2024-05-10" });
  });

  it("reads dates as days in Paris whatever the offset of the export (+02:00, Z)", () => {
    expect(exportDay("2017-10-21T00:00:00+02:00")).toBe("2017-10-21");
    expect(exportDay("2023-10-20T22:00:00+00:00")).toBe("2023-10-21");
    expect(exportDay("2023-10-20T22:00:00Z")).toBe("2023-10-21");
  });

  it("tags every population and limits Guadeloupe's rows to their sub-territories", () => {
    expect(readPopulation("Enseignants du premier degré")?.audience).toBe("teachers");
    expect(readPopulation("Élèves des collèges")?.audience).toBe("pupils");
    expect(readPopulation("Premier degré et collèges")?.audience).toBe("pupils");
    expect(readPopulation("Guadeloupe sauf Saint-Martin")?.places).toEqual(["Guadeloupe", "Saint-Barthélemy"]);
    expect(readPopulation("Guadeloupe, Saint-Martin & Saint-Barthélémy")?.places).toEqual([
      "Guadeloupe",
      "Saint-Martin",
      "Saint-Barthélemy",
    ]);
    expect(readPopulation("Saint Martin")?.places).toEqual(["Saint-Martin"]);
    expect(readPopulation("Parents d'élèves")).toBeNull();
  });

  it("refuses a row it cannot read instead of dropping it", () => {
    for (const bad of [row({ Population: "Parents" }), row({ "Date de fin": "2023-10-01T00:00:00+02:00" })]) {
      try {
        compileSchoolCalendar([row(), bad], SOURCE);
        expect.unreachable();
      } catch (error) {
        expect(isDeclicsError(error, "data_integrity")).toBe(true);
        expect((error as Error).message).toMatch(/: 2\./);
      }
    }
    expect(() => compileSchoolCalendar([row(), row({ Zones: "Zone A" })], SOURCE)).toThrow(/one zone/);
  });

  it("accepts a newer export: a later school year extends the coverage, an open summer ends it", () => {
    const cal = compileSchoolCalendar(
      [
        row(),
        row({
          Description: "Vacances de Noël",
          "Date de début": "2026-12-19T00:00:00+01:00",
          "Date de fin": "2027-01-04T00:00:00+01:00",
          annee_scolaire: "2026-2027",
        }),
        row({
          Description: "Début des Vacances d'Été",
          "Date de début": "2027-07-03T00:00:00+02:00",
          "Date de fin": "2027-07-03T00:00:00+02:00",
          annee_scolaire: "2026-2027",
        }),
      ],
      SOURCE,
    );
    expect(cal.academies[0]).toMatchObject({ coveredFrom: "2023-10-21", coveredUntil: "2027-07-03" });
  });

  it("property: the free days always lie between the two dates of the row", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 90 }), (start, length) => {
        const a = new Date(Date.UTC(2000, 0, 1) + start * 86_400_000).toISOString().slice(0, 10);
        const b = new Date(Date.UTC(2000, 0, 1) + (start + length) * 86_400_000).toISOString().slice(0, 10);
        const { firstDay, lastDay } = freeDays(a, b);
        expect(firstDay >= a && lastDay <= b && firstDay <= lastDay).toBe(true);
      }),
    );
  });
});

const manifest = SourcesManifest.parse(JSON.parse(readFileSync(`${PROJECT_ROOT}/data/sources.json`, "utf8")));
const entry = manifest.datasets.find((d) => d.id === "school-calendar");

describe.skipIf(!hasRealData(sourcePath("school-calendar", "fr-en-calendrier-scolaire.csv")))(
  "the official school calendar file",
  () => {
    it("is checked against data/sources.json and compiles every one of its rows", () => {
      if (entry === undefined) throw new Error("school-calendar missing from data/sources.json");
      const loaded = loadDataset(entry, SOURCES_DIR, RECORD_SCHEMAS["school-calendar"]);
      const cal = compileSchoolCalendar(loaded.records as SchoolCalendarRow[], SOURCE);
      expect(cal.academies.reduce((n, a) => n + a.rows.length, 0)).toBe(entry.count.value);
      expect(cal.academies.map((a) => a.academie)).toHaveLength(36);
      const zones = new Set(cal.academies.map((a) => a.zone));
      for (const z of [
        "Zone A",
        "Zone B",
        "Zone C",
        "Corse",
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "Réunion",
        "Mayotte",
        "Polynésie",
        "Nouvelle Calédonie",
        "Saint Pierre et Miquelon",
        "Wallis et Futuna",
      ]) {
        expect(zones.has(z), z).toBe(true);
      }
      // School years 2017-2018 to 2025-2026 for the mainland académies.
      const toulouse = cal.academies.find((a) => a.academie === "Toulouse");
      expect(toulouse?.coveredFrom).toBe("2017-10-21");
      expect(toulouse?.coveredUntil).toBe("2026-07-04");
    });
  },
);
