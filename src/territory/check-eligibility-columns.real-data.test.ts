import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { isDeclicsError } from "../errors.js";
import { checkEligibility } from "./check-eligibility.js";
import { checkEligibilityColumns } from "./check-eligibility-columns.js";
import type { EligibilityResult } from "./schema.js";

const answerWithoutDistances = (result: EligibilityResult): unknown => ({
  status: result.status,
  commune: result.commune,
  qpv: { ...result.qpv, distanceToBoundaryM: null },
  rural: result.rural,
  bases: result.bases,
  territoryKind: result.territoryKind,
  reasons: result.reasons.map((r) => r.code),
});

describe.skipIf(!hasRealData(buildPath("manifest.json"), buildPath("qpv2024.layer.bin")))(
  "checkEligibilityColumns (real data)",
  async () => {
    const { loadTerritoryData } = await import("../data/index.js");
    const data = await loadTerritoryData();
    const on = new Date("2024-05-01");

    it("gives the spot checks their statuses and tells errors apart", () => {
      const classes = checkEligibilityColumns(
        { lon: [1.4025, 1.4442, 43.5712, Number.NaN, -3.7], lat: [43.5712, 43.6045, 1.4025, 43.6, 40.42] },
        { on, data },
      );
      expect([...classes.status]).toEqual([0, 1, 255, 255, 255]);
      expect([0, 1, 2, 3, 4].map((i) => classes.errorCode(i))).toEqual([
        null,
        null,
        "swapped_coordinates",
        "invalid_coordinates",
        "outside_france",
      ]);
      expect(classes.answerKey[2]).toBe(-1);
    });

    it("reads Lambert-93 like WGS84", () => {
      const wgs = checkEligibilityColumns({ lon: [1.4025], lat: [43.5712] }, { on, data });
      const l93 = checkEligibilityColumns({ x: [570915.37, 1e9], y: [6275987.74, 0] }, { on, data });
      expect(l93.answerKey[0]).toBe(wgs.answerKey[0]);
      expect(l93.errorCode(1)).toBe("invalid_coordinates");
    });

    it("refuses columns of different lengths", () => {
      expect(() => checkEligibilityColumns({ lon: [1, 2], lat: [43] }, { on, data })).toThrow(
        expect.objectContaining({ code: "invalid_input" }),
      );
    });

    it("property: points with the same key get the same answer apart from distances (around Toulouse and Marseille's coast)", () => {
      const point = fc.oneof(
        fc.tuple(fc.double({ min: 1.3, max: 1.55, noNaN: true }), fc.double({ min: 43.5, max: 43.7, noNaN: true })),
        fc.tuple(fc.double({ min: 5.3, max: 5.4, noNaN: true }), fc.double({ min: 43.2, max: 43.33, noNaN: true })),
      );
      fc.assert(
        fc.property(
          fc.array(point, { minLength: 2, maxLength: 60 }),
          fc.constantFrom("2023-06-01", "2024-03-01", "2026-01-15"),
          (points, iso) => {
            const when = new Date(`${iso}T12:00:00Z`);
            const classes = checkEligibilityColumns(
              { lon: points.map((p) => p[0]), lat: points.map((p) => p[1]) },
              { on: when, data },
            );
            const seen = new Map<number, unknown>();
            points.forEach(([lon, lat], i) => {
              let answer: unknown;
              try {
                answer = answerWithoutDistances(checkEligibility({ lon, lat }, { on: when, data }));
              } catch (error) {
                expect(isDeclicsError(error)).toBe(true);
                expect(classes.errorCode(i)).toBe((error as { code: string }).code);
                return;
              }
              expect(classes.status[i]).toBe(
                ["eligible", "not_eligible", "uncertain"].indexOf((answer as { status: string }).status),
              );
              const key = classes.answerKey[i]!;
              if (seen.has(key)) expect(answer).toEqual(seen.get(key));
              else seen.set(key, answer);
            });
          },
        ),
        { numRuns: 60 },
      );
    });
  },
);
