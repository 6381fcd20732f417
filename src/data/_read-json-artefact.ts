import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DeclicsError } from "../errors.js";
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
    throw new DeclicsError({
      code: "data_missing",
      module: "data",
      message: `Artefact ${name} is missing from ${buildDir}. Run \`npm run build:data\`.`,
      details: { dataset: name, location: path },
    });
  }
  const bytes = readFileSync(path);
  if (bytes.byteLength !== artefact.bytes) {
    throw new DeclicsError({
      code: "data_integrity",
      module: "data",
      message: `Artefact ${name} does not match data/build/manifest.json: expected ${artefact.bytes} bytes, received ${bytes.byteLength}. Run \`npm run build:data\`.`,
      details: { dataset: name, expected: `${artefact.bytes} bytes`, received: `${bytes.byteLength} bytes` },
    });
  }
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch (error) {
    throw new DeclicsError({
      code: "data_integrity",
      module: "data",
      message: `Artefact ${name} is not valid JSON. Run \`npm run build:data\`.`,
      details: { dataset: name, expected: "JSON", received: "unparsable text" },
      cause: error,
    });
  }
}
