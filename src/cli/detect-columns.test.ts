import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COLUMN_ALIASES, detectColumns, normaliseHeader } from "./detect-columns.js";

describe("detectColumns", () => {
  it("finds coordinates, codes and addresses whatever the case and accents", () => {
    const result = detectColumns(["Nom", "LONGITUDE", "Latitude", "Code INSÉE", "Code_Postal", "Adresse"]);
    expect(result).toEqual({
      ok: true,
      columns: { lon: 1, lat: 2, x: -1, y: -1, codeInsee: 3, postcode: 4, address: 5, date: -1 },
      rejected: [],
    });
    expect(detectColumns(["X", "Y", "CODGEO"])).toMatchObject({ ok: true, columns: { x: 0, y: 1, codeInsee: 2 } });
  });

  it("ignores half a point", () => {
    expect(detectColumns(["lon", "code_postal"])).toMatchObject({
      ok: true,
      columns: { lon: -1, lat: -1, postcode: 1 },
    });
  });

  it("lets named columns override the guess, and reports unknown ones", () => {
    expect(detectColumns(["lon", "lat", "GPS E", "GPS N"], { lon: "GPS E", lat: "gps n" })).toMatchObject({
      ok: true,
      columns: { lon: 2, lat: 3 },
    });
    expect(detectColumns(["lon", "lat", "inscrit le"], { date: "inscrit le" })).toMatchObject({
      ok: true,
      columns: { date: 2 },
    });
    expect(detectColumns(["lon", "lat"], { date: "quand" })).toEqual({
      ok: false,
      problem: "unknown_column",
      role: "date",
      name: "quand",
    });
  });

  it("says when there is no location column", () => {
    expect(detectColumns(["nom", "prénom"])).toEqual({ ok: false, problem: "no_location_column", rejected: [] });
  });

  it("normalises headers", () => {
    expect(normaliseHeader(" Code INSÉE ")).toBe("codeinsee");
    expect(normaliseHeader("Année-de-naissance")).toBe("anneedenaissance");
  });

  it("property: every alias is found, decorated with case, accents-free spacing and punctuation", () => {
    const pairs = Object.entries(COLUMN_ALIASES).flatMap(([role, aliases]) =>
      aliases.map((alias) => [role, alias] as const),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.boolean(),
        fc.constantFrom("", " ", "_", "-"),
        ([role, alias], upper, sep) => {
          const decorated = (upper ? alias.toUpperCase() : alias).replace(/_/g, sep);
          const partner =
            role === "lon" ? "lat" : role === "lat" ? "lon" : role === "x" ? "y" : role === "y" ? "x" : null;
          const header = ["nom", decorated, ...(partner === null ? [] : [partner])];
          const result = detectColumns(header);
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.columns[role as keyof typeof result.columns]).toBe(1);
        },
      ),
    );
  });

  it("needs evidence from the values: a comments column named Com. is not a commune code, names are not addresses", () => {
    const header = ["Nom", "Com.", "Label", "cp"];
    const sample = [
      ["Ana", "rappeler lundi", "Ana Martin", "31100"],
      ["Léo", "", "Léo Petit", "75007"],
      ["Zoé", "ok", "Zoé Durand", "1000"],
    ];
    const result = detectColumns(header, {}, sample);
    expect(result).toMatchObject({ ok: true, columns: { codeInsee: -1, address: -1, postcode: 3 } });
    if (result.ok)
      expect(result.rejected.map((r) => [r.role, r.index, r.values, r.matching])).toEqual([
        ["codeInsee", 1, 2, 0],
        ["address", 2, 3, 0],
      ]);
    // Named on the command line, a column is taken as is.
    expect(detectColumns(header, { address: "Label" }, sample)).toMatchObject({ ok: true, columns: { address: 2 } });
    // Real addresses and codes are evidence.
    const good = detectColumns(["com", "adr"], {}, [
      ["31555", "1 place du Capitole 31000 Toulouse"],
      ["2A004", "rue de la Paix, Ajaccio"],
    ]);
    expect(good).toMatchObject({ ok: true, columns: { codeInsee: 0, address: 1 } });
  });

  it("property: a column of numbers in range is always accepted as coordinates, a column of words never", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })),
          { minLength: 1, maxLength: 20 },
        ),
        (points) => {
          const sample = points.map(([lon, lat]) => [String(lon), String(lat), "Jean Dupont"]);
          expect(detectColumns(["lon", "lat", "adresse"], {}, sample)).toMatchObject({
            ok: true,
            columns: { lon: 0, lat: 1, address: -1 },
          });
        },
      ),
    );
  });
});
