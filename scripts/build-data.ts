/**
 * Compiles the official source datasets into data/build/ (run by `npm run build:data`, hence by `prepare`).
 *
 * 1. Reads data/sources.json (validated with its zod schema).
 * 2. For every dataset: checks the file's sha256 and byte size, parses it, checks its feature/row count and
 *    validates every record with the zod schema in scripts/build/record-schemas.ts. Any mismatch refuses the
 *    build with a message naming the dataset, what was expected and what was received.
 * 3. Runs the builders of scripts/build/registry.ts and writes their artefacts to data/build/, then
 *    data/build/manifest.json (artefact -> file, sha256, size, source datasets and vintages).
 *
 * Sources: DECLICS_DATA_SOURCES, or ../shared/data beside the project root.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import type * as z from "zod/v4";
import { dataError } from "../src/data/_errors.js";
import { DeclicsError, type Expectation, type InputIssue, isDeclicsError } from "../src/errors.js";
import { rule } from "../src/_lib/messages/vocabulary.js";
import { describeValue, toInputIssues } from "../src/_lib/parse.js";
import { BuildManifest, type BuiltArtefact, type SourceDataset, SourcesManifest } from "../src/data/schema.js";
import * as registry from "./build/registry.js";
import { communeFeatures, communeLayerOptions, POLYGON_ARTEFACTS } from "./build/polygon-layers.js";
import { buildWebData } from "./build/web-data.js";
import { RECORD_SCHEMAS } from "./build/record-schemas.js";
import type { Artefact, BuildContext, Builder, SourceFeature } from "./build/types.js";

/** The project root (this file is scripts/build-data.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Options of {@link buildData}. */
export interface BuildDataOptions {
  /** Directory holding the source files named in the manifest. */
  readonly sourcesDir: string;
  /** Where artefacts and manifest.json are written. */
  readonly outDir: string;
  /** The sources manifest (raw JSON; validated here). */
  readonly manifest: unknown;
  /** Builders to run; defaults to every builder of scripts/build/registry.ts. */
  readonly builders?: readonly Builder[];
  /** Record schemas by dataset id; defaults to scripts/build/record-schemas.ts. */
  readonly recordSchemas?: Readonly<Record<string, z.ZodType>>;
  /** Progress lines (the CLI entry prints them; tests pass nothing). */
  readonly log?: (line: string) => void;
}

/** What {@link buildData} produced. */
export interface BuildDataResult {
  readonly manifest: BuildManifest;
  /** Non-fatal findings of the builders (repaired geometries, mapped codes...). */
  readonly reports: readonly string[];
}

