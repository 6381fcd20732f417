import fc from "fast-check";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isDeclicsError } from "../src/errors.js";
import { SourcesManifest } from "../src/data/schema.js";
import { hasRealData, PROJECT_ROOT, sourcePath } from "../test/support/real-data.js";
import { buildData, type BuildDataOptions, registeredBuilders } from "./build-data.js";
import { RECORD_SCHEMAS } from "./build/record-schemas.js";
import { defineBuilder } from "./build/types.js";

const sources = SourcesManifest.parse(JSON.parse(readFileSync(join(PROJECT_ROOT, "data", "sources.json"), "utf8")));
const SMALL = "qpv2015-occitanie-indicateurs-meta";
const small = sources.datasets.find((d) => d.id === SMALL);
if (small === undefined) throw new Error(`${SMALL} missing from data/sources.json`);
const smallSource = sourcePath(small.file);

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temporary source dir holding a copy of the small dataset (optionally altered), and an output dir. */
function sandbox(alter?: (bytes: Buffer) => Buffer): { sourcesDir: string; outDir: string } {
  const root = mkdtempSync(join(tmpdir(), "declics-build-data-"));
  temps.push(root);
  mkdirSync(join(root, "src"), { recursive: true });
  const target = join(root, "src", small!.file);
  if (alter === undefined) copyFileSync(smallSource, target);
  else writeFileSync(target, alter(readFileSync(smallSource)));
  return { sourcesDir: join(root, "src"), outDir: join(root, "out") };
}

function options(
  dirs: { sourcesDir: string; outDir: string },
  entry: object = small!,
  extra: Partial<BuildDataOptions> = {},
): BuildDataOptions {
  return { ...dirs, manifest: { version: 1, datasets: [entry] }, builders: [], ...extra };
}

async function refusal(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; details?: Record<string, string> };
  }
  throw new Error("expected the build to be refused");
}

describe("data/sources.json", () => {
  it("matches its schema and has a record schema for every dataset", () => {
    expect(sources.datasets.length).toBeGreaterThanOrEqual(10);
    for (const d of sources.datasets) expect(RECORD_SCHEMAS[d.id], d.id).toBeDefined();
  });

  it("states the regime validity dates of DOMAIN.md", () => {
    const validity = (id: string) => sources.datasets.find((d) => d.id === id)?.validity ?? [];
    expect(validity("qpv2024")).toEqual([
      expect.objectContaining({ regime: "qpv2024", area: "mainland", from: "2024-01-01", until: null }),
      expect.objectContaining({ regime: "qpv2024", area: "overseas", from: "2025-01-01", until: null }),
    ]);
    expect(validity("qpv2015-communes")).toEqual([
      expect.objectContaining({ area: "mainland", until: "2023-12-31" }),
      expect.objectContaining({ area: "overseas", until: "2024-12-31" }),
    ]);
    expect(validity("zrr-cog2021")).toEqual([expect.objectContaining({ from: "2017-07-01", until: "2024-06-30" })]);
    expect(validity("frr-2025-07").map((v) => [v.regime, v.from])).toEqual([
      ["frr", "2024-07-01"],
      ["frr_plus", "2025-01-01"],
    ]);
  });

  it("every registered builder has a unique id and reads datasets of the manifest", () => {
    const ids = new Set(sources.datasets.map((d) => d.id as string));
    const builders = registeredBuilders();
    expect(new Set(builders.map((b) => b.id)).size).toBe(builders.length);
    for (const b of builders) for (const d of b.datasets) expect(ids.has(d), `${b.id} reads ${d}`).toBe(true);
  });
});

