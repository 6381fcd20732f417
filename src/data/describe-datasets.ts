import { resolve } from "node:path";
import { parseWith } from "../_lib/parse.js";
import { readBuildManifestIfPresent, readSourcesManifest } from "./_manifests.js";
import { defaultBuildDir, defaultSourcesFile } from "./_paths.js";
import * as z from "zod/v4";
import type { DatasetDescription } from "./schema.js";

// Checked at the boundary; the type below is what callers pass.
const DescribeDatasetsOptionsSchema = z
  .object({
    /** The data/sources.json to describe (default: the package's). */
    sourcesFile: z.string().min(1).optional(),
    /** Directory of the compiled artefacts (default: the package's data/build). */
    dir: z.string().min(1).optional(),
  })
  .strict();
/** Options of {@link describeDatasets}. */
export type DescribeDatasetsOptions = z.infer<typeof DescribeDatasetsOptionsSchema>;

/**
 * Describes every dataset behind the bundled territory data: what it is, its vintage (millésime), when the
 * regime built on it is in force, what it covers, its positional accuracy, its licence and checksum, and the
 * compiled artefacts made from it (with their sizes). This is what `declics data` prints.
 *
 * @param options - `sourcesFile`: another data/sources.json; `dir`: another directory of compiled artefacts
 * @returns one description per dataset of data/sources.json, in manifest order (`artefacts` is empty when
 *   data/build has not been built)
 * @throws {DeclicsError} `invalid_input` for bad options; `data_missing` when data/sources.json is absent;
 *   `data_integrity` when a manifest does not match its schema
 * @example
 * ```ts
 * import { describeDatasets } from "declics/data";
 *
 * const frr = (await describeDatasets()).find((d) => d.id === "frr-2025-07");
 * frr?.validity[0]?.from;
 * // => "2024-07-01"
 * ```
 * @category Data
 */
export async function describeDatasets(options: DescribeDatasetsOptions = {}): Promise<DatasetDescription[]> {
  const parsed = parseWith(DescribeDatasetsOptionsSchema, options, {
    module: "data",
    what: "describeDatasets options",
  });
  const sources = readSourcesManifest(
    parsed.sourcesFile === undefined ? defaultSourcesFile() : resolve(parsed.sourcesFile),
  );
  const build = readBuildManifestIfPresent(parsed.dir === undefined ? defaultBuildDir() : resolve(parsed.dir));
  const artefacts = Object.entries(build?.artefacts ?? {});
  return sources.datasets.map((d) => ({
    id: d.id,
    title: d.title,
    file: d.file,
    millesime: d.millesime,
    cog: d.cog,
    validity: d.validity,
    coverage: d.coverage,
    accuracyM: d.accuracyM,
    licence: d.licence,
    officialUrl: d.officialUrl,
    official: d.official,
    origin: d.origin,
    sha256: d.sha256,
    count: d.count,
    notes: d.notes,
    artefacts: artefacts
      .filter(([, a]) => a.sources.some((s) => s.id === d.id))
      .map(([name, a]) => ({ name, file: a.file, bytes: a.bytes })),
  }));
}
