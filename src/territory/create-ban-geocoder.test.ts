import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { BAN_DEFAULT_BASE_URL, createBanGeocoder, type FetchLike } from "./create-ban-geocoder.js";
import { GeocodeHit } from "./schema.js";

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../test/fixtures/ban/${name}`, import.meta.url)), "utf8"));
}

/** A fake fetch that records the URLs it was asked for and answers with a body and status. */
function fakeFetch(body: unknown, status = 200): FetchLike & { urls: string[] } {
  const urls: string[] = [];
  const fn = (async (url: string) => {
    urls.push(url);
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: status === 200 ? "OK" : "Error",
      json: async () => body,
    };
  }) as FetchLike & { urls: string[] };
  fn.urls = urls;
  return fn;
}

describe("createBanGeocoder", () => {
  it("maps a Géoplateforme house-number answer to a GeocodeHit", async () => {
    const fetch = fakeFetch(fixture("geoplateforme-housenumber.json"));
    const hit = await createBanGeocoder({ fetch }).geocode("20 avenue de Ségur 75007 Paris");
    expect(hit).toEqual({
      lon: 2.308628,
      lat: 48.850699,
      score: 0.9731636363636362,
      type: "housenumber",
      label: "20 Avenue de Ségur 75007 Paris",
      codeInsee: "75107",
      postcode: "75007",
    });
    expect(GeocodeHit.safeParse(hit).success).toBe(true);
  });

  it("asks the Géoplateforme search endpoint for one address hit", async () => {
    const fetch = fakeFetch(fixture("geoplateforme-empty.json"));
    await createBanGeocoder({ fetch }).geocode("  8 bd du Port, Marseille ");
    const url = new URL(fetch.urls[0] ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(`${BAN_DEFAULT_BASE_URL}/search`);
    expect(url.searchParams.get("q")).toBe("8 bd du Port, Marseille");
    expect(url.searchParams.get("limit")).toBe("1");
    expect(url.searchParams.get("index")).toBe("address");
  });

  it("uses another base URL and passes the postcode filter", async () => {
    const fetch = fakeFetch(fixture("legacy-api-adresse-housenumber.json"));
    const geocoder = createBanGeocoder({ fetch, baseUrl: "https://api-adresse.data.gouv.fr/", postcode: "75015" });
    const hit = await geocoder.geocode("10 PL 5 MARTYRS LYCEE BUFFON");
    expect(fetch.urls[0]).toMatch(/^https:\/\/api-adresse\.data\.gouv\.fr\/search\?/);
    expect(new URL(fetch.urls[0] ?? "").searchParams.get("postcode")).toBe("75015");
    expect(hit).toMatchObject({
      type: "housenumber",
      codeInsee: "75115",
      postcode: "75015",
      lon: 2.316754,
      lat: 48.838411,
    });
  });

  it("reports street and municipality hits as they are (the policy judges them)", async () => {
    const street = await createBanGeocoder({ fetch: fakeFetch(fixture("geoplateforme-street.json")) }).geocode(
      "allee de bellefontaine toulouse",
    );
    expect(street).toMatchObject({ type: "street", codeInsee: "31555" });
    const town = await createBanGeocoder({ fetch: fakeFetch(fixture("geoplateforme-municipality.json")) }).geocode(
      "st gervais",
    );
    expect(town).toMatchObject({ type: "municipality", codeInsee: "74236", score: 0.4560233310687971 });
  });

  it("returns null when nothing matches", async () => {
    expect(
      await createBanGeocoder({ fetch: fakeFetch(fixture("geoplateforme-empty.json")) }).geocode("zzzz qqqq 99999"),
    ).toBeNull();
  });

  it("rejects with geocoder_unavailable on an HTTP error, naming the status", async () => {
    const geocoder = createBanGeocoder({ fetch: fakeFetch(fixture("geoplateforme-error-400.json"), 400) });
    const error: unknown = await geocoder.geocode("ab").catch((e: unknown) => e);
    expect(isDeclicsError(error, "geocoder_unavailable")).toBe(true);
    expect((error as Error).message).toContain("HTTP 400");
    const busy: unknown = await createBanGeocoder({ fetch: fakeFetch({}, 429) })
      .geocode("x y z")
      .catch((e: unknown) => e);
    expect((busy as Error).message).toContain("429");
  });

  it("rejects with geocoder_unavailable when the network is down", async () => {
    const down: FetchLike = async () => {
      throw new TypeError("fetch failed");
    };
    const error: unknown = await createBanGeocoder({ fetch: down })
      .geocode("1 rue de la Paix Paris")
      .catch((e: unknown) => e);
    expect(isDeclicsError(error, "geocoder_unavailable")).toBe(true);
    expect((error as Error).message).toContain("(TypeError)");
    expect((error as { details: { reason: string } }).details.reason).toBe("failed");
    expect((error as { details: { address: string } }).details.address).toBe("1 rue de la Paix Paris");
  });

  it("rejects an answer that is not the documented GeoJSON", async () => {
    for (const body of [{ hello: "world" }, { type: "FeatureCollection", features: [{ geometry: null }] }, "<html>"]) {
      const error: unknown = await createBanGeocoder({ fetch: fakeFetch(body) })
        .geocode("1 rue X")
        .catch((e: unknown) => e);
      expect(isDeclicsError(error, "geocoder_unavailable")).toBe(true);
    }
  });

  it("refuses an empty address and malformed options with invalid_input", async () => {
    const geocoder = createBanGeocoder({ fetch: fakeFetch(fixture("geoplateforme-empty.json")) });
    await expect(geocoder.geocode("   ")).rejects.toSatisfy((e) => isDeclicsError(e, "invalid_input"));
    expect(() => createBanGeocoder({ baseUrl: "not a url" })).toThrow(/baseUrl/);
  });

  it("passes the call's abort signal to fetch", async () => {
    let seen: AbortSignal | undefined;
    const fetch: FetchLike = async (_url, init) => {
      seen = init?.signal;
      return { ok: true, status: 200, json: async () => fixture("geoplateforme-empty.json") };
    };
    const controller = new AbortController();
    await createBanGeocoder({ fetch }).geocode("1 rue X", { signal: controller.signal });
    expect(seen).toBe(controller.signal);
  });

  it("property: any well-formed feature maps to a valid hit with the same point and code", async () => {
    const feature = fc.record({
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      type: fc.constantFrom("housenumber", "street", "locality", "municipality"),
      label: fc.string(),
      citycode: fc.stringMatching(/^\d{5}$/),
    });
    await fc.assert(
      fc.asyncProperty(feature, async (f) => {
        const body = {
          type: "FeatureCollection",
          features: [
            {
              type: "Feature",
              geometry: { type: "Point", coordinates: [f.lon, f.lat] },
              properties: { ...f, _type: "address" },
            },
          ],
        };
        const hit = await createBanGeocoder({ fetch: fakeFetch(body) }).geocode("adresse");
        expect(hit).not.toBeNull();
        expect(GeocodeHit.safeParse(hit).success).toBe(true);
        expect([hit?.lon, hit?.lat, hit?.codeInsee, hit?.type]).toEqual([f.lon, f.lat, f.citycode, f.type]);
      }),
      { numRuns: 100 },
    );
  });
});
