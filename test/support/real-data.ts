import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

/** The project root (this file is test/support/real-data.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the official source datasets live: DECLICS_DATA_SOURCES, or ../shared/data beside the project. */
export const SOURCES_DIR = process.env.DECLICS_DATA_SOURCES ?? resolve(PROJECT_ROOT, "..", "shared", "data");

/** Where scripts/build-data.ts writes the compiled artefacts. */
export const BUILD_DIR = resolve(PROJECT_ROOT, "data", "build");

const inCi = process.env.CI === "true" || process.env.CI === "1";

/**
 * Whether a real-data test can run. Outside CI a missing file skips the test; in CI (CI=true) it
 * throws, because missing data there is a failure, not a skip.
 */
export function hasRealData(...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  if (inCi) throw new Error(`Real data missing in CI: ${missing.join(", ")}. Run npm ci (prepare builds data/build).`);
  return false;
}

/** Path of a source file under SOURCES_DIR. */
export function sourcePath(...segments: string[]): string {
  return resolve(SOURCES_DIR, ...segments);
}

/** Path of a compiled artefact under data/build. */
export function buildPath(...segments: string[]): string {
  return resolve(BUILD_DIR, ...segments);
}
