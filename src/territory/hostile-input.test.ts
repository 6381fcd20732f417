import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { buildLayer } from "../../scripts/build/build-layer.js";
import { COMMUNE_FEATURES, QPV2024_FEATURES, fixtureTerritoryData } from "./__fixtures__/territory.js";
import { checkEligibility } from "./check-eligibility.js";
import { checkEligibilityColumns } from "./check-eligibility-columns.js";
import { checkEligibilityMany } from "./check-eligibility-many.js";
import { createBanGeocoder, type FetchLike } from "./create-ban-geocoder.js";
import { decodeCommuneTable } from "./decode-commune-table.js";
import { getZoneOutline } from "./get-zone-outline.js";
import { internalsOf } from "./_territory-internals.js";
import type { Geocoder } from "./schema.js";
import { TERRITORY_ARTEFACTS, territoryDataFromBuffers } from "./territory-data-from-buffers.js";

/**
 * Issue #10, library side: every public entry of declics/territory gives a result or a coded DeclicsError,
 * nothing else (no TypeError, no RangeError), whatever it is given. First the inputs the issue found, one by
 * one; then every entry fuzzed with fast-check.
 */

const data = fixtureTerritoryData();
const on = "2024-05-01";

/** What a call gave: "ok", the DeclicsError code, or "NOT A DeclicsError: ..." (always a failure). */
function outcome(run: () => unknown): string {
  try {
    run();
    return "ok";
  } catch (error) {
    return isDeclicsError(error) ? error.code : `NOT A DeclicsError: ${String(error)}`;
  }
}

async function asyncOutcome(run: () => unknown): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return isDeclicsError(error) ? error.code : `NOT A DeclicsError: ${String(error)}`;
  }
}

/** A Date-like object: Date's prototype without a Date's internal slot, so every Date method throws. */
const dateLike = (): unknown => Object.create(Date.prototype) as unknown;

