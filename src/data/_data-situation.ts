import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import { dataMissingAdvice as situationAdvice } from "../_lib/messages/data.js";

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

/** The sentence that says what to do (English; the message table gives it in French too). */
export function dataMissingAdvice(situation: DataSituation): string {
  return `${situationAdvice({ situation }, "en")}.`;
}
