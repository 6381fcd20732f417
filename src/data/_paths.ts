import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package directory: the nearest ancestor of this module holding data/sources.json. Walking up works
 * from src/data (tests), dist/data, dist/cli and any shared chunk of dist alike, in ESM and in CJS (tsup
 * shims import.meta.url there). Null when no ancestor has it: the code runs from a bundle (esbuild, a
 * serverless package, a Docker image) that left the package's data folder behind.
 */
export function findPackageDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "data", "sources.json"))) return dir;
    const parent = resolve(dir, "..");
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** The package directory ({@link findPackageDir}), or the best guess two levels above this module. */
export function packageDir(): string {
  return findPackageDir() ?? resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** Default directory of the compiled artefacts. */
export function defaultBuildDir(): string {
  return join(packageDir(), "data", "build");
}

/** Default sources manifest. */
export function defaultSourcesFile(): string {
  return join(packageDir(), "data", "sources.json");
}
