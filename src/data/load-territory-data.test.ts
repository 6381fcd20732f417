import fc from "fast-check";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { pathToFileURL } from "node:url";
import { type DeclicsError, isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";

import { BUILD_DIR, buildPath, hasRealData } from "../../test/support/real-data.js";
import { internalsOf } from "../territory/_territory-internals.js";
import { loadTerritoryData } from "./load-territory-data.js";
import { BuildManifest } from "./schema.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "declics-load-"));
  temps.push(dir);
  return dir;
};

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("loadTerritoryData", () => {
  it("rejects bad options, naming the field", async () => {
    const error = await failure(loadTerritoryData({ dir: 3 } as never));
    expect(isDeclicsError(error, "invalid_input")).toBe(true);
    expect(error.message).toContain("dir");
    expect(isDeclicsError(await failure(loadTerritoryData({ folder: "x" } as never)), "invalid_input")).toBe(true);
  });

  it("says the dir given holds no compiled data when it is missing there (situation custom_dir)", async () => {
    const dir = tempDir();
    const error = await failure(loadTerritoryData({ dir }));
    expect(isDeclicsError(error, "data_missing")).toBe(true);
    expect(error.message).toContain(join(dir, "manifest.json"));
    expect((error as DeclicsError<"data_missing">).details.situation).toBe("custom_dir");
    expect(error.message).toContain("data/build");
    expect(error.message).not.toContain("npm run build:data");
  });

  it("from a bundle that left the package's data behind (esbuild), says to pass { dir } (issue #11)", async () => {
    // The situation of a bundled Node service: the loader is inlined into one file far from the package.
    const out = tempDir();
    await build({
      stdin: {
        contents: `export { loadTerritoryData } from ${JSON.stringify(join(process.cwd(), "src/data/index.ts"))};`,
        resolveDir: process.cwd(),
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: join(out, "service.mjs"),
      logLevel: "silent",
      external: ["zod", "zod/*", "flatbush", "date-fns", "@date-fns/*"],
    });
    const bundled = (await import(pathToFileURL(join(out, "service.mjs")).href)) as {
      loadTerritoryData: typeof loadTerritoryData;
    };
    const error = await failure(bundled.loadTerritoryData());
    expect((error as DeclicsError<"data_missing">).code).toBe("data_missing");
    expect((error as DeclicsError<"data_missing">).details.situation).toBe("bundled");
    expect(error.message).toContain("loadTerritoryData({ dir })");
    expect(error.message).not.toContain("npm run build:data");
  });

  it("names an artefact the manifest lists but the directory lacks", async () => {
    const dir = tempDir();
    const manifest: BuildManifest = {
      version: 1,
      totalBytes: 4,
      artefacts: {
        "commune-table": {
          file: "commune-table.json",
          sha256: "0".repeat(64),
          bytes: 4,
          builder: "x",
          sources: [],
          formatVersion: 1,
          description: "",
        },
      },
    };
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    const error = await failure(loadTerritoryData({ dir }));
    expect(isDeclicsError(error, "data_missing")).toBe(true);
    expect(error.message).toContain("commune-table.json");
    expect((error as DeclicsError<"data_missing">).details.situation).toBe("custom_dir");
  });

  it("refuses a corrupt manifest", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "manifest.json"), "{ not json");
    expect(isDeclicsError(await failure(loadTerritoryData({ dir })), "data_integrity")).toBe(true);
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ version: 2 }));
    expect(isDeclicsError(await failure(loadTerritoryData({ dir })), "data_integrity")).toBe(true);
  });

  it("property: any directory without compiled data is reported as missing, never half-loaded", async () => {
    const root = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9-]{1,12}$/), async (name) => {
        const error = await failure(loadTerritoryData({ dir: join(root, name) }));
        return isDeclicsError(error, "data_missing");
      }),
      { numRuns: 20 },
    );
  });
});

const manifestFile = buildPath("manifest.json");

describe.skipIf(!hasRealData(manifestFile))("loadTerritoryData on the compiled data", () => {
  const copyBuild = (alter?: (file: string, bytes: Buffer) => Buffer): string => {
    const dir = tempDir();
    const manifest = BuildManifest.parse(JSON.parse(readFileSync(manifestFile, "utf8")));
    copyFileSync(manifestFile, join(dir, "manifest.json"));
    for (const a of Object.values(manifest.artefacts)) {
      const bytes = readFileSync(join(BUILD_DIR, a.file));
      writeFileSync(join(dir, a.file), alter ? alter(a.file, bytes) : bytes);
    }
    return dir;
  };

  it("loads the package's data/build by default, with the commune lists", async () => {
    const data = await loadTerritoryData();
    const { communeTable } = internalsOf(data);
    expect(communeTable.resolve("75118")?.commune.codeInsee).toBe("75056");
    expect(communeTable.frr("48095")?.label).toBe("FRR socle");
    expect(data.datasets.frr.dataset).toBe("frr-2025-07");
    expect(data.zoneCounts.qpv2024).toBeGreaterThan(1500);
  });

  it("refuses a truncated artefact, and with verify a changed one", async () => {
    const truncated = copyBuild((file, bytes) =>
      file === "commune-table.json" ? bytes.subarray(0, bytes.byteLength - 1) : bytes,
    );
    const error = await failure(loadTerritoryData({ dir: truncated }));
    expect(isDeclicsError(error, "data_integrity")).toBe(true);
    expect(error.message).toMatch(/commune-table.*expected \d+ bytes, received \d+\./);
    expect(formatDeclicsError(error as DeclicsError, { language: "fr" })).toMatch(
      /commune-table.*attendu \d+ octets, reçu \d+\./,
    );

    const flipped = copyBuild((file, bytes) => {
      if (file !== "commune-table.json") return bytes;
      const copy = Buffer.from(bytes);
      const at = copy.indexOf("Toulouse");
      copy[at] = "G".charCodeAt(0);
      return copy;
    });
    const verified = await failure(loadTerritoryData({ dir: flipped, verify: true }));
    expect(isDeclicsError(verified, "data_integrity")).toBe(true);
    expect(verified.message).toContain("sha256");
  });
});
