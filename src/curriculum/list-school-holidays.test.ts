import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { loadSchoolCalendar } from "../data/load-school-calendar.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { ACADEMIE_OF_DEPARTEMENT } from "./_academies.js";
import { tinySchoolCalendar } from "./__fixtures__/school-calendar-fixture.js";
import { listSchoolHolidays } from "./list-school-holidays.js";
import { locateSchoolArea } from "./locate-school-area.js";

describe("listSchoolHolidays (hand-made calendar)", () => {
  const calendar = tinySchoolCalendar();

  it("gives a commune its académie's pupils' holidays, not the teachers' own", () => {
    const h = listSchoolHolidays(calendar, { commune: "31555" });
    expect(h.area).toBe("académie de Toulouse (Zone C)");
    expect(h.periods).toEqual([
      { description: "Vacances de la Toussaint", firstDay: "2023-10-22", lastDay: "2023-11-05" },
    ]);
    expect(listSchoolHolidays(calendar, { commune: "31555" }, { includeTeachers: true }).periods).toHaveLength(2);
  });

  it("keeps Saint-Martin's and Guadeloupe's own rows apart", () => {
    expect(listSchoolHolidays(calendar, { commune: "97801" }).periods.map((p) => p.firstDay)).toEqual(["2024-05-28"]);
    expect(listSchoolHolidays(calendar, { commune: "97701" }).periods.map((p) => p.firstDay)).toEqual(["2024-05-27"]);
    expect(listSchoolHolidays(calendar, { commune: "97105" }).periods.map((p) => p.firstDay)).toEqual(["2024-05-27"]);
    // The whole académie: every row.
    expect(listSchoolHolidays(calendar, { academie: "Guadeloupe" }).periods).toHaveLength(2);
  });

  it("filters by date range", () => {
    expect(listSchoolHolidays(calendar, { zone: "Zone C" }, { from: "2023-11-06" }).periods).toEqual([]);
    expect(
      listSchoolHolidays(calendar, { zone: "Zone C" }, { from: "2023-11-05", to: "2023-11-05" }).periods,
    ).toHaveLength(1);
  });

  it("rejects unknown places and malformed codes with coded errors", () => {
    const code = (f: () => unknown): string => {
      try {
        f();
        return "none";
      } catch (error) {
        return isDeclicsError(error) ? error.code : "untyped";
      }
    };
    expect(code(() => listSchoolHolidays(calendar, { zone: "Zone D" }))).toBe("invalid_option");
    expect(code(() => listSchoolHolidays(calendar, { academie: "Atlantis" }))).toBe("invalid_option");
    expect(code(() => listSchoolHolidays(calendar, { commune: "3155" }))).toBe("invalid_input");
    expect(code(() => listSchoolHolidays(calendar, { commune: "96001" }))).toBe("unknown_code");
    expect(code(() => listSchoolHolidays(calendar, { commune: "75056" }))).toBe("invalid_option"); // Paris is not in the fixture
    expect(code(() => listSchoolHolidays(calendar, { commune: "31555", zone: "Zone C" } as never))).toBe(
      "invalid_input",
    );
    expect(code(() => listSchoolHolidays({ ...calendar, format: 2 } as never, { zone: "Zone C" }))).toBe(
      "invalid_input",
    );
    expect(code(() => locateSchoolArea(calendar, "75056"))).toBe("data_integrity");
  });

  it("property: any commune code either maps to a known académie or fails with a coded error", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 7 }), (code) => {
        try {
          listSchoolHolidays(calendar, { commune: code });
        } catch (error) {
          expect(isDeclicsError(error)).toBe(true);
        }
      }),
    );
  });
});

