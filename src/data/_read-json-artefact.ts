import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataError } from "./_errors.js";
import { readBuildManifest } from "./_manifests.js";

/**
 * Reads a compiled JSON artefact of `buildDir` after checking it against data/build/manifest.json (present,
 * same size). Throws `data_missing` (saying to run `npm run build:data`) or `data_integrity`.
 */
export function readJsonArtefact(buildDir: string, name: string): unknown {
  const manifest = readBuildManifest(buildDir);
  const artefact = manifest.artefacts[name];
  const path = join(buildDir, artefact?.file ?? `${name}.json`);
  if (artefact === undefined || !existsSync(path)) {
    throw dataError({
      code: "data_missing",
      module: "data",
      details: { dataset: name, location: path, remedy: "build_data" },
    });
  }
  const bytes = readFileSync(path);
  if (bytes.byteLength !== artefact.bytes) {
    throw dataError({
      code: "data_integrity",
      module: "data",
      details: {
        dataset: name,
        expected: { kind: "byte_count", bytes: artefact.bytes },
        received: String(bytes.byteLength),
      },
    });
  }
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch (error) {
    throw dataError({
      code: "data_integrity",
      module: "data",
      details: {
        dataset: name,
        expected: { kind: "json" },
        received: error instanceof Error ? error.name : "undefined",
      },
      cause: error,
    });
  }
}