describe("the inputs of issue #10 that threw TypeError or RangeError", () => {
  it.each([
    ["null points", null],
    ["undefined points", undefined],
    ["{} points", {}],
    ["null lon column", { lon: null, lat: [1] }],
    ["undefined lat column", { lon: [1], lat: undefined }],
    ["{} columns", { lon: {}, lat: {} }],
    ["{} x/y columns", { x: {}, y: {} }],
    ["length -1", { lon: { length: -1 }, lat: { length: -1 } }],
    ["length 1e10", { lon: { length: 1e10 }, lat: { length: 1e10 } }],
    ["x/y length -1", { x: { length: -1 }, y: { length: -1 } }],
    ["x/y length 1e10", { x: { length: 1e10 }, y: { length: 1e10 } }],
    ["length 1.5", { lon: { length: 1.5 }, lat: { length: 1.5 } }],
    ["a string column", { lon: "1.4", lat: "43.5" }],
  ])("checkEligibilityColumns refuses %s with invalid_input", (_, points) => {
    expect(outcome(() => checkEligibilityColumns(points as never, { on, data }))).toBe("invalid_input");
  });

  it("checkEligibilityColumns reads a non-number cell (string, bigint, hole) as an invalid point, small or large", () => {
    const small = checkEligibilityColumns(
      // eslint-disable-next-line no-sparse-arrays -- the hole is one of the cells under test
      { lon: ["1.025", 10n, , 1.025] as never, lat: [45.025, 45.025, 45.025, 45.025] },
      { on, data },
    );
    expect([0, 1, 2, 3].map((i) => small.errorCode(i))).toEqual([
      "invalid_coordinates",
      "invalid_coordinates",
      "invalid_coordinates",
      null,
    ]);
    const lon: unknown[] = Array.from({ length: 5000 }, () => 1.025);
    lon[7] = "1.025";
    lon[8] = 10n;
    const large = checkEligibilityColumns(
      { lon: lon as never, lat: Array.from({ length: 5000 }, () => 45.025) },
      { on, data },
    );
    expect([large.errorCode(7), large.errorCode(8), large.statusOf(9)]).toEqual([
      "invalid_coordinates",
      "invalid_coordinates",
      "eligible",
    ]);
  });

  it.each([
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["a plain object", { lon: 1, lat: 45 }],
  ])("checkEligibilityMany refuses %s (not iterable) with invalid_input", (_, subjects) => {
    expect(outcome(() => checkEligibilityMany(subjects as never, { on, data }))).toBe("invalid_input");
  });

  const geocoderOf = (geocode: () => unknown): Geocoder => ({ geocode: geocode as Geocoder["geocode"] });
  const hit = { lon: 1.025, lat: 45.025, score: 0.95, type: "housenumber", label: "1 rue du Test", codeInsee: "31001" };
  it.each([
    ["returns undefined", geocoderOf(async () => undefined), "geocoder_unavailable"],
    ["returns a string score", geocoderOf(async () => ({ ...hit, score: "0.95" })), "geocoder_unavailable"],
    ["returns NaN coordinates", geocoderOf(async () => ({ ...hit, lon: Number.NaN })), "geocoder_unavailable"],
    ["returns a score above 1", geocoderOf(async () => ({ ...hit, score: 7 })), "geocoder_unavailable"],
    ["returns an unknown type", geocoderOf(async () => ({ ...hit, type: "poi" })), "geocoder_unavailable"],
    ["returns a plain hit (not a Promise)", geocoderOf(() => hit), "ok"],
    ["returns a non-Promise non-hit", geocoderOf(() => 42), "geocoder_unavailable"],
    [
      "throws synchronously",
      geocoderOf(() => {
        throw new TypeError("boom");
      }),
      "geocoder_unavailable",
    ],
    [
      "throws a non-Error",
      geocoderOf(() => {
        throw dateLike();
      }),
      "geocoder_unavailable",
    ],
    ["rejects with a non-Error", geocoderOf(() => Promise.reject(dateLike())), "geocoder_unavailable"],
    [
      "returns a hit with a malformed code at street level",
      geocoderOf(async () => ({ ...hit, type: "street", codeInsee: "nope" })),
      "malformed_code",
    ],
  ])("checkEligibility with a geocoder that %s gives %s", async (_, geocoder, expected) => {
    expect(await asyncOutcome(() => checkEligibility({ address: "1 rue du Test" }, { on, data, geocoder }))).toBe(
      expected,
    );
  });

  it("validates every hit and says which field of it failed", async () => {
    const geocoder = geocoderOf(async () => ({ ...hit, score: "0.95" }));
    await expect(checkEligibility({ address: "x" }, { on, data, geocoder })).rejects.toThrow(/score: "0\.95"/);
  });

  // A forger who knows the hidden key: the internals behind it are checked as deeply as before.
  const forged = (internals: object): object => ({ [Symbol.for("declics.territory.internals")]: internals });
  const inner = internalsOf(data);
  it.each([
    ["a plain copy of the public facts", { ...data }],
    ["the shallow shape only", forged({ communeTable: {}, qpv2024: {}, communes: {} })],
    ["layers without arrays", forged({ ...inner, qpv2024: { header: { codes: [], names: [], marginM: 0 }, size: 0 } })],
    ["a commune table without lookups", forged({ ...inner, communeTable: { resolve: () => undefined } })],
    ["commune codes of the wrong length", forged({ ...inner, communeCodes: [] })],
    [
      "a throwing getter",
      Object.defineProperty({}, Symbol.for("declics.territory.internals"), {
        get: () => {
          throw new Error("no");
        },
      }),
    ],
    [
      "a throwing layer getter",
      forged(
        Object.defineProperty({ ...inner }, "qpv2024", {
          get: () => {
            throw new Error("no");
          },
        }),
      ),
    ],
  ])("refuses a fake data object (%s) with invalid_input", (_, fake) => {
    expect(outcome(() => checkEligibility({ lon: 1.025, lat: 45.025 }, { on, data: fake as never }))).toBe(
      "invalid_input",
    );
    expect(outcome(() => checkEligibilityColumns({ lon: [1.025], lat: [45.025] }, { on, data: fake as never }))).toBe(
      "invalid_input",
    );
    expect(outcome(() => checkEligibilityMany([{ codeInsee: "31001" }], { on, data: fake as never }))).toBe(
      "invalid_input",
    );
    expect(outcome(() => getZoneOutline(fake as never, { layer: "qpv2024", code: "QN03101M" }))).toBe("invalid_input");
  });

  it("keeps the internals out of sight: no key, no JSON, frozen", () => {
    expect(Object.keys(data).sort()).toEqual(["datasets", "zoneCounts"]);
    expect(JSON.stringify(data)).not.toMatch(/coords|communeTable/);
    expect(Object.isFrozen(data)).toBe(true);
    expect(data.datasets.qpv2024.millesime).toBe("qpv2024 fixture");
  });

  it("refuses a Date-like object as `on` with an error whose message could be built", () => {
    const run = () => checkEligibility({ lon: 1.025, lat: 45.025 }, { on: dateLike() as Date, data });
    expect(outcome(run)).toBe("invalid_input");
    expect(run).toThrow(/Invalid on: expected a calendar day "YYYY-MM-DD"/);
  });

  it("refuses a Date-like subject and options with coded errors", () => {
    expect(outcome(() => checkEligibility(dateLike() as never, { on, data }))).toBe("invalid_input");
    expect(outcome(() => checkEligibility({ lon: 1.025, lat: 45.025 }, dateLike() as never))).toBe("invalid_input");
    expect(outcome(() => checkEligibilityMany([dateLike() as never], { on, data }))).toBe("ok");
  });

  it('refuses the last hours before JavaScript\'s maximum date, which gave on: "0NaN-NaN-NaN" and eligible', () => {
    for (const time of [8.64e15, 8.64e15 - 3_600_000, 8.64e15 - 1, -8.64e15]) {
      expect(outcome(() => checkEligibility({ lon: 1.025, lat: 45.025 }, { on: new Date(time), data }))).toBe(
        "date_out_of_range",
      );
      expect(
        outcome(() => checkEligibilityColumns({ lon: [1.025], lat: [45.025] }, { on: new Date(time), data })),
      ).toBe("date_out_of_range");
    }
  });
});

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withMap: true,
  withSet: true,
});
const coordinate = fc.oneof(
  fc.double(),
  fc.double({ min: 0.99, max: 1.21 }),
  fc.double({ min: 44.99, max: 45.11 }),
  fc.constantFrom(-61.52, 16.17, 6_500_000, 600_000),
);
const subject = fc.oneof(
  fc.record({ lon: coordinate, lat: coordinate }),
  fc.record({ x: coordinate, y: coordinate }),
  fc.record({ codeInsee: fc.oneof(fc.string(), fc.constantFrom("31001", "31999", "97101", "2A004", "97127")) }),
  fc.record({ postcode: fc.oneof(fc.string(), fc.constantFrom("31000", "31100", "99999")) }),
  fc.record({ address: fc.string() }),
  anything,
);
const day = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.date({ min: new Date("2014-12-29T00:00:00Z"), max: new Date("2015-01-03T00:00:00Z") }),
  fc.date({ min: new Date("2099-12-29T00:00:00Z"), max: new Date("2100-01-03T00:00:00Z") }),
  fc.string(),
  fc.constantFrom("2024-05-01", "2025-02-30", "1/5/2025", "2014-12-31", "2100-01-01", "2024-13-01", "+2024-05-01"),
  anything,
);
const options = fc.oneof(
  fc.record({ on: day, data: fc.constant(data) }),
  fc.record({ on: day, data: fc.constant(data), policy: anything }),
  anything,
);