/** Every builder exported by scripts/build/registry.ts, in export order. */
export function registeredBuilders(): Builder[] {
  const builders = Object.values(registry) as unknown[];
  return builders.map((candidate, index) => {
    const b = candidate as Partial<Builder> | null;
    if (
      b === null ||
      typeof b !== "object" ||
      typeof b.id !== "string" ||
      !Array.isArray(b.datasets) ||
      typeof b.build !== "function"
    ) {
      throw new Error(`scripts/build/registry.ts export #${index + 1} is not a Builder ({ id, datasets, build })`);
    }
    return b as Builder;
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function integrity(
  dataset: string,
  path: string,
  expected: Expectation,
  received: string,
): DeclicsError<"data_integrity"> {
  return dataError({
    code: "data_integrity",
    module: "data",
    details: { dataset, path, expected, received },
  });
}

interface LoadedDataset {
  readonly entry: SourceDataset;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly records: readonly unknown[];
}

function parseRecords(entry: SourceDataset, bytes: Uint8Array): unknown[] {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  if (entry.format.type === "geojson") {
    const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as {
      type?: unknown;
      features?: unknown;
    };
    if (json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
      throw integrity(entry.id, "type", { kind: "one_of", values: ["FeatureCollection"] }, describeValue(json.type));
    }
    return json.features as unknown[];
  }
  const rows = parseCsv(text, {
    delimiter: entry.format.delimiter,
    bom: true,
    from_line: entry.format.headerLine,
    // A trailing delimiter gives an unnamed last column (the FRR file): drop that column, not rows.
    columns: (header: string[]) => header.map((name) => (name === "" ? false : name)),
    skip_empty_lines: true,
  }) as Record<string, string>[];
  // Some files end with lines of empty quoted fields (the ZRR file): those are padding, not records.
  // Only trailing all-empty records are removed; an empty record in the middle fails validation.
  let end = rows.length;
  while (end > 0 && Object.values(rows[end - 1] ?? {}).every((v) => v === "")) end--;
  return rows.slice(0, end);
}

function validateRecords(entry: SourceDataset, records: readonly unknown[], schema: z.ZodType): void {
  let first: { index: number; issue: InputIssue | undefined } | undefined;
  let invalid = 0;
  records.forEach((record, index) => {
    const result = schema.safeParse(record, { reportInput: true });
    if (result.success) return;
    invalid++;
    first ??= { index, issue: toInputIssues(result.error, record)[0] };
  });
  if (invalid > 0 && first !== undefined) {
    // The first invalid record is named; the count of invalid records is in the received value.
    const { index, issue } = first;
    throw integrity(
      entry.id,
      `${index + 1}${issue === undefined || issue.path === "" ? "" : `.${issue.path}`}`,
      issue?.expected ?? { kind: "shape" },
      `${issue?.received ?? "undefined"} (${invalid} / ${records.length})`,
    );
  }
}

/** Reads, checks and validates one dataset. Throws data_missing / data_integrity. */
export function loadDataset(entry: SourceDataset, sourcesDir: string, schema: z.ZodType | undefined): LoadedDataset {
  const path = resolve(sourcesDir, entry.file);
  if (!existsSync(path)) {
    throw dataError({
      code: "data_missing",
      module: "data",
      details: { dataset: entry.id, location: path, remedy: "sources_dir" },
    });
  }
  const bytes = new Uint8Array(readFileSync(path));
  const digest = sha256(bytes);
  if (digest !== entry.sha256) throw integrity(entry.id, "sha256", { kind: "sha256", sha256: entry.sha256 }, digest);
  if (bytes.byteLength !== entry.bytes)
    throw integrity(entry.id, "bytes", { kind: "byte_count", bytes: entry.bytes }, String(bytes.byteLength));
  const records = parseRecords(entry, bytes);
  if (records.length !== entry.count.value) {
    const unit = entry.count.unit;
    const expected = rule(
      `${entry.count.value} ${unit}`,
      `${entry.count.value} ${unit === "rows" ? "lignes" : "entités"}`,
    );
    throw integrity(entry.id, unit, expected, String(records.length));
  }
  if (schema === undefined) {
    throw integrity(
      entry.id,
      "schema",
      rule("a zod schema in scripts/build/record-schemas.ts", "un schéma zod dans scripts/build/record-schemas.ts"),
      "undefined",
    );
  }
  validateRecords(entry, records, schema);
  return { entry, path, bytes, records };
}

/**
 * Checks every source dataset, runs the builders and writes data/build. Throws a DeclicsError
 * (`data_missing`, `data_integrity`, `invalid_input` for a bad manifest) without writing anything when a
 * source does not match the manifest.
 */
export async function buildData(options: BuildDataOptions): Promise<BuildDataResult> {
  const log = options.log ?? (() => {});
  const schemas = options.recordSchemas ?? RECORD_SCHEMAS;
  const parsed = SourcesManifest.safeParse(options.manifest, { reportInput: true });
  if (!parsed.success) {
    const issues = toInputIssues(parsed.error, options.manifest);
    throw dataError({
      code: "invalid_input",
      module: "data",
      details: { what: "data/sources.json", issues },
    });
  }
  const manifest = parsed.data;
  const builders = options.builders ?? registeredBuilders();

  const started = performance.now();
  const loaded = new Map<string, LoadedDataset>();
  for (const entry of manifest.datasets) {
    const t = performance.now();
    loaded.set(entry.id, loadDataset(entry, options.sourcesDir, schemas[entry.id]));
    log(
      `  checked ${entry.id}: ${entry.count.value} ${entry.count.unit}, sha256 ok (${Math.round(performance.now() - t)} ms)`,
    );
  }

  const get = (id: string): LoadedDataset => {
    const dataset = loaded.get(id);
    if (dataset === undefined) throw new Error(`No dataset ${JSON.stringify(id)} in data/sources.json`);
    return dataset;
  };
  const seenIds = new Set<string>();
  for (const builder of builders) {
    if (seenIds.has(builder.id)) throw new Error(`Two builders are named ${builder.id}`);
    seenIds.add(builder.id);
    for (const id of builder.datasets) get(id);
  }

  const reports: string[] = [];
  const artefacts: { builder: Builder; artefact: Artefact }[] = [];
  const contextOf = (builderId: string): BuildContext => ({
    dataset: (id) => get(id).entry,
    path: (id) => get(id).path,
    bytes: (id) => get(id).bytes,
    features: <P>(id: string) => {
      const d = get(id);
      if (d.entry.format.type !== "geojson") throw new Error(`Dataset ${id} is not GeoJSON`);
      return d.records as readonly SourceFeature<P>[];
    },
    rows: <R>(id: string) => {
      const d = get(id);
      if (d.entry.format.type !== "csv") throw new Error(`Dataset ${id} is not CSV`);
      return d.records as readonly R[];
    },
    report: (message) => reports.push(`[${builderId}] ${message}`),
  });
  for (const builder of builders) {
    const t = performance.now();
    const ctx = contextOf(builder.id);
    const built = await builder.build(ctx);
    for (const artefact of built) artefacts.push({ builder, artefact });
    log(
      `  built ${builder.id}: ${built.map((a) => `${a.file} (${formatBytes(a.bytes.byteLength)})`).join(", ")} in ${Math.round(performance.now() - t)} ms`,
    );
  }

  const entries: Record<string, BuiltArtefact> = {};
  const files = new Set<string>();
  for (const { builder, artefact } of artefacts) {
    if (entries[artefact.name] !== undefined) throw new Error(`Two artefacts are named ${artefact.name}`);
    if (
      files.has(artefact.file) ||
      artefact.file === "manifest.json" ||
      artefact.file.includes("/") ||
      artefact.file.includes("\\")
    ) {
      throw new Error(`Artefact ${artefact.name}: file name ${artefact.file} is taken or not a plain file name`);
    }
    files.add(artefact.file);
    const sourceIds = artefact.sources ?? builder.datasets;
    entries[artefact.name] = {
      file: artefact.file,
      sha256: sha256(artefact.bytes),
      bytes: artefact.bytes.byteLength,
      builder: builder.id,
      sources: sourceIds.map((id) => {
        const entry = get(id).entry;
        return { id: entry.id, millesime: entry.millesime, sha256: entry.sha256 };
      }),
      formatVersion: artefact.formatVersion,
      description: artefact.description,
    };
  }
  const totalBytes = Object.values(entries).reduce((sum, e) => sum + e.bytes, 0);
  const buildManifest = BuildManifest.parse({ version: 1, artefacts: entries, totalBytes });
  const manifestText = `${JSON.stringify(buildManifest, null, 2)}\n`;
  const web = webData(
    artefacts.map((a) => a.artefact),
    new TextEncoder().encode(manifestText),
    loaded.has("communes-cog2026") ? contextOf("web-data") : null,
  );

  // Everything checked and built: only now touch the output directory.
  mkdirSync(options.outDir, { recursive: true });
  const previous = join(options.outDir, "manifest.json");
  if (existsSync(previous)) {
    const old = BuildManifest.safeParse(JSON.parse(readFileSync(previous, "utf8")));
    if (old.success)
      for (const a of Object.values(old.data.artefacts))
        if (!files.has(a.file)) rmSync(join(options.outDir, a.file), { force: true });
  }
  for (const { artefact } of artefacts) writeFileSync(join(options.outDir, artefact.file), artefact.bytes);
  writeFileSync(previous, manifestText);
  const webDir = join(options.outDir, "web");
  rmSync(webDir, { recursive: true, force: true });
  if (web !== null) {
    for (const [file, bytes] of web.files) {
      mkdirSync(dirname(join(webDir, file)), { recursive: true });
      writeFileSync(join(webDir, file), bytes);
    }
    const tiles = Object.values(web.tiles);
    const encoded = [...web.files.values()].reduce((sum, b) => sum + b.byteLength, 0);
    log(
      `  web data: ${tiles.length} commune tiles (largest` +
        ` ${formatBytes(Math.max(...tiles.map((t) => t.encodedBytes)))} compressed),` +
        ` ${formatBytes(encoded)} in ${webDir}`,
    );
  }
  log(
    `  ${artefacts.length} artefact(s), total ${formatBytes(totalBytes)} in ${options.outDir} (${Math.round(performance.now() - started)} ms)`,
  );
  return { manifest: buildManifest, reports };
}

/** The web split (data/build/web) when the territory artefacts were built, else null. */
function webData(
  artefacts: readonly Artefact[],
  buildManifest: Uint8Array,
  ctx: BuildContext | null,
): ReturnType<typeof buildWebData> | null {
  const byFile = new Map(artefacts.map((a) => [a.file, a.bytes]));
  const communeTable = byFile.get("commune-table.json");
  const qpv2024 = byFile.get(POLYGON_ARTEFACTS.qpv2024);
  const qpv2015 = byFile.get(POLYGON_ARTEFACTS.qpv2015);
  if (
    ctx === null ||
    communeTable === undefined ||
    qpv2024 === undefined ||
    qpv2015 === undefined ||
    !byFile.has(POLYGON_ARTEFACTS.communes)
  )
    return null;
  return buildWebData({
    buildManifest,
    communeTable,
    qpv2024,
    qpv2015,
    communes: communeFeatures(ctx),
    communeLayer: communeLayerOptions(ctx),
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

async function main(): Promise<void> {
  const sourcesDir = resolve(PROJECT_ROOT, process.env.DECLICS_DATA_SOURCES ?? join("..", "shared", "data"));
  const outDir = join(PROJECT_ROOT, "data", "build");
  const manifest: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "data", "sources.json"), "utf8"));
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  out(`declics build:data — sources ${sourcesDir}`);
  try {
    const { reports } = await buildData({ sourcesDir, outDir, manifest, log: out });
    for (const report of reports) out(`  note ${report}`);
  } catch (error) {
    const message = isDeclicsError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
    process.stderr.write(`build:data failed — ${message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
