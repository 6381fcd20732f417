import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTerritoryData } from "../data/index.js";
import { type DeclicsError, isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { webDataFetch } from "../../test/support/web-data-fetch.js";
import { checkEligibility, createTerritoryDataSource, type DataSourceSubject, type TerritoryData } from "./index.js";
import { tileKeyOf } from "./web-data-manifest.js";

const on = new Date("2025-03-01T12:00:00Z");
const REYNERIE = { lon: 1.4025, lat: 43.5712 };

async function rejection(promise: Promise<unknown>): Promise<DeclicsError> {
  try {
    await promise;
  } catch (error) {
    if (isDeclicsError(error)) return error as never;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("tileKeyOf", () => {
  it("puts every point in the tile whose half-open box holds it", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        (lon, lat) => {
          const [x, y] = tileKeyOf(lon, lat, 0.5).split("_").map(Number) as [number, number];
          const lonU = Math.round(lon * 1e6);
          const latU = Math.round(lat * 1e6);
          expect(lonU >= x * 500_000 && lonU < (x + 1) * 500_000).toBe(true);
          expect(latU >= y * 500_000 && latU < (y + 1) * 500_000).toBe(true);
        },
      ),
    );
  });
  it("agrees on a point exactly on a tile edge, whatever the float noise", () => {
    expect(tileKeyOf(2.5, 48.5, 0.5)).toBe("5_97");
    expect(tileKeyOf(2.4999999999, 48.5000000001, 0.5)).toBe("5_97");
    expect(tileKeyOf(-0.5, -21, 0.5)).toBe("-1_-42");
  });
});

describe("createTerritoryDataSource options", () => {
  it("refuses options without a baseUrl or a fetch, and unknown options", () => {
    expect(() => createTerritoryDataSource({})).toThrow(expect.objectContaining({ code: "invalid_input" }));
    expect(() => createTerritoryDataSource({ baseUrl: "/d/", cache: true } as never)).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });
});

const web = buildPath("web", "manifest.json");