/** A fuzzed call must give a result or a coded DeclicsError. */
function resultOrDeclicsError(run: () => unknown): void {
  const got = outcome(run);
  expect(got.startsWith("NOT A DeclicsError"), got).toBe(false);
}

describe("every public entry of declics/territory, fuzzed: a result or a coded DeclicsError (property)", () => {
  it("checkEligibility (any subject; an address's Promise is awaited)", async () => {
    await fc.assert(
      fc.asyncProperty(subject, options, async (s, o) => {
        const got = await asyncOutcome(() => checkEligibility(s as never, o as never));
        expect(got.startsWith("NOT A DeclicsError"), got).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("checkEligibility (addresses, with fuzzed geocoders)", async () => {
    const geocoder = fc.oneof(
      anything.map((hit) => ({ geocode: async () => hit })),
      anything.map((hit) => ({ geocode: () => hit })),
      anything.map((thrown) => ({
        geocode: () => {
          throw thrown;
        },
      })),
      anything.map((reason) => ({ geocode: () => Promise.reject(reason) })),
      anything,
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), day, geocoder, async (address, when, g) => {
        let got: string;
        try {
          await checkEligibility({ address }, { on: when as never, data, geocoder: g as never });
          got = "ok";
        } catch (error) {
          got = isDeclicsError(error) ? error.code : `NOT A DeclicsError: ${String(error)}`;
        }
        expect(got.startsWith("NOT A DeclicsError"), got).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("checkEligibilityMany", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(subject, { maxLength: 20 }), anything), options, (s, o) =>
        resultOrDeclicsError(() => checkEligibilityMany(s as never, o as never)),
      ),
      { numRuns: 500 },
    );
  });

  it("checkEligibilityColumns, and every accessor of its answer", () => {
    const column = fc.oneof(fc.array(coordinate, { maxLength: 20 }), fc.array(anything, { maxLength: 5 }), anything);
    const points = fc.oneof(fc.record({ lon: column, lat: column }), fc.record({ x: column, y: column }), anything);
    fc.assert(
      fc.property(points, options, fc.integer({ min: -2, max: 25 }), (p, o, i) =>
        resultOrDeclicsError(() => {
          const columns = checkEligibilityColumns(p as never, o as never);
          columns.statusOf(i);
          columns.codeInsee(i);
          columns.qpvCode(i);
          columns.errorCode(i);
          columns.error(i);
          if (i >= 0 && i < columns.size && columns.status[i] !== 255) columns.result(i);
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it("getZoneOutline", () => {
    const query = fc.oneof(
      fc.record({
        layer: fc.constantFrom("qpv2024", "qpv2015", "communes", "nope"),
        code: fc.oneof(fc.string(), fc.constantFrom("QN03101M", "31001")),
      }),
      fc.record({
        layer: fc.constantFrom("qpv2024", "communes"),
        near: fc.record({ lon: coordinate, lat: coordinate }),
        maxDistanceM: fc.oneof(fc.double(), fc.constant(undefined)),
      }),
      anything,
    );
    fc.assert(
      fc.property(fc.oneof(fc.constant(data), anything), query, (d, q) =>
        resultOrDeclicsError(() => getZoneOutline(d as never, q as never)),
      ),
      { numRuns: 1000 },
    );
  });

  it("territoryDataFromBuffers and decodeCommuneTable on hostile bytes", () => {
    const layer = buildLayer(COMMUNE_FEATURES, {
      layer: "t",
      dataset: "t",
      millesime: "t",
      accuracyM: 10,
      coarseDeg: 0.08,
      div: 8,
      marginM: 100,
    }).bytes;
    const qpv = buildLayer(QPV2024_FEATURES, {
      layer: "t",
      dataset: "t",
      millesime: "t",
      accuracyM: 10,
      coarseDeg: 0.08,
      div: 8,
      marginM: 100,
    }).bytes;
    const mangled = fc
      .tuple(
        fc.constantFrom(layer, qpv),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(5000),
      )
      .map(([bytes, at, value, cut]) => {
        const copy = bytes.slice(0, Math.max(0, bytes.length - cut));
        if (at < copy.length) copy[at] = value;
        return copy;
      });
    const file = fc.oneof(mangled, fc.uint8Array({ maxLength: 300 }), anything);
    const files = fc.oneof(
      fc.record({
        [TERRITORY_ARTEFACTS.qpv2024]: file,
        [TERRITORY_ARTEFACTS.qpv2015]: fc.constant(qpv),
        [TERRITORY_ARTEFACTS.communes]: file,
        [TERRITORY_ARTEFACTS.communeTable]: file,
      }),
      anything,
    );
    fc.assert(
      fc.property(files, (f) => resultOrDeclicsError(() => territoryDataFromBuffers(f as never))),
      { numRuns: 500 },
    );
    const json = fc.oneof(
      anything.map((v) => {
        try {
          return JSON.stringify(v) ?? "";
        } catch {
          return "";
        }
      }),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          json.map((t) => new TextEncoder().encode(t)),
          anything,
        ),
        (bytes) => resultOrDeclicsError(() => decodeCommuneTable(bytes as never)),
      ),
      { numRuns: 500 },
    );
  });

  it("createBanGeocoder, and the hits of its geocoder on hostile answers", async () => {
    fc.assert(
      fc.property(anything, (o) => resultOrDeclicsError(() => createBanGeocoder(o as never))),
      { numRuns: 300 },
    );
    const answer = fc.oneof(
      anything,
      fc.record({
        type: fc.constant("FeatureCollection"),
        features: fc.array(
          fc.oneof(
            anything,
            fc.record({
              geometry: fc.record({
                type: fc.constant("Point"),
                coordinates: fc.array(fc.oneof(fc.double(), anything), { maxLength: 3 }),
              }),
              properties: fc.dictionary(
                fc.constantFrom("score", "type", "label", "citycode", "postcode"),
                fc.oneof(fc.double(), fc.string(), fc.constantFrom("housenumber", "street"), anything),
              ),
            }),
          ),
          { maxLength: 3 },
        ),
      }),
    );
    const response = fc.oneof(
      answer.map((body) => ({ ok: true, status: 200, json: async () => body })),
      answer.map((body) => ({ ok: true, status: 200, json: () => body })),
      fc.record({ ok: anything, status: anything, json: anything }),
      anything,
    );
    await fc.assert(
      fc.asyncProperty(response, fc.boolean(), fc.string(), async (r, reject, address) => {
        const fetch = (reject ? () => Promise.reject(r) : async () => r) as unknown as FetchLike;
        let got: string;
        try {
          await createBanGeocoder({ fetch }).geocode(address);
          got = "ok";
        } catch (error) {
          got = isDeclicsError(error) ? error.code : `NOT A DeclicsError: ${String(error)}`;
        }
        expect(got.startsWith("NOT A DeclicsError"), got).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
