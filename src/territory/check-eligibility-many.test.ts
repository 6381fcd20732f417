import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixtureTerritoryData } from "./__fixtures__/territory.js";
import { checkEligibility } from "./check-eligibility.js";
import { checkEligibilityMany } from "./check-eligibility-many.js";

const data = fixtureTerritoryData();
const options = { on: new Date("2024-05-01T12:00:00Z"), data };

const subject = fc.oneof(
  fc.record({
    lon: fc.double({ min: 0.99, max: 1.21, noNaN: true }),
    lat: fc.double({ min: 44.99, max: 45.11, noNaN: true }),
  }),
  fc.record({ lon: fc.constantFrom(Number.NaN, 45.05, 200), lat: fc.constantFrom(1.05, 45.05) }),
  fc.record({ codeInsee: fc.constantFrom("31001", "31002", "97101", "31999", "3100", "31998") }),
  fc.record({ postcode: fc.constantFrom("31000", "31100", "31200", "99999", "abc") }),
  fc.record({ address: fc.constant("1 rue du Test") }),
);

const summary = (row: ReturnType<typeof checkEligibilityMany>[number]) =>
  row.ok ? JSON.stringify(row.result) : row.error.code;

describe("checkEligibilityMany", () => {
  it("answers each row as checkEligibility would, errors included", () => {
    const rows = checkEligibilityMany(
      [{ lon: 1.025, lat: 45.025 }, { codeInsee: "3100" }, { lon: Number.NaN, lat: 1 }, { postcode: "31100" }],
      options,
    );
    expect(rows.map((r) => (r.ok ? r.result.status : r.error.code))).toEqual([
      "eligible",
      "malformed_code",
      "invalid_coordinates",
      "uncertain",
    ]);
    expect(rows[0]).toEqual({ index: 0, ok: true, result: checkEligibility({ lon: 1.025, lat: 45.025 }, options) });
  });

  it("turns addresses into geocoder_unavailable rows instead of throwing", () => {
    const [row] = checkEligibilityMany([{ address: "1 rue du Test" }], options);
    expect(row).toMatchObject({ index: 0, ok: false, error: { code: "geocoder_unavailable" } });
  });

  it("reads any iterable, lazily produced", () => {
    function* points() {
      yield { lon: 1.025, lat: 45.025 };
      yield { codeInsee: "31002" };
    }
    expect(checkEligibilityMany(points(), options).map((r) => r.index)).toEqual([0, 1]);
  });

  it("gives exactly one row per input, in input order (property)", () => {
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 40 }), (subjects) => {
        const rows = checkEligibilityMany(subjects, options);
        expect(rows.map((r) => r.index)).toEqual(subjects.map((_, i) => i));
      }),
      { numRuns: 60 },
    );
  });

  it("answers each row independently of the batch's order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(subject, { minLength: 1, maxLength: 30 }).chain((subjects) =>
          fc.tuple(
            fc.constant(subjects),
            fc.shuffledSubarray(
              subjects.map((_, i) => i),
              { minLength: subjects.length },
            ),
          ),
        ),
        ([subjects, order]) => {
          const straight = checkEligibilityMany(subjects, options).map(summary);
          const shuffled = checkEligibilityMany(
            order.map((i) => subjects[i]!),
            options,
          ).map(summary);
          order.forEach((original, position) => expect(shuffled[position]).toBe(straight[original]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("rejects invalid options once, for the whole call", () => {
    expect(() => checkEligibilityMany([], { on: "2024-02-30", data })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => checkEligibilityMany([], { on: "2014-12-31", data })).toThrow(
      expect.objectContaining({ code: "date_out_of_range" }),
    );
  });
});
