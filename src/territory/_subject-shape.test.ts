import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { point } from "@turf/helpers";
import { isDeclicsError, type DeclicsError, type DeclicsErrorDetails } from "../errors.js";
import { fixtureTerritoryData } from "./__fixtures__/territory.js";
import { ACCEPTED_SUBJECT_SHAPES } from "./_subject-shape.js";
import { checkEligibility } from "./check-eligibility.js";
import { checkEligibilityMany } from "./check-eligibility-many.js";

const data = fixtureTerritoryData();
const options = { on: "2024-05-01", data };

const detailsOf = (error: DeclicsError): DeclicsErrorDetails["invalid_input"] =>
  error.details as unknown as DeclicsErrorDetails["invalid_input"];

function failure(subject: unknown): DeclicsError {
  try {
    checkEligibility(subject as never, options);
  } catch (error) {
    if (isDeclicsError(error)) return error;
    throw error;
  }
  throw new Error("expected a DeclicsError");
}

describe("GeoJSON subjects", () => {
  const inQpv = { lon: 1.025, lat: 45.025 };

  it("answers a GeoJSON Point and a Feature<Point> (Turf's point()) exactly as { lon, lat }", () => {
    const expected = checkEligibility(inQpv, options);
    expect(checkEligibility({ type: "Point", coordinates: [inQpv.lon, inQpv.lat] }, options)).toEqual(expected);
    expect(checkEligibility(point([inQpv.lon, inQpv.lat], { id: 7 }), options)).toEqual(expected);
    // An altitude is allowed and ignored (RFC 7946 positions may have three numbers).
    expect(checkEligibility({ type: "Point", coordinates: [inQpv.lon, inQpv.lat, 150] }, options)).toEqual(expected);
  });

  it("checks [lon, lat] order and finite numbers like any point", () => {
    expect(failure({ type: "Point", coordinates: [45.05, 1.05] }).code).toBe("swapped_coordinates");
    expect(failure({ type: "Point", coordinates: [Number.NaN, 45] }).code).toBe("invalid_coordinates");
    expect(
      failure({ type: "Feature", properties: null, geometry: { type: "Point", coordinates: [-3.7, 40.4] } }).code,
    ).toBe("outside_france");
  });

  it("refuses malformed GeoJSON with the nearest shape, the failing path and a hint", () => {
    const strings = failure({ type: "Point", coordinates: ["1.025", "45.025"] });
    expect(strings.details).toMatchObject({ nearest: "GeoJSON Point", hint: "geojson_coordinates_lon_lat" });
    expect(detailsOf(strings).issues[0]?.path).toBe("coordinates.0");
    const short = failure({ type: "Point", coordinates: [1.025] });
    expect(short.details).toMatchObject({ nearest: "GeoJSON Point", hint: "geojson_coordinates_lon_lat" });
    const polygon = failure({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [] } });
    expect(polygon.details).toMatchObject({ nearest: "GeoJSON Feature<Point>", hint: "geojson_not_point" });
    expect(detailsOf(polygon).issues[0]?.path).toBe("geometry.type");
  });

  it("property: a Feature<Point> gets the same answer (or the same error code) as { lon, lat }", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.9, max: 1.2, noNaN: true }),
        fc.double({ min: 44.9, max: 45.2, noNaN: true }),
        (lon, lat) => {
          const [a, b] = checkEligibilityMany([{ lon, lat }, point([lon, lat])], options);
          expect(b!.ok ? b!.result : b!.error.code).toEqual(a!.ok ? a!.result : a!.error.code);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("shape hints for subjects that match no accepted shape", () => {
  it.each([
    ["{ lng, lat }", { lng: 1.025, lat: 45.025 }, "{ lon, lat }", "use_lon_not_lng", "lon"],
    [
      "{ latitude, longitude }",
      { latitude: 45.025, longitude: 1.025 },
      "{ lon, lat }",
      "use_lon_lat_not_latitude_longitude",
      "lon",
    ],
    ["coordinates as strings", { lon: "1.025", lat: "45.025" }, "{ lon, lat }", "coordinates_as_strings", "lon"],
    ["Lambert-93 as strings", { x: "574000", y: "6279000" }, "{ x, y }", "coordinates_as_strings", "x"],
    ["a numeric codeInsee", { codeInsee: 31001 }, "{ codeInsee }", "code_insee_as_number", "codeInsee"],
    ["a numeric postcode", { postcode: 31000 }, "{ postcode }", "postcode_as_number", "postcode"],
    ["{ insee }", { insee: "31001" }, "{ codeInsee }", "use_code_insee_key", "codeInsee"],
    ["{ codePostal }", { codePostal: "31000" }, "{ postcode }", "use_postcode_key", "postcode"],
    ["a bare [lon, lat] array", [1.025, 45.025], "{ lon, lat }", "use_object_not_array", ""],
  ])("%s: lists the shapes, names the nearest and its failing field, hints", (_, subject, nearest, hint, path) => {
    const error = failure(subject);
    expect(error.code).toBe("invalid_input");
    const details = detailsOf(error);
    expect(details.accepted).toEqual(ACCEPTED_SUBJECT_SHAPES);
    expect(details).toMatchObject({ nearest, hint });
    expect(details.issues[0]?.path).toBe(path);
    expect(error.message).toContain(nearest);
  });

  it("gives no hint when there is no usual mistake to point at, but still the shapes", () => {
    for (const subject of [{}, null, "31555", 42, { foo: 1 }]) {
      const details = detailsOf(failure(subject));
      expect(details.accepted).toHaveLength(7);
      expect(details.hint).toBeUndefined();
    }
  });

  it("never throws anything but a DeclicsError, even for hostile objects (property)", () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("no");
        },
        has: () => {
          throw new Error("no");
        },
        ownKeys: () => {
          throw new Error("no");
        },
      },
    );
    expect(isDeclicsError(failure({ lng: hostile, lat: hostile }))).toBe(true);
    fc.assert(
      fc.property(fc.anything(), (subject) => {
        try {
          checkEligibility(subject as never, options);
        } catch (error) {
          expect(isDeclicsError(error)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