describe.skipIf(!hasRealData(web, buildPath("manifest.json")))("createTerritoryDataSource on the real web data", () => {
  let full: TerritoryData;
  beforeAll(async () => {
    full = await loadTerritoryData();
  });

  it("answers a mainland point exactly as the whole data, within the byte budget, and caches", async () => {
    const fetch = webDataFetch();
    const source = createTerritoryDataSource({ fetch });
    const result = await source.checkEligibility(REYNERIE, { on });
    expect(result).toEqual(checkEligibility(REYNERIE, { on, data: full }));
    expect(result).toMatchObject({ status: "eligible", qpv: { zone: { code: "QN03107M" } } });
    const { bytes, requests } = source.stats();
    expect(bytes).toBeLessThanOrEqual(1_500_000);
    expect(fetch.asked.filter((p) => p.startsWith("communes/") && p !== "communes/index.json.gz")).toEqual([
      `communes/${tileKeyOf(REYNERIE.lon, REYNERIE.lat, 0.5)}.bin.gz`,
    ]);
    await source.checkEligibility({ lon: 1.41, lat: 43.58 }, { on });
    expect(source.stats().requests).toBe(requests);
  });

  it("answers a commune code and a postcode from the commune table alone (≤ 0.5 MB)", async () => {
    const fetch = webDataFetch();
    const source = createTerritoryDataSource({ fetch });
    await source.prepare([{ codeInsee: "48095" }, { postcode: "31100" }]);
    expect(fetch.asked.sort()).toEqual(["commune-table.json.gz", "manifest.json", "qpv2015-occitanie.layer.bin.gz"]);
    expect(source.stats().bytes).toBeLessThanOrEqual(500_000);
    const rows = source.checkEligibilityMany([{ codeInsee: "48095" }, { postcode: "31100" }, { codeInsee: "nope" }], {
      on,
    });
    expect(rows.map((r) => (r.ok ? r.result : r.error.code))).toEqual([
      checkEligibility({ codeInsee: "48095" }, { on, data: full }),
      checkEligibility({ postcode: "31100" }, { on, data: full }),
      "malformed_code",
    ]);
  });

  it("answers points all over France (and at sea, abroad, near tile edges) exactly as the whole data", async () => {
    const centres: [number, number][] = [
      [2.352, 48.857],
      [1.444, 43.604],
      [5.37, 43.296],
      [3.5, 44.518],
      [7.75, 48.583],
      [-1.553, 47.218],
      [9.15, 42.3],
      [55.45, -21.1],
      [-61.55, 16.25],
      [-52.33, 4.94],
      [45.15, -12.8],
      [-61.0, 14.6],
      [2.0, 48.0],
      [-1.5, 46.5],
    ];
    const subjects: DataSourceSubject[] = [];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: centres.length - 1 }),
        fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        (c, dx, dy) => {
          const [lon, lat] = centres[c]!;
          subjects.push({ lon: lon + dx, lat: lat + dy });
        },
      ),
      { numRuns: 600, seed: 13 },
    );
    subjects.push(
      { lon: 2.5, lat: 48.5 },
      { lon: 2.4999999, lat: 48.4999999 },
      { lon: -4.9, lat: 48.0 },
      { lon: NaN, lat: 1 },
      { lon: 48.85, lat: 2.35 },
      { codeInsee: "75118" },
    );
    const source = createTerritoryDataSource({ fetch: webDataFetch() });
    await source.prepare(subjects);
    for (const date of [on, new Date("2020-06-01T12:00:00Z")]) {
      const rows = source.checkEligibilityMany(subjects, { on: date });
      const expected = subjects.map((s) => {
        try {
          return checkEligibility(s as { lon: number; lat: number }, { on: date, data: full });
        } catch (error) {
          return (error as { code: string }).code;
        }
      });
      expect(rows.map((r) => (r.ok ? r.result : r.error.code))).toEqual(expected);
    }
  });

  it("answers an address through the geocoder, once per address", async () => {
    let calls = 0;
    const geocoder = {
      geocode: async () => {
        calls++;
        return {
          lon: REYNERIE.lon,
          lat: REYNERIE.lat,
          score: 0.95,
          type: "housenumber" as const,
          label: "1 Place Abbal 31100 Toulouse",
          codeInsee: "31555",
        };
      },
    };
    const source = createTerritoryDataSource({ fetch: webDataFetch() });
    const result = await source.checkEligibility({ address: "1 place Abbal, Toulouse" }, { on, geocoder });
    expect(result).toMatchObject({ status: "eligible", commune: { foundBy: "geocoder" } });
    await source.prepare([{ address: "1 place Abbal, Toulouse" }], { geocoder });
    expect(
      source
        .checkEligibilityMany([{ address: "1 place Abbal, Toulouse" }, { address: "jamais vue" }], { on })
        .map((r) => (r.ok ? r.result.status : r.error.code)),
    ).toEqual(["eligible", "data_not_prepared"]);
    expect(calls).toBe(1);
    await expect(source.checkEligibility({ address: "x" }, { on })).rejects.toMatchObject({
      code: "geocoder_unavailable",
    });
  });

  it("throws data_not_prepared for a synchronous answer before prepare", () => {
    const source = createTerritoryDataSource({ fetch: webDataFetch() });
    expect(() => source.dataFor(REYNERIE)).toThrow(expect.objectContaining({ code: "data_not_prepared" }));
    expect(source.checkEligibilityMany([REYNERIE], { on })[0]).toMatchObject({
      ok: false,
      error: { code: "data_not_prepared" },
    });
  });

  describe("hostile hosts", () => {
    const tile = `communes/${tileKeyOf(REYNERIE.lon, REYNERIE.lat, 0.5)}.bin.gz`;
    const cases: [string, Parameters<typeof webDataFetch>[0], string, RegExp][] = [
      [
        "offline",
        () => Promise.reject(new TypeError("Failed to fetch")),
        "data_unreachable",
        /injoignables.*TypeError/,
      ],
      [
        "HTML fallback page (SPA host)",
        (p) =>
          p.endsWith(".gz")
            ? new Response("<!DOCTYPE html><html><body>app</body></html>", { headers: { "content-type": "text/html" } })
            : undefined,
        "data_content_type",
        /page HTML/,
      ],
      [
        "HTML page with a binary content type",
        (p) =>
          p === tile
            ? new Response("\n<!doctype html><p>oops", { headers: { "content-type": "application/octet-stream" } })
            : undefined,
        "data_content_type",
        /page HTML/,
      ],
      [
        "wrong content type",
        (p) =>
          p === tile ? new Response(new Uint8Array([1, 2]), { headers: { "content-type": "image/png" } }) : undefined,
        "data_content_type",
        /image\/png/,
      ],
      [
        "truncated tile",
        (p, b) =>
          p === tile
            ? new Response(b!.subarray(0, b!.length >> 1) as BodyInit, {
                headers: { "content-type": "application/gzip" },
              })
            : undefined,
        "data_truncated",
        /tronqué/,
      ],
      [
        "checksum mismatch",
        (p, b) =>
          p === tile
            ? tampered(b!).then((t) => new Response(t as BodyInit, { headers: { "content-type": "application/gzip" } }))
            : undefined,
        "data_integrity",
        /sha256/,
      ],
      [
        "404",
        (p) => (p === tile ? new Response("not found", { status: 404 }) : undefined),
        "data_missing",
        /declics data copy/,
      ],
      [
        "server error",
        (p) => (p === tile ? new Response("busy", { status: 503, statusText: "Service Unavailable" }) : undefined),
        "data_unreachable",
        /503/,
      ],
      [
        "manifest of another format",
        (p) => (p === "manifest.json" ? Response.json({ format: 99 }) : undefined),
        "data_integrity",
        /format.*reçu 99/,
      ],
      [
        "truncated manifest",
        (p) =>
          p === "manifest.json"
            ? new Response('{"format":1,"build":"ab', { headers: { "content-type": "application/json" } })
            : undefined,
        "data_truncated",
        /tronqué/,
      ],
    ];
    for (const [name, override, code, message] of cases) {
      it(`${name} -> ${code}`, async () => {
        const source = createTerritoryDataSource({ fetch: webDataFetch(override) });
        const error = await rejection(source.checkEligibility(REYNERIE, { on }));
        expect(error.code).toBe(code);
        expect(formatDeclicsError(error, { language: "fr" })).toMatch(message);
      });
    }

    it("a failed download is retried on the next call", async () => {
      let fail = true;
      const source = createTerritoryDataSource({
        fetch: webDataFetch((p) => (p === tile && fail ? Promise.reject(new TypeError("offline")) : undefined)),
      });
      await expect(source.checkEligibility(REYNERIE, { on })).rejects.toMatchObject({ code: "data_unreachable" });
      fail = false;
      await expect(source.checkEligibility(REYNERIE, { on })).resolves.toMatchObject({ status: "eligible" });
    });

    it("accepts a host that undoes the gzip itself (Content-Encoding on .gz files)", async () => {
      const source = createTerritoryDataSource({
        fetch: webDataFetch(async (p, b) =>
          p.endsWith(".gz") && b
            ? new Response((await gunzipped(b)) as BodyInit, {
                headers: { "content-type": "application/octet-stream" },
              })
            : undefined,
        ),
      });
      await expect(source.checkEligibility(REYNERIE, { on })).resolves.toMatchObject({ status: "eligible" });
    });
  });
});

async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await new Response(
      new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip")),
    ).arrayBuffer(),
  );
}

/** The same file with one decoded byte flipped, re-compressed: same sizes, another checksum. */
async function tampered(bytes: Uint8Array): Promise<Uint8Array> {
  const raw = await gunzipped(bytes);
  raw[raw.length - 1]! ^= 0xff;
  const out = new Uint8Array(gzipSync(raw, { level: 9 }));
  // Keep at least the announced compressed size (the check of truncation comes first).
  if (out.length >= bytes.length) return out;
  const padded = new Uint8Array(bytes.length);
  padded.set(out);
  return padded;
}
