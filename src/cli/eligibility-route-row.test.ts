import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorRoute, routeRow, type RoutePlan } from "./eligibility-route-row.js";

const columns = { lon: 1, lat: 2, x: -1, y: -1, codeInsee: 3, postcode: 4, address: 5, date: 6 };
const plan: RoutePlan = { columns, defaultOn: "2024-05-01", geocode: true, textOf: (cell) => cell };

describe("routeRow (a row's cells -> what the engine must answer)", () => {
  it("takes the most precise location: point, then commune code, postcode, address", () => {
    expect(routeRow(["A", "1,40", "43,57", "31555", "31100", "1 rue X", "02/05/2024"], plan)).toEqual({
      kind: "lonlat",
      a: 1.4,
      b: 43.57,
      on: "2024-05-02",
    });
    expect(routeRow(["A", "", "", "1053", "31100", "1 rue X", "2024-05-01"], plan)).toEqual({
      kind: "code",
      subject: { codeInsee: "01053" },
      on: "2024-05-01",
    });
    expect(routeRow(["A", "", "", "", "31100", "1 rue X", "2024-05-01"], plan)).toEqual({
      kind: "code",
      subject: { postcode: "31100" },
      on: "2024-05-01",
    });
    expect(routeRow(["A", "", "", "", "", " 1 rue X ", "2024-05-01"], plan)).toEqual({
      kind: "address",
      address: "1 rue X",
      on: "2024-05-01",
    });
    expect(routeRow(["A", "", "", "", "", "1 rue X", "2024-05-01"], { ...plan, geocode: false })).toBe(
      errorRoute("address_not_geocoded"),
    );
  });

  it("gives the coded reason of a row that cannot be answered", () => {
    expect(routeRow(["", "", "", "", "", "", ""], plan)).toEqual({ kind: "error", reason: "empty_row" });
    expect(routeRow(["A", "", "", "", "", "", "2024-05-01"], plan)).toEqual({
      kind: "error",
      reason: "missing_location",
    });
    expect(routeRow(["A", "1,4", "", "", "", "", "2024-05-01"], plan)).toEqual({
      kind: "error",
      reason: "invalid_coordinates",
    });
    expect(routeRow(["A", "1,4", "43", "", "", "", "demain"], plan)).toEqual({ kind: "error", reason: "invalid_date" });
  });

  it("property: any row of any cells gets a route, never an exception, and the same route twice (pure)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        (cells, geocode) => {
          const route = routeRow(cells, { ...plan, geocode });
          expect(["lonlat", "code", "address", "error"]).toContain(route.kind);
          expect(routeRow(cells, { ...plan, geocode })).toEqual(route);
          if (route.kind === "error") expect(route.reason).toMatch(/^[a-z_]+$/);
        },
      ),
    );
  });
});