describe.skipIf(!hasRealData(smallSource))("buildData checks sources against the manifest", () => {
  it("accepts an unchanged file and writes a manifest of the artefacts", async () => {
    const dirs = sandbox();
    const builder = defineBuilder({
      id: "echo",
      datasets: [SMALL],
      build: (ctx) => [
        {
          name: "echo",
          file: "echo.txt",
          bytes: new TextEncoder().encode(String(ctx.rows(SMALL).length)),
          formatVersion: 1,
          description: "row count",
        },
      ],
    });
    const { manifest } = await buildData(options(dirs, small, { builders: [builder] }));
    expect(readFileSync(join(dirs.outDir, "echo.txt"), "utf8")).toBe("44");
    expect(manifest.artefacts.echo).toMatchObject({
      file: "echo.txt",
      bytes: 2,
      builder: "echo",
      sources: [{ id: SMALL, sha256: small.sha256 }],
    });
    expect(manifest.totalBytes).toBe(2);
    expect(JSON.parse(readFileSync(join(dirs.outDir, "manifest.json"), "utf8"))).toEqual(manifest);
  });

  it("refuses a wrong checksum, naming the dataset, the expected and the received sha256", async () => {
    const dirs = sandbox((b) => Buffer.concat([b, Buffer.from("x")]));
    const error = await refusal(buildData(options(dirs)));
    expect(isDeclicsError(error, "data_integrity")).toBe(true);
    expect(error.message).toContain(SMALL);
    expect(error.message).toContain(small.sha256);
    expect(error.details?.received).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(dirs.outDir)).toBe(false);
  });

  it("refuses a wrong row count, naming expected and received", async () => {
    const dirs = sandbox();
    const error = await refusal(buildData(options(dirs, { ...small, count: { unit: "rows", value: 45 } })));
    expect(isDeclicsError(error, "data_integrity")).toBe(true);
    expect(error.message).toMatch(/qpv2015-occitanie-indicateurs-meta .*rows: expected 45 rows, received 44/);
  });

  it("refuses a file whose checksum was updated but which lost a row", async () => {
    const dirs = sandbox((b) => Buffer.from(b.toString("utf8").split("\n").slice(0, -2).join("\n") + "\n"));
    const bytes = readFileSync(join(dirs.sourcesDir, small.file));
    const { createHash } = await import("node:crypto");
    const entry = { ...small, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength };
    const error = await refusal(buildData(options(dirs, entry)));
    expect(error.message).toMatch(/expected 44 rows, received 43/);
  });

  it("refuses an invalid record, naming the row and the field", async () => {
    const dirs = sandbox();
    const strict = { [SMALL]: RECORD_SCHEMAS[SMALL]!.refine(() => false, "never") };
    const error = await refusal(buildData(options(dirs, small, { recordSchemas: strict })));
    expect(isDeclicsError(error, "data_integrity")).toBe(true);
    // The first invalid record is named (row 1), with the count of invalid records.
    expect(error.message).toMatch(/: 1: .*\(44 \/ 44\)/);
  });

  it("refuses a missing file and a malformed manifest", async () => {
    const dirs = sandbox();
    const missing = await refusal(buildData(options(dirs, { ...small, file: "nowhere.csv" })));
    expect(isDeclicsError(missing, "data_missing")).toBe(true);
    expect(missing.message).toContain("nowhere.csv");
    const malformed = await refusal(buildData(options(dirs, { ...small, sha256: "abc" })));
    expect(isDeclicsError(malformed, "invalid_input")).toBe(true);
    expect(malformed.message).toContain("datasets.0.sha256");
  });

  it("property: flipping any byte of a source file is refused", async () => {
    const original = readFileSync(smallSource);
    await fc.assert(
      fc.asyncProperty(fc.nat(original.byteLength - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const dirs = sandbox((b) => {
          const copy = Buffer.from(b);
          copy[at] = (copy[at] ?? 0) ^ xor;
          return copy;
        });
        const error = await refusal(buildData(options(dirs)));
        return isDeclicsError(error, "data_integrity") && error.message.includes("sha256");
      }),
      { numRuns: 15 },
    );
  });
});

describe("npm run build:data", () => {
  it("exits non-zero with a message naming the dataset when a source is missing", () => {
    const empty = mkdtempSync(join(tmpdir(), "declics-empty-sources-"));
    temps.push(empty);
    const run = spawnSync(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "scripts", "build-data.ts")], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DECLICS_DATA_SOURCES: empty },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /build:data failed — data_missing: Data qpv2024 is missing: .* not found\. Set DECLICS_DATA_SOURCES/,
    );
  });
});

describe.skipIf(!hasRealData(sourcePath("frr-communes-2025-07.csv")))("the official source files", () => {
  it("all match data/sources.json (size and sha256)", async () => {
    const { createHash } = await import("node:crypto");
    for (const d of sources.datasets) {
      const bytes = readFileSync(sourcePath(d.file));
      expect(bytes.byteLength, d.id).toBe(d.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), d.id).toBe(d.sha256);
    }
  });
});
