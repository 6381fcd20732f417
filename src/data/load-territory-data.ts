import * as z from "zod/v4";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { DeclicsError, type Expectation } from "../errors.js";
import { dataError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { type TerritoryData, territoryDataFromBuffers } from "../territory/index.js";
import { readBuildManifest } from "./_manifests.js";
import { dataSituation } from "./_data-situation.js";
import { defaultBuildDir, findPackageDir } from "./_paths.js";

// Checked at the boundary; the type below is what callers pass.
const LoadTerritoryDataOptionsSchema = z
  .object({
    /** Directory holding the compiled artefacts and their manifest.json (default: the package's data/build). */
    dir: z.string().min(1).optional(),
    /** Also check every artefact's sha256 against manifest.json (byte sizes are always checked). */
    verify: z.boolean().optional(),
  })
  .strict();
/** Options of {@link loadTerritoryData}. */
export type LoadTerritoryDataOptions = z.infer<typeof LoadTerritoryDataOptionsSchema>;

/**
 * Loads the compiled territory data (QPV polygons, commune contours, commune lists) that ships in the
 * package's `data/build`, ready for `checkEligibility`. Node only; browsers fetch the same files and call
 * `territoryDataFromBuffers` from `declics/territory`.
 *
 * In a bundled Node service (esbuild, a Docker image, a serverless package) the package's data folder is left
 * behind: copy `node_modules/declics/data/build` next to the bundle and pass its path as `dir`.
 *
 * @param options - `dir`: another directory of compiled artefacts, a copy of the package's data/build (default:
 *   the package's own); `verify`: also check every file's sha256 (sizes are always checked)
 * @returns the decoded, indexed territory data
 * @throws {DeclicsError} `invalid_input` for bad options; `data_missing` when data/build/manifest.json or an
 *   artefact it lists is absent, with `details.situation` saying what applies: `"checkout"` (run `npm run
 *   build:data`), `"installed_package"` (reinstall), `"bundled"` (pass `{ dir }`), `"custom_dir"` (the `dir`
 *   given is not a copy of data/build); `data_integrity` when a file's size or checksum differs from the
 *   manifest, or a file is corrupt
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibility } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: new Date("2024-05-01"), data }).status;
 * // => "eligible"
 * ```
 * @category Data
 */
export async function loadTerritoryData(options: LoadTerritoryDataOptions = {}): Promise<TerritoryData> {
  const { dir, verify } = parseWith(LoadTerritoryDataOptionsSchema, options, {
    module: "data",
    what: "loadTerritoryData options",
  });
  const buildDir = dir === undefined ? defaultBuildDir() : resolve(dir);
  const manifest = readBuildManifest(buildDir, dir !== undefined);
  const entries = Object.entries(manifest.artefacts);
  const files: Record<string, Uint8Array> = {};
  await Promise.all(
    entries.map(async ([name, artefact]) => {
      const path = join(buildDir, artefact.file);
      if (!existsSync(path)) {
        const situation = dataSituation(dir !== undefined, findPackageDir());
        throw dataError({
          code: "data_missing",
          module: "data",
          details: { dataset: name, location: path, situation },
        });
      }
      const buffer = await readFile(path);
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      if (bytes.byteLength !== artefact.bytes) {
        throw integrity(name, { kind: "byte_count", bytes: artefact.bytes }, String(bytes.byteLength));
      }
      if (verify === true) {
        const digest = createHash("sha256").update(bytes).digest("hex");
        if (digest !== artefact.sha256) throw integrity(name, { kind: "sha256", sha256: artefact.sha256 }, digest);
      }
      files[artefact.file] = bytes;
    }),
  );
  return territoryDataFromBuffers(files);
}

function integrity(name: string, expected: Expectation, received: string): DeclicsError<"data_integrity"> {
  return dataError({
    code: "data_integrity",
    module: "data",
    details: { dataset: name, expected, received },
  });
}
