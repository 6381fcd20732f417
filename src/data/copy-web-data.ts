import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import * as z from "zod/v4";
import { DeclicsError, type Expectation } from "../errors.js";
import { dataError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { WebDataManifest, WebDataTileIndex, type WebDataFile } from "../territory/web-data-manifest.js";
import { defaultBuildDir } from "./_paths.js";

/** Options of {@link copyWebData}. */
const CopyWebDataOptionsSchema = z
  .object({
    /** Where to copy (created if needed), e.g. `public/declics-data`. */
    dir: z.string().min(1),
    /** The web data to copy (default: the package's `data/build/web`). */
    from: z.string().min(1).optional(),
  })
  .strict();
export type CopyWebDataOptions = z.infer<typeof CopyWebDataOptionsSchema>;

/** What {@link copyWebData} did. */
export interface CopiedWebData {
  readonly dir: string;
  readonly files: number;
  /** Bytes written (compressed files as stored). */
  readonly bytes: number;
  /** Files of an older copy that the new manifest no longer lists, removed. */
  readonly removed: number;
}

function integrity(file: string, expected: Expectation, received: string): DeclicsError {
  return dataError({
    code: "data_integrity",
    module: "data",
    details: { dataset: file, expected, received },
  });
}

function readManifest(dir: string): { manifest: WebDataManifest; files: WebDataFile[] } | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  const manifest = WebDataManifest.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!manifest.success) return null;
  const index = join(dir, manifest.data.communes.index.file);
  const tiles = existsSync(index)
    ? WebDataTileIndex.safeParse(JSON.parse(gunzipSync(readFileSync(index)).toString("utf8")))
    : null;
  const files = [
    ...Object.values(manifest.data.core),
    manifest.data.communes.index,
    ...(tiles?.success ? Object.values(tiles.data.tiles).map((t) => ({ ...t, covers: "" })) : []),
  ];
  return { manifest: manifest.data, files };
}

/**
 * Copies the web data (the territory data split for browsers: manifest.json, the commune table, the QPV
 * layers and the commune tiles, gzip-compressed) to a folder a static host serves, checking every file
 * against the manifest on the way. Files of an older copy that the new manifest no longer lists are removed.
 * The CLI runs it as `declics data copy DIR`.
 *
 * @param options - `dir` (target), optional `from` (default: the package's data/build/web)
 * @returns the folder, the number of files and bytes written, the stale files removed
 * @throws {DeclicsError} `invalid_input` for bad options; `data_missing` when the web data is absent (run
 *   `npm run build:data`); `data_integrity` when a file differs from the manifest
 * @example
 * ```ts
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { copyWebData } from "declics/data";
 *
 * const dir = join(mkdtempSync(join(tmpdir(), "site-")), "public", "declics-data"); // your site's static folder
 * const copy = await copyWebData({ dir });
 * [copy.dir === dir, copy.files, copy.removed];
 * // => [true, 406, 0]
 * ```
 * @category Data
 */
export async function copyWebData(options: CopyWebDataOptions): Promise<CopiedWebData> {
  const { dir, from } = parseWith(CopyWebDataOptionsSchema, options, { module: "data", what: "copyWebData options" });
  const source = from === undefined ? join(defaultBuildDir(), "web") : resolve(from);
  const target = resolve(dir);
  const current = readManifest(source);
  if (current === null) {
    throw dataError({
      code: "data_missing",
      module: "data",
      details: { dataset: "web/manifest.json", location: join(source, "manifest.json"), remedy: "build_data" },
    });
  }
  const previous = target === source ? null : readManifest(target);
  let bytes = 0;
  for (const entry of current.files) {
    const from = join(source, entry.file);
    if (!existsSync(from)) throw integrity(entry.file, { kind: "known_id", of: "artefact" }, "undefined");
    const stored = await readFile(from);
    if (stored.byteLength !== entry.encodedBytes)
      throw integrity(entry.file, { kind: "byte_count", bytes: entry.encodedBytes }, String(stored.byteLength));
    let decoded: Uint8Array = stored;
    try {
      if (entry.encoding === "gzip") decoded = gunzipSync(stored);
    } catch (error) {
      throw integrity(entry.file, { kind: "gzip" }, error instanceof Error ? error.name : "undefined");
    }
    const digest = createHash("sha256").update(decoded).digest("hex");
    if (digest !== entry.sha256) throw integrity(entry.file, { kind: "sha256", sha256: entry.sha256 }, digest);
    if (target !== source) {
      await mkdir(dirname(join(target, entry.file)), { recursive: true });
      await copyFile(from, join(target, entry.file));
    }
    bytes += stored.byteLength;
  }
  const wanted = new Set(current.files.map((f) => f.file));
  let removed = 0;
  for (const old of previous?.files ?? []) {
    if (wanted.has(old.file)) continue;
    await rm(join(target, old.file), { force: true });
    removed++;
  }
  const manifestBytes = await readFile(join(source, "manifest.json"));
  if (target !== source) await writeFile(join(target, "manifest.json"), manifestBytes);
  return { dir: target, files: current.files.length + 1, bytes: bytes + manifestBytes.byteLength, removed };
}
