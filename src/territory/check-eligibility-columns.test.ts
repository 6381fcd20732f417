import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { LAMBERT93 } from "./_lambert93.js";
import { fixtureTerritoryData } from "./__fixtures__/territory.js";
import { checkEligibility } from "./check-eligibility.js";
import { COLUMN_STATUS, checkEligibilityColumns } from "./check-eligibility-columns.js";

const data = fixtureTerritoryData();
const options = { on: new Date("2024-05-01T12:00:00Z"), data };

describe("checkEligibilityColumns", () => {
  it("answers points into typed arrays, with codes and full results on demand", () => {
    const batch = checkEligibilityColumns({ lon: [1.025, 1.18, 1.04, Number.NaN, 45.05], lat: [45.025, 45.03, 45.04, 1, 1.05] }, options);
    expect(batch.size).toBe(5);
    expect(Array.from(batch.status)).toEqual([COLUMN_STATUS.eligible, COLUMN_STATUS.eligible, COLUMN_STATUS.not_eligible, COLUMN_STATUS.error, COLUMN_STATUS.error]);
    expect([batch.statusOf(0), batch.codeInsee(0), batch.qpvCode(0), batch.qpvCode(1), batch.codeInsee(1)]).toEqual(["eligible", "31001", "QN03101M", null, "31002"]);
    expect(batch.error(3)?.code).toBe("invalid_coordinates");
    expect(batch.error(4)?.code).toBe("swapped_coordinates");
    expect(batch.error(0)).toBeNull();
    expect(batch.result(0)).toEqual(checkEligibility({ lon: 1.025, lat: 45.025 }, options));
    expect(() => batch.result(3)).toThrow(expect.objectContaining({ code: "invalid_coordinates" }));
  });

  it("accepts Lambert-93 columns", () => {
    const [x, y] = LAMBERT93.forward(1.025, 45.025);
    const batch = checkEligibilityColumns({ x: new Float64Array([x, 1]), y: new Float64Array([y, 1]) }, options);
    expect(batch.statusOf(0)).toBe("eligible");
    expect(batch.error(1)?.code).toBe("invalid_coordinates");
  });

  it("refuses columns of different lengths", () => {
    expect(() => checkEligibilityColumns({ lon: [1], lat: [] }, options)).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });

  it("answers large batches (visited in spatial order) exactly as point by point, in input order", () => {
    const random = createSeededRandom("batch-order");
    const n = 6000;
    const lon = Float64Array.from({ length: n }, () => 0.99 + random() * 0.22);
    const lat = Float64Array.from({ length: n }, () => 44.99 + random() * 0.12);
    const batch = checkEligibilityColumns({ lon, lat }, options);
    for (let i = 0; i < n; i++) {
      let expected: string;
      try {
        expected = checkEligibility({ lon: lon[i]!, lat: lat[i]! }, options).status;
      } catch {
        expected = "error";
      }
      expect(batch.statusOf(i)).toBe(expected);
    }
  });

  it("agrees with checkEligibility on every point (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.99, max: 1.21, noNaN: true }), fc.double({ min: 44.99, max: 45.11, noNaN: true })), { minLength: 1, maxLength: 50 }),
        (points) => {
          const batch = checkEligibilityColumns({ lon: points.map((p) => p[0]), lat: points.map((p) => p[1]) }, options);
          points.forEach(([lon, lat], i) => {
            try {
              const single = checkEligibility({ lon, lat }, options);
              expect(batch.statusOf(i)).toBe(single.status);
              expect(batch.codeInsee(i)).toBe(single.commune?.codeInsee ?? null);
              expect(batch.qpvCode(i)).toBe(single.qpv.zone?.code ?? null);
            } catch (error) {
              expect(batch.error(i)?.code).toBe((error as { code: string }).code);
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
