import * as z from "zod/v4";
import { DeclicsError, type DeclicsErrorDetails, type Expectation } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue, parseWith, toInputIssues } from "../_lib/parse.js";
import { expecting, rule } from "../_lib/messages/vocabulary.js";
import { GeocodeHit, type Geocoder } from "./schema.js";

/** The fetch function the adapter calls (the global `fetch` by default; tests pass a fake). */
export type FetchLike = (
  input: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  statusText?: string;
  json(): Promise<unknown>;
}>;

const Options = z.object({
  /** The fetch to call; defaults to `globalThis.fetch`. */
  fetch: z
    .custom<FetchLike>((value) => typeof value === "function", expecting("a fetch function", "une fonction fetch"))
    .optional(),
  /**
   * Base URL of the service, without the trailing `/search`. Default: the Géoplateforme
   * (`https://data.geopf.fr/geocodage`); the legacy `https://api-adresse.data.gouv.fr` answers in the same format.
   */
  baseUrl: z.url().optional(),
  /** Aborts every request of this geocoder (a per-call signal can be passed to `geocode` too). */
  signal: z
    .custom<AbortSignal>(
      (value) => typeof value === "object" && value !== null && "aborted" in value,
      expecting("an AbortSignal", "un AbortSignal"),
    )
    .optional(),
  /** Restricts the search to one postcode (the API's `postcode` filter). */
  postcode: z
    .string()
    .regex(/^\d{5}$/, "a 5-digit postcode")
    .optional(),
});
/** Options of {@link createBanGeocoder}: `fetch`, `baseUrl`, `signal`, `postcode`, all optional. */
export type CreateBanGeocoderOptions = z.input<typeof Options>;

/** Default base URL: IGN's Géoplateforme, which now serves the national address base (BAN). */
export const BAN_DEFAULT_BASE_URL = "https://data.geopf.fr/geocodage";

// The part of the GeoJSON answer the adapter relies on. Other properties (id, banId, name, city, context,
// x, y, importance, _type...) are allowed and ignored; a feature of another index (poi, parcel) is skipped.
const BanFeature = z.object({
  geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
  properties: z.looseObject({
    score: z.number(),
    type: z.string(),
    label: z.string(),
    citycode: z.string(),
    postcode: z.string().optional(),
  }),
});
const BanResponse = z.looseObject({
  type: z.literal("FeatureCollection"),
  features: z.array(z.unknown()),
});

const ADDRESS_TYPES = new Set(["housenumber", "street", "locality", "municipality"]);

function unavailable(
  address: string,
  why: Omit<DeclicsErrorDetails["geocoder_unavailable"], "address">,
  cause?: unknown,
): DeclicsError<"geocoder_unavailable"> {
  return territoryError({
    code: "geocoder_unavailable",
    module: "territory",
    details: { address, ...why },
    cause,
  });
}

/**
 * Creates a {@link Geocoder} for the national address API (Base Adresse Nationale, served by IGN's
 * Géoplateforme). It calls `GET {baseUrl}/search?q=ADDRESS&limit=1&index=address` with the `fetch` you give
 * (the global one by default), validates the GeoJSON answer and returns its best hit: `[lon, lat]`, the score
 * (0-1), the type (`housenumber`, `street`, `locality`, `municipality`), the label, the INSEE code (`citycode`,
 * which for Paris, Lyon and Marseille is the arrondissement's) and the postcode. No hit gives `null`.
 *
 * The adapter never decides eligibility: the engine's policy judges whether a hit is precise enough.
 *
 * @param options - `fetch`, `baseUrl` (default {@link BAN_DEFAULT_BASE_URL}), `signal`, `postcode` filter
 * @returns a Geocoder whose `geocode(address)` resolves to the best hit or null
 * @throws {DeclicsError} `invalid_input` when an option is malformed. `geocode` rejects with
 *   `geocoder_unavailable` when the network is down, the service answers an HTTP error, or the answer is not
 *   the documented GeoJSON.
 * @example
 * ```ts
 * // @network: asks the national address API (BAN / Géoplateforme)
 * import { createBanGeocoder } from "declics/territory";
 *
 * const geocoder = createBanGeocoder();
 * const hit = await geocoder.geocode("20 avenue de Ségur 75007 Paris");
 * // => { lon: 2.3087, lat: 48.8508, score: 0.97, type: "housenumber", label: "20 Avenue de Ségur 75007 Paris", codeInsee: "75107", postcode: "75007" }
 * ```
 * @category Geocoding
 */
