import { existsSync } from "node:fs";
import { join, sep } from "node:path";

/**
 * Where the compiled data was looked for, so that a `data_missing` error gives the advice that applies: in a
 * checkout of the project, build it; in an installed package, reinstall; in a bundle that left the package's
 * data folder behind, pass `{ dir }`; with a `dir` given, check that folder.
 * @module
 */

/** The situation of a missing data folder (in `details.situation` of `data_missing`). */
export type DataSituation = "checkout" | "installed_package" | "bundled" | "custom_dir";

/**
 * Classifies where the code runs from.
 * @param explicitDir - whether the caller gave the data directory (`loadTerritoryData({ dir })`)
 * @param packageDir - the package directory found from this module, or null when there is none (a bundle)
 */
export function dataSituation(explicitDir: boolean, packageDir: string | null): DataSituation {
  if (explicitDir) return "custom_dir";
  if (packageDir === null) return "bundled";
  if (`${packageDir}${sep}`.includes(`${sep}node_modules${sep}`)) return "installed_package";
  // Only a checkout has the build script: the npm tarball ships dist/ and data/ alone.
  return existsSync(join(packageDir, "scripts", "build-data.ts")) ? "checkout" : "installed_package";
}

const ADVICE: Record<DataSituation, string> = {
  checkout: "Run `npm run build:data` (it needs the official source files, see docs/data.md).",
  installed_package:
    "The installed package is incomplete (its data/build ships in the npm tarball): reinstall declics (`npm ci`, or `npm install declics`).",
  bundled:
    "This code runs from a bundle (esbuild, Docker, serverless) without the package's data folder: " +
    "copy node_modules/declics/data/build next to it and pass `loadTerritoryData({ dir })`, " +
    "or leave declics external to the bundle (see docs/data.md).",
  custom_dir:
    "The `dir` given must be a copy of the package's data/build folder (manifest.json and the artefacts it lists).",
};

/** The sentence that says what to do, in the style of the existing data messages. */
export function dataMissingAdvice(situation: DataSituation): string {
  return ADVICE[situation];
}
