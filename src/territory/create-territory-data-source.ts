import * as z from "zod/v4";
import { DeclicsError, isDeclicsError } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue, integrityOf, parseWith, toInputIssues } from "../_lib/parse.js";
import { expecting, rule } from "../_lib/messages/vocabulary.js";
import { checkOptionsWithoutData, contextOf } from "./_options.js";
import { geocoderFailed, validHit } from "./_geocode-hit.js";
import { PolygonLayer, decodeLayer } from "./_layer.js";
import { internalsOf, makeTerritoryData } from "./_territory-internals.js";
import { answerSync, checkHit, lambert93ToLonLat, parseSubject, type ParsedSubject } from "./_subject.js";
import { fetchJson, fetchWebFile, type DataFetch, type DataResponse, type Transfer } from "./_fetch-web-file.js";
import { failedRow, type EligibilityRow } from "./check-eligibility-many.js";
import type { CheckEligibilityOptions, SyncEligibilitySubject } from "./check-eligibility.js";
import { decodeCommuneTable } from "./decode-commune-table.js";
import type { AddressSubject, EligibilityResult, GeocodeHit, Geocoder } from "./schema.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";
import {
  WebDataManifest,
  WebDataTileIndex,
  tileKeyOf,
  type WebDataFile,
  type WebDataTile,
} from "./web-data-manifest.js";

export type { DataFetch, DataResponse } from "./_fetch-web-file.js";

