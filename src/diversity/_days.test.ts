import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordDay, recordTimeZone } from "./_days.js";

describe("the zone of a record's dates", () => {
  it("is its overseas département's, else the fallback", () => {
    expect(recordTimeZone("974", "Europe/Paris")).toBe("Indian/Reunion");
    expect(recordTimeZone("971", "Europe/Paris")).toBe("America/Guadeloupe");
    expect(recordTimeZone("972", "Europe/Paris")).toBe("America/Martinique");
    expect(recordTimeZone("973", "Europe/Paris")).toBe("America/Cayenne");
    expect(recordTimeZone("976", "Europe/Paris")).toBe("Indian/Mayotte");
    expect(recordTimeZone("31", "Europe/Paris")).toBe("Europe/Paris");
    expect(recordTimeZone(undefined, "Pacific/Tahiti")).toBe("Pacific/Tahiti");
    expect(recordTimeZone("constructor", "Europe/Paris")).toBe("Europe/Paris");
  });

  it("reads a Date in that zone and refuses what is not a day", () => {
    const instant = new Date("2024-12-31T20:00:00Z"); // midnight of 1 January in La Réunion
    expect(recordDay(instant, "974", "Europe/Paris")).toBe("2025-01-01");
    expect(recordDay(instant, "31", "Europe/Paris")).toBe("2024-12-31");
    expect(recordDay("2025-01-01", "974", "Europe/Paris")).toBe("2025-01-01");
    for (const bad of ["2025-02-30", "1/5/2025", new Date(Number.NaN), 20250101, null, { getTime: () => 0 }])
      expect(recordDay(bad, undefined, "Europe/Paris")).toBeNull();
  });

  it("property: a day string is read as itself in any zone", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(undefined, "971", "974", "75"),
        (d, departement) => {
          const day = d.toISOString().slice(0, 10);
          expect(recordDay(day, departement, "Pacific/Tahiti")).toBe(day);
        },
      ),
    );
  });
});
