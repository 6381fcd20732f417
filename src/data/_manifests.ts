import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataError } from "./_errors.js";
import { integrityOf, toInputIssues } from "../_lib/parse.js";
import { dataSituation } from "./_data-situation.js";
import { findPackageDir } from "./_paths.js";
import { BuildManifest, SourcesManifest } from "./schema.js";

function readJson(file: string, dataset: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw dataError({
      code: "data_integrity",
      module: "data",
      details: { dataset, expected: { kind: "json" }, received: error instanceof Error ? error.name : "undefined" },
      cause: error,
    });
  }
}

function checked<S extends typeof BuildManifest | typeof SourcesManifest>(
  schema: S,
  value: unknown,
  file: string,
  dataset: string,
) {
  const result = schema.safeParse(value);
  if (result.success) return result.data as S["_output"];
  throw dataError({
    code: "data_integrity",
    module: "data",
    details: { dataset, ...integrityOf(toInputIssues(result.error, value)[0]) },
  });
}

/**
 * data/build/manifest.json of `dir`; throws data_missing when absent, with the advice for where the code runs
 * (`explicitDir`: the caller gave `dir`).
 */
export function readBuildManifest(dir: string, explicitDir = false): BuildManifest {
  const file = join(dir, "manifest.json");
  if (!existsSync(file)) {
    const situation = dataSituation(explicitDir, findPackageDir());
    throw dataError({
      code: "data_missing",
      module: "data",
      details: { dataset: "manifest.json", location: file, situation },
    });
  }
  return checked(BuildManifest, readJson(file, "manifest.json"), file, "manifest.json");
}

/** The build manifest when present, else null (for descriptions of a package without data/build). */
export function readBuildManifestIfPresent(dir: string): BuildManifest | null {
  return existsSync(join(dir, "manifest.json")) ? readBuildManifest(dir) : null;
}

/** data/sources.json. */
export function readSourcesManifest(file: string): SourcesManifest {
  if (!existsSync(file)) {
    throw dataError({
      code: "data_missing",
      module: "data",
      details: { dataset: "sources.json", location: file, remedy: "reinstall" },
    });
  }
  return checked(SourcesManifest, readJson(file, "sources.json"), file, "sources.json");
}