describe.skipIf(!hasRealData(buildPath("school-calendar.json")))("school holidays on the official calendar", () => {
  const calendar = loadSchoolCalendar();

  it("knows the académie of every département and each is in the calendar", () => {
    const known = new Set(calendar.academies.map((a) => a.academie));
    for (const [dep, { academie }] of ACADEMIE_OF_DEPARTEMENT)
      expect(known.has(academie), `${dep} -> ${academie}`).toBe(true);
    // 96 mainland départements (2A/2B for Corsica), plus 971-976 and the collectivities 977, 978, 986-988.
    expect(ACADEMIE_OF_DEPARTEMENT.size).toBe(96 + 6 + 5);
  });

  it.each([
    ["31555", "Toulouse", "Zone C"],
    ["75056", "Paris", "Zone C"],
    ["75112", "Paris", "Zone C"],
    ["69123", "Lyon", "Zone A"],
    ["13055", "Aix-Marseille", "Zone B"],
    ["57463", "Nancy-Metz", "Zone B"],
    ["14118", "Normandie", "Zone B"],
    ["2A004", "Corse", "Corse"],
    ["97411", "Réunion", "Réunion"],
    ["97611", "Mayotte", "Mayotte"],
    ["97302", "Guyane", "Guyane"],
    ["97209", "Martinique", "Martinique"],
    ["97801", "Guadeloupe", "Guadeloupe"],
    ["97502", "Saint Pierre et Miquelon", "Saint Pierre et Miquelon"],
    ["98735", "Polynésie", "Polynésie"],
    ["98818", "Nouvelle Calédonie", "Nouvelle Calédonie"],
    ["98613", "Wallis et Futuna", "Wallis et Futuna"],
  ])("commune %s is in the académie de %s, %s", (commune, academie, zone) => {
    expect(locateSchoolArea(calendar, commune)).toMatchObject({ academie, zone });
  });

  it("gives Toulouse the official 2023-2024 holidays (classes end Saturday 21 October, resume Monday 6 November)", () => {
    const h = listSchoolHolidays(calendar, { commune: "31555" }, { from: "2023-09-04", to: "2024-06-30" });
    expect(h.periods.map((p) => `${p.description} ${p.firstDay}..${p.lastDay}`)).toEqual([
      "Vacances de la Toussaint 2023-10-22..2023-11-05",
      "Vacances de Noël 2023-12-24..2024-01-07",
      "Vacances d'Hiver 2024-02-11..2024-02-25",
      "Vacances de Printemps 2024-04-07..2024-04-21",
      "Pont de l'Ascension 2024-05-10..2024-05-12",
    ]);
  });

  it("staggers winter holidays by zone (2024: A from 18 February, B from 25 February, C from 11 February)", () => {
    const winter = (zone: string): string | undefined =>
      listSchoolHolidays(calendar, { zone }, { from: "2024-02-01", to: "2024-03-15" }).periods.find(
        (p) => p.description === "Vacances d'Hiver",
      )?.firstDay;
    expect([winter("Zone A"), winter("Zone B"), winter("Zone C")]).toEqual(["2024-02-18", "2024-02-25", "2024-02-11"]);
  });

  it("keeps Normandie's years before the merger through Caen and Rouen", () => {
    const caen = listSchoolHolidays(calendar, { commune: "14118" }, { from: "2018-10-01", to: "2018-11-30" });
    expect(caen.periods.map((p) => p.description)).toContain("Vacances de la Toussaint");
    expect(caen.coveredFrom <= "2017-10-21").toBe(true);
  });

  it("gives Saint-Martin its own abolition day (28 May) and Guadeloupe its own (27 May)", () => {
    const day = (commune: string): string[] =>
      listSchoolHolidays(calendar, { commune }, { from: "2024-05-26", to: "2024-05-29" })
        .periods.filter((p) => p.description.startsWith("Abolition"))
        .map((p) => p.firstDay);
    expect(day("97801")).toEqual(["2024-05-28"]);
    expect(day("97105")).toEqual(["2024-05-27"]);
  });

  it("says how far each académie is covered (Mayotte's export stops in 2024)", () => {
    expect(listSchoolHolidays(calendar, { commune: "97611" }).coveredUntil < "2025-01-01").toBe(true);
    expect(listSchoolHolidays(calendar, { commune: "31555" }).coveredUntil >= "2026-07-04").toBe(true);
  });

  it("property: every period lies inside the coverage and lasts at least a day", () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendar.academies.map((a) => a.academie)), (academie) => {
        const h = listSchoolHolidays(calendar, { academie });
        for (const p of h.periods) {
          expect(p.firstDay <= p.lastDay).toBe(true);
          expect(p.firstDay >= h.coveredFrom).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
