import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { isDeclicsError } from "../errors.js";
import type { RowAnswer } from "./engine.js";
import { loadTerritoryEngine } from "./territory-engine.js";

describe.skipIf(!hasRealData(buildPath("manifest.json"), buildPath("qpv2024.layer.bin")))(
  "loadTerritoryEngine (real data)",
  async () => {
    const engine = await loadTerritoryEngine();
    const point = fc.tuple(
      fc.double({ min: 1.3, max: 1.55, noNaN: true }),
      fc.double({ min: 43.5, max: 43.7, noNaN: true }),
    );
    const day = fc.constantFrom("2023-06-01", "2024-03-01", "2024-09-01", "2026-01-15");

    it("property: the shared fast path writes the same fields as one full answer per row (distance aside)", () => {
      fc.assert(
        fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), day, (points, iso) => {
          const on = iso;
          const lon = Float64Array.from(points, (p) => p[0]);
          const lat = Float64Array.from(points, (p) => p[1]);
          const fast = engine.checkPoints({ lon, lat, count: points.length }, on, false);
          const exact = engine.checkPoints({ lon, lat, count: points.length }, on, true);
          points.forEach((_, i) => {
            const a = fast[i];
            const b = exact[i];
            if (a === undefined || b === undefined || isDeclicsError(a) || isDeclicsError(b))
              throw new Error(`row ${i} has no answer`);
            expect([...a.slice(0, 7), a[8]]).toEqual([...b.slice(0, 7), b[8]]);
            if (a[7] !== "") expect(a[7]).toBe(b[7]);
          });
        }),
        { numRuns: 40 },
      );
    });

    it("answers one row per point, in order, whatever the batch order", () => {
      const lon = Float64Array.from([1.4025, 1.4442, 43.5712, Number.NaN, -3.7]);
      const lat = Float64Array.from([43.5712, 43.6045, 1.4025, 43.6, 40.42]);
      const answers = engine.checkPoints({ lon, lat, count: 5 }, "2024-05-01", false);
      const label = (a: RowAnswer | undefined): string | undefined =>
        a === undefined ? undefined : isDeclicsError(a) ? a.code : a[0] === "error" ? a[8] : a[0];
      expect(answers.map(label)).toEqual([
        "eligible",
        "not_eligible",
        "swapped_coordinates",
        "invalid_coordinates",
        "outside_france",
      ]);
      for (const exact of [false, true]) {
        const reversed = engine.checkPoints(
          { lon: lon.slice().reverse(), lat: lat.slice().reverse(), count: 5 },
          "2024-05-01",
          exact,
        );
        expect(reversed.map(label).reverse()).toEqual(answers.map(label));
      }
    });

    it("answers codes and postcodes, and gives outlines for the map", async () => {
      const on = "2024-05-01";
      const answers = engine.checkSubjects([{ codeInsee: "31555" }, { codeInsee: "99999" }, { postcode: "31100" }], on);
      expect(answers.map((a) => (isDeclicsError(a) ? a.code : a[5]))).toEqual(["31555", "unknown_code", "31555"]);
      const result = await engine.check({ lon: 1.4025, lat: 43.5712 }, on);
      const { qpv, commune } = engine.outlines(result);
      expect(qpv?.properties.code).toBe("QN03107M");
      expect(commune?.properties).toMatchObject({ code: "31555", name: "Toulouse" });
    });
  },
);