export function createBanGeocoder(options: CreateBanGeocoderOptions = {}): Geocoder {
  const parsed = parseWith(Options, options, { module: "territory", what: "BAN geocoder options" });
  const baseUrl = (parsed.baseUrl ?? BAN_DEFAULT_BASE_URL).replace(/\/+$/, "");
  const doFetch: FetchLike | undefined = parsed.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);

  return {
    async geocode(address: string, callOptions?: { signal?: AbortSignal }): Promise<GeocodeHit | null> {
      const query = parseWith(z.string().trim().min(1), address, { module: "territory", what: "address" });
      if (doFetch === undefined) throw unavailable(query, { reason: "failed", cause: "no_fetch" });
      const params = new URLSearchParams({ q: query, limit: "1", index: "address" });
      if (parsed.postcode !== undefined) params.set("postcode", parsed.postcode);
      const url = `${baseUrl}/search?${params.toString()}`;
      const signal = callOptions?.signal ?? parsed.signal;
      const body = await fetchBody(doFetch, url, query, signal);
      return firstAddressHit(body, query);
    },
  };
}

/** Calls the service and reads its JSON body; every failure is a `geocoder_unavailable` naming the address. */
async function fetchBody(
  doFetch: FetchLike,
  url: string,
  query: string,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await doFetch(url, {
      ...(signal === undefined ? {} : { signal }),
      headers: { accept: "application/json" },
    });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const why = typeof code === "string" ? code : error instanceof Error ? error.name : describeValue(error);
    throw unavailable(query, { reason: "failed", cause: why }, error);
  }
  // The fetch is the caller's: check that what it resolved to looks like a Response before using it.
  if (
    typeof response !== "object" ||
    response === null ||
    typeof response.json !== "function" ||
    typeof response.ok !== "boolean"
  ) {
    throw unavailable(query, {
      reason: "invalid_answer",
      expected: rule("a fetch Response", "une Response de fetch"),
      received: describeValue(response),
    });
  }
  if (!response.ok) {
    throw unavailable(
      query,
      typeof response.status === "number"
        ? { reason: "failed", status: response.status }
        : { reason: "failed", cause: describeValue(response.status) },
    );
  }
  try {
    return await response.json();
  } catch (error) {
    throw unavailable(query, { reason: "invalid_answer", expected: { kind: "json" }, received: "undefined" }, error);
  }
}

/** The geocoder answered something that is not what it documents. */
function invalidAnswer(
  address: string,
  expected: Expectation,
  received: unknown,
  cause: unknown,
): DeclicsError<"geocoder_unavailable"> {
  return unavailable(address, { reason: "invalid_answer", expected, received: describeValue(received) }, cause);
}

/** The first address-level feature of a BAN answer as a validated hit, or null when there is none. */
function firstAddressHit(body: unknown, query: string): GeocodeHit | null {
  const collection = BanResponse.safeParse(body);
  if (!collection.success)
    throw invalidAnswer(
      query,
      rule("a GeoJSON FeatureCollection", "une FeatureCollection GeoJSON"),
      body,
      collection.error,
    );
  for (const raw of collection.data.features) {
    const feature = BanFeature.safeParse(raw);
    if (!feature.success)
      throw invalidAnswer(
        query,
        rule("features of the documented shape", "des features de la forme documentée"),
        raw,
        feature.error,
      );
    const { geometry, properties } = feature.data;
    if (!ADDRESS_TYPES.has(properties.type)) continue;
    const [lon, lat] = geometry.coordinates;
    const hit = GeocodeHit.safeParse({
      lon,
      lat,
      score: Math.min(1, Math.max(0, properties.score)),
      type: properties.type,
      label: properties.label,
      codeInsee: properties.citycode,
      ...(properties.postcode === undefined || properties.postcode === "" ? {} : { postcode: properties.postcode }),
    });
    if (!hit.success) {
      const issue = toInputIssues(hit.error, undefined)[0];
      throw unavailable(
        query,
        {
          reason: "invalid_answer",
          expected: issue?.expected ?? { kind: "shape" },
          received: issue?.received ?? "undefined",
        },
        hit.error,
      );
    }
    return hit.data;
  }
  return null;
}
