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
    const batch = checkEligibilityColumns(
      { lon: [1.025, 1.18, 1.04, Number.NaN, 45.05], lat: [45.025, 45.03, 45.04, 1, 1.05] },
      options,
    );
    expect(batch.size).toBe(5);
    expect(Array.from(batch.status)).toEqual([
      COLUMN_STATUS.eligible,
      COLUMN_STATUS.eligible,
      COLUMN_STATUS.not_eligible,
      COLUMN_STATUS.error,
      COLUMN_STATUS.error,
    ]);
    expect([batch.statusOf(0), batch.codeInsee(0), batch.qpvCode(0), batch.qpvCode(1), batch.codeInsee(1)]).toEqual([
      "eligible",
      "31001",
      "QN03101M",
      null,
      "31002",
    ]);
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

  it("says swapped_coordinates for swapped Lambert-93 or GPS values in x/y columns, by checkEligibility's rule (issue #10, item 9)", () => {
    const [x, y] = LAMBERT93.forward(1.025, 45.025);
    const xs = [y, 1.025, 45.025, 1, Number.NaN];
    const ys = [x, 45.025, 1.025, 1, 45];
    for (const n of [xs.length, 5000]) {
      // Small and large calls (the large one is visited in spatial order): the same codes.
      const col = (values: number[]) => Float64Array.from({ length: n }, (_, i) => values[i % values.length]!);
      const columns = checkEligibilityColumns({ x: col(xs), y: col(ys) }, options);
      const codes = [0, 1, 2, 3, 4].map((i) => columns.errorCode(i));
      expect(codes).toEqual([
        "swapped_coordinates",
        "swapped_coordinates",
        "swapped_coordinates",
        "invalid_coordinates",
        "invalid_coordinates",
      ]);
      for (let i = 0; i < 5; i++) {
        let single: string;
        try {
          checkEligibility({ x: xs[i]!, y: ys[i]! }, options);
          single = "ok";
        } catch (error) {
          single = (error as { code: string }).code;
        }
        expect(columns.error(i)?.code).toBe(single);
      }
    }
    expect(checkEligibilityColumns({ x: [45.025], y: [1.025] }, options).error(0)?.message).toMatch(
      /use \{ lon: 1\.025, lat: 45\.025 \}/,
    );
  });

  it("reads a Date in each point's territory: Guadeloupe and mainland on either side of their midnights", () => {
    // 2025-01-01T02:00Z: 03:00 in Paris (2025-01-01), 22:00 on 2024-12-31 in Guadeloupe (QPV 2015 list still).
    const columns = checkEligibilityColumns(
      { lon: [1.025, -61.52], lat: [45.025, 16.17] },
      { on: new Date("2025-01-01T02:00:00Z"), data },
    );
    expect([columns.result(0).on, columns.result(0).timeZone]).toEqual(["2025-01-01", "Europe/Paris"]);
    expect([columns.result(1).on, columns.result(1).timeZone, columns.result(1).qpv.regime]).toEqual([
      "2024-12-31",
      "America/Guadeloupe",
      "qpv2015",
    ]);
    const later = checkEligibilityColumns(
      { lon: [-61.52], lat: [16.17] },
      { on: new Date("2025-01-01T04:00:00Z"), data },
    );
    expect([later.result(0).on, later.result(0).qpv.regime, later.statusOf(0)]).toEqual([
      "2025-01-01",
      "qpv2024",
      "eligible",
    ]);
  });

  it("gives date_out_of_range only to the points whose territory's day is out of range", () => {
    // 2014-12-31T23:30Z is 2015-01-01 in Paris, still 2014-12-31 in Guadeloupe.
    const columns = checkEligibilityColumns(
      { lon: [1.025, -61.52], lat: [45.025, 16.17] },
      { on: new Date("2014-12-31T23:30:00Z"), data },
    );
    expect([columns.errorCode(0), columns.errorCode(1)]).toEqual([null, "date_out_of_range"]);
    expect(columns.error(1)?.message).toMatch(/America\/Guadeloupe/);
    expect(() => checkEligibilityColumns({ lon: [1.025], lat: [45.025] }, { on: "2014-12-31", data })).toThrow(
      expect.objectContaining({ code: "date_out_of_range" }),
    );
  });

  it("refuses columns of different lengths", () => {
    expect(() => checkEligibilityColumns({ lon: [1], lat: [] }, options)).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
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
        fc.array(
          fc.tuple(
            fc.double({ min: 0.99, max: 1.21, noNaN: true }),
            fc.double({ min: 44.99, max: 45.11, noNaN: true }),
          ),
          { minLength: 1, maxLength: 50 },
        ),
        (points) => {
          const batch = checkEligibilityColumns(
            { lon: points.map((p) => p[0]), lat: points.map((p) => p[1]) },
            options,
          );
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