/** Options of {@link createTerritoryDataSource}. */
const CreateTerritoryDataSourceOptions = z
  .object({
    /** Where the web data is served (the folder written by `declics data copy`), e.g. `"/declics-data/"`. */
    baseUrl: z.string().min(1).optional(),
    /** The fetch to call (default `globalThis.fetch`); given alone, it receives paths relative to the data folder. */
    fetch: z
      .custom<DataFetch>((v) => typeof v === "function", expecting("a fetch function", "une fonction fetch"))
      .optional(),
    /** Check the sha256 of every file (Web Crypto). Default true. */
    verify: z.boolean().optional(),
    /** Parallel downloads when preparing many subjects. Default 6. */
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .strict()
  .refine(
    (o) => o.baseUrl !== undefined || o.fetch !== undefined,
    expecting("a baseUrl, a fetch function, or both", "une baseUrl, une fonction fetch, ou les deux"),
  );
export type CreateTerritoryDataSourceOptions = z.input<typeof CreateTerritoryDataSourceOptions>;

/** Subjects a data source answers. */
export type DataSourceSubject = SyncEligibilitySubject | AddressSubject;

/** Options of {@link TerritoryDataSource.prepare}. */
export interface PrepareOptions {
  /** Needed to prepare `{ address }` subjects: they are geocoded once, and the hit is kept for the answer. */
  readonly geocoder?: Geocoder;
}

/** What a data source has downloaded so far. */
export interface DataSourceStats {
  /** Requests made (each file at most once while cached). */
  readonly requests: number;
  /** Bytes received, as the host sent them (compressed). */
  readonly bytes: number;
  readonly files: readonly Transfer[];
}

/**
 * Territory data fetched on demand. Prepare subjects (downloads only the files they need, once), then answer
 * synchronously; or answer one subject with the async `checkEligibility`.
 */
export interface TerritoryDataSource {
  /** Downloads what the subjects need: the commune table, and for points the QPV layers and their commune tiles. */
  prepare(subjects: DataSourceSubject | Iterable<DataSourceSubject>, options?: PrepareOptions): Promise<void>;
  /** The territory data for a prepared subject (for `checkEligibility`, `getZoneOutline`, `renderEvidenceSvg`). */
  dataFor(subject: DataSourceSubject): TerritoryData;
  /** One answer: prepares the subject, then answers (an address needs `options.geocoder`). */
  checkEligibility(
    subject: DataSourceSubject,
    options: Omit<CheckEligibilityOptions, "data">,
  ): Promise<EligibilityResult>;
  /** Synchronous answers for prepared subjects: one row per subject, in order (unprepared ones are `data_not_prepared` rows). */
  checkEligibilityMany(
    subjects: Iterable<DataSourceSubject>,
    options: Omit<CheckEligibilityOptions, "data" | "geocoder">,
  ): EligibilityRow[];
  /** Bytes and requests so far. */
  stats(): DataSourceStats;
}

function notPrepared(what: string): DeclicsError {
  return territoryError({
    code: "data_not_prepared",
    module: "territory",
    details: { what },
  });
}

/** Runs tasks with at most `limit` in flight; rejects with the first error once all have settled. */
async function runLimited(tasks: readonly (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** Where a parsed subject needs data: a tile key, "codes" (table only) or a pending address. */
type Need = { kind: "codes" } | { kind: "point"; lon: number; lat: number } | { kind: "address"; address: string };

function needOf(parsed: ParsedSubject): Need {
  switch (parsed.kind) {
    case "point":
      return { kind: "point", lon: parsed.lon, lat: parsed.lat };
    case "lambert93": {
      const [lon, lat] = lambert93ToLonLat(parsed.x, parsed.y);
      return { kind: "point", lon, lat };
    }
    case "address":
      return { kind: "address", address: parsed.address };
    default:
      return { kind: "codes" };
  }
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, url: string, what: readonly [en: string, fr: string]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fallback = {
    expected: rule(`${what[0]}, format 1`, `${what[1]}, format 1`),
    received: describeValue((value as { format?: unknown } | null)?.format),
  };
  throw territoryError({
    code: "data_integrity",
    module: "territory",
    details: { dataset: url, ...integrityOf(toInputIssues(result.error, value)[0], fallback) },
  });
}

/** Downloads and decodes the web data once per file: the manifest, the commune codes, the points, the tiles. */
class WebDataStore {
  readonly transfers: Transfer[] = [];
  codeData: TerritoryData | undefined;
  pointBase: TerritoryData | undefined;
  tileDeg = 0;
  tiles: WebDataTileIndex["tiles"] | undefined;
  readonly tileData = new Map<string, TerritoryData>();
  // Memoised downloads: one request per file; a failed one is forgotten so that a retry can succeed.
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(
    private readonly fetchFn: DataFetch,
    private readonly base: string | undefined,
    private readonly verify: boolean,
  ) {}

  urlOf(file: string): string {
    const base = this.base;
    return base === undefined ? file : base.endsWith("/") ? `${base}${file}` : `${base}/${file}`;
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.pending.get(key) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = load();
      this.pending.set(key, promise);
      promise.catch(() => this.pending.delete(key));
    }
    return promise;
  }

  private readonly onTransfer = (t: Transfer): void => void this.transfers.push(t);

  private manifest(): Promise<WebDataManifest> {
    return this.once("manifest", async () =>
      parsed(
        WebDataManifest,
        await fetchJson(this.fetchFn, this.urlOf("manifest.json"), this.onTransfer),
        this.urlOf("manifest.json"),
        ["the web data manifest", "le manifeste des données web"],
      ),
    );
  }

  private file(entry: WebDataFile | WebDataTile): Promise<Uint8Array> {
    return this.once(entry.file, () =>
      fetchWebFile(this.fetchFn, this.urlOf(entry.file), { covers: "", ...entry }, this.verify, this.onTransfer),
    );
  }

  loadCodes(): Promise<void> {
    return this.once("codes", async () => {
      const m = await this.manifest();
      const [table, qpv2015] = await Promise.all([this.file(m.core.communeTable), this.file(m.core.qpv2015)]);
      const communes = PolygonLayer.empty("communes");
      this.codeData = makeTerritoryData({
        qpv2024: PolygonLayer.empty("qpv2024"),
        qpv2015: decodeLayer(qpv2015, m.core.qpv2015.file),
        communes,
        communeTable: decodeCommuneTable(table),
        communeCodes: communes.header.codes,
      });
    });
  }

  loadPoints(): Promise<void> {
    return this.once("points", async () => {
      const m = await this.manifest();
      await this.loadCodes();
      const [qpv2024, index] = await Promise.all([this.file(m.core.qpv2024), this.file(m.communes.index)]);
      this.tiles = parsed(
        WebDataTileIndex,
        JSON.parse(new TextDecoder().decode(index)),
        this.urlOf(m.communes.index.file),
        ["the tile index", "l'index des tuiles"],
      ).tiles;
      this.tileDeg = m.communes.tileDeg;
      const qpv = decodeLayer(qpv2024, m.core.qpv2024.file);
      this.pointBase = makeTerritoryData({ ...internalsOf(this.codeData!), qpv2024: qpv });
    });
  }

  loadTile(key: string): Promise<void> {
    return this.once(`tile:${key}`, async () => {
      const entry = this.tiles![key];
      if (entry === undefined) return;
      const communes = decodeLayer(await this.file(entry), entry.file);
      const data = makeTerritoryData({
        ...internalsOf(this.pointBase!),
        communes,
        communeCodes: communes.header.codes,
      });
      this.tileData.set(key, data);
    });
  }

  /** The keys of the tiles these points need that are not loaded yet. */
  missingTiles(points: readonly (readonly [number, number])[]): string[] {
    const keys = new Set(points.map(([lon, lat]) => tileKeyOf(lon, lat, this.tileDeg)));
    return [...keys].filter((k) => this.tiles![k] !== undefined && !this.tileData.has(k));
  }

  requireCodes(): TerritoryData {
    if (this.codeData === undefined) throw notPrepared("les codes de commune");
    return this.codeData;
  }

  /** The data that answers a point synchronously (its tile, or the base when no commune tile covers it). */
  pointData(lon: number, lat: number): TerritoryData {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return this.requireCodes();
    if (this.pointBase === undefined || this.tiles === undefined) throw notPrepared(`le point ${lon}, ${lat}`);
    const key = tileKeyOf(lon, lat, this.tileDeg);
    if (this.tiles[key] === undefined) return this.pointBase;
    const data = this.tileData.get(key);
    if (data === undefined) throw notPrepared(`le point ${lon}, ${lat} (tuile ${key})`);
    return data;
  }
}

type HitEntry = { hit: GeocodeHit | null } | { error: DeclicsError };

/** Geocoded addresses, kept with their hit or their coded error so a synchronous answer can be given later. */
class AddressHits {
  private readonly hits = new Map<string, HitEntry>();

  async geocode(address: string, geocoder: Geocoder): Promise<void> {
    if (this.hits.has(address)) return;
    try {
      this.hits.set(address, { hit: validHit(address, await geocoder.geocode(address)) });
    } catch (cause) {
      this.hits.set(address, { error: geocoderFailed(address, cause) });
    }
  }

  /** The hit of a geocoded address (null: not found); throws its error, or `data_not_prepared`. */
  entry(address: string): GeocodeHit | null {
    const entry = this.hits.get(address);
    if (entry === undefined)
      throw notPrepared(`l'adresse ${JSON.stringify(address)} (à géocoder dans prepare, avec options.geocoder)`);
    if ("error" in entry) throw entry.error;
    return entry.hit;
  }

  /** The point of a geocoded address, when it was found. */
  pointOf(address: string): [number, number] | null {
    const entry = this.hits.get(address);
    return entry !== undefined && "hit" in entry && entry.hit !== null ? [entry.hit.lon, entry.hit.lat] : null;
  }
}

/** The needs of the subjects that parse (an invalid subject needs no data: its answer is its own coded error). */
function needsOf(subjects: DataSourceSubject | Iterable<DataSourceSubject>): Need[] {
  const list = isIterable(subjects) ? [...subjects] : [subjects];
  const needs: Need[] = [];
  for (const subject of list) {
    try {
      needs.push(needOf(parseSubject(subject)));
    } catch (error) {
      if (!isDeclicsError(error)) throw error;
    }
  }
  return needs;
}

/** Geocodes the addresses, then downloads the codes and the tiles the subjects' points fall in. */
async function prepareSubjects(
  store: WebDataStore,
  hits: AddressHits,
  needs: readonly Need[],
  geocoder: Geocoder | undefined,
  concurrency: number,
): Promise<void> {
  const addresses = [...new Set(needs.flatMap((n) => (n.kind === "address" ? [n.address] : [])))];
  if (addresses.length > 0 && geocoder !== undefined) {
    await runLimited(
      addresses.map((a) => () => hits.geocode(a, geocoder)),
      concurrency,
    );
  }
  const points: [number, number][] = [];
  for (const need of needs) {
    const point = need.kind === "point" ? ([need.lon, need.lat] as [number, number]) : null;
    const found = need.kind === "address" ? hits.pointOf(need.address) : point;
    if (found !== null) points.push(found);
  }
  await store.loadCodes();
  const finite = points.filter(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat));
  if (finite.length === 0) return;
  await store.loadPoints();
  await runLimited(
    store.missingTiles(finite).map((k) => () => store.loadTile(k)),
    concurrency,
  );
}

/** The synchronous answer for one subject, from data already prepared. */
function answerPrepared(
  store: WebDataStore,
  hits: AddressHits,
  subject: DataSourceSubject,
  options: Omit<CheckEligibilityOptions, "data">,
): EligibilityResult {
  const p = parseSubject(subject);
  const data = dataOfParsed(store, hits, p);
  if (p.kind === "address") return checkHit(contextOf({ ...options, data }).plan, p.address, hits.entry(p.address));
  return answerSync(contextOf({ ...options, data }).plan, p);
}

function dataOfParsed(store: WebDataStore, hits: AddressHits, subject: ParsedSubject): TerritoryData {
  const need = needOf(subject);
  if (need.kind === "codes") return store.requireCodes();
  if (need.kind === "point") return store.pointData(need.lon, need.lat);
  const hit = hits.entry(need.address);
  return hit === null ? store.requireCodes() : store.pointData(hit.lon, hit.lat);
}

/**
 * Creates a territory data source for browsers and edge runtimes: it downloads only the files a subject needs
 * from the web data (`declics data copy DIR`, served as static files), caches them, checks their sha256 with
 * Web Crypto and reports coded errors. A mainland point needs the commune table, the QPV layers and one
 * commune tile (about 1.1 MB compressed); a commune code or a postcode needs the commune table only (0.45 MB).
 *
 * @param options - `baseUrl` (where the data folder is served) and/or `fetch`; `verify` (default true),
 *   `concurrency` (default 6)
 * @returns the source: `prepare(subjects)` then synchronous `checkEligibilityMany` / `dataFor`, or
 *   `await checkEligibility(subject, options)` for one subject
 * @throws {DeclicsError} `invalid_input` for bad options. Its methods reject with `data_unreachable` (offline,
 *   HTTP error), `data_missing` (404), `data_content_type` (wrong type, an HTML page), `data_truncated`,
 *   `data_integrity` (checksum or format mismatch); synchronous answers throw `data_not_prepared`.
 * @example
 * ```ts
 * // @browser: a page that serves the data folder (test/browser/web-example.test.ts runs such a page)
 * import { createTerritoryDataSource } from "declics/territory";
 *
 * const source = createTerritoryDataSource({ baseUrl: "/declics-data/" });
 * const result = await source.checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: new Date("2025-03-01") });
 * result.status;
 * // => "eligible"
 *
 * // A page of many people: one prepare, then synchronous answers.
 * await source.prepare(people);
 * const rows = source.checkEligibilityMany(people, { on: new Date("2025-03-01") });
 * ```
 * @category Data
 */
export function createTerritoryDataSource(options: CreateTerritoryDataSourceOptions): TerritoryDataSource {
  const opts = parseWith(CreateTerritoryDataSourceOptions, options, {
    module: "territory",
    what: "createTerritoryDataSource options",
  });
  const fetchFn: DataFetch = opts.fetch ?? ((url) => globalThis.fetch(url) as Promise<DataResponse>);
  const store = new WebDataStore(fetchFn, opts.baseUrl, opts.verify ?? true);
  const hits = new AddressHits();
  const concurrency = opts.concurrency ?? 6;
  const prepare = (subjects: DataSourceSubject | Iterable<DataSourceSubject>, prepareOptions: PrepareOptions = {}) =>
    prepareSubjects(store, hits, needsOf(subjects), prepareOptions.geocoder, concurrency);
  const answer = (subject: DataSourceSubject, checkOptions: Omit<CheckEligibilityOptions, "data">) =>
    answerPrepared(store, hits, subject, checkOptions);

  return {
    prepare,
    dataFor: (subject) => dataOfParsed(store, hits, parseSubject(subject)),
    async checkEligibility(subject, checkOptions) {
      const p = parseSubject(subject);
      if (p.kind === "address" && checkOptions.geocoder === undefined) {
        throw territoryError({
          code: "geocoder_unavailable",
          module: "territory",
          details: { address: p.address, reason: "no_geocoder" },
        });
      }
      await prepare([subject], checkOptions.geocoder === undefined ? {} : { geocoder: checkOptions.geocoder });
      return answer(subject, checkOptions);
    },
    checkEligibilityMany(subjects, checkOptions) {
      // Bad options fail the call; bad subjects fail their row only.
      checkOptionsWithoutData(checkOptions);
      const rows: EligibilityRow[] = [];
      let index = 0;
      for (const subject of subjects) {
        try {
          rows.push({ index, ok: true, result: answer(subject, checkOptions) });
        } catch (error) {
          rows.push(failedRow(index, error));
        }
        index++;
      }
      return rows;
    },
    stats: () => ({
      requests: store.transfers.length,
      bytes: store.transfers.reduce((sum, t) => sum + t.bytes, 0),
      files: [...store.transfers],
    }),
  };
}
