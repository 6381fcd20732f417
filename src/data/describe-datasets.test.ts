import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { PROJECT_ROOT } from "../../test/support/real-data.js";
import { describeDatasets } from "./describe-datasets.js";
import { BuildManifest, DatasetDescription, SourcesManifest } from "./schema.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "declics-describe-"));
  temps.push(dir);
  return dir;
};
const sources = SourcesManifest.parse(JSON.parse(readFileSync(join(PROJECT_ROOT, "data", "sources.json"), "utf8")));

describe("describeDatasets", () => {
  it("describes every dataset of data/sources.json, in order, with vintage, validity, accuracy and licence", async () => {
    const described = await describeDatasets({ dir: tempDir() });
    expect(described.map((d) => d.id)).toEqual(sources.datasets.map((d) => d.id));
    for (const d of described) DatasetDescription.parse(d);
    const byId = Object.fromEntries(described.map((d) => [d.id, d]));
    expect(byId.qpv2024?.accuracyM).toBe(10);
    expect(byId["qpv2015-occitanie"]?.accuracyM).toBe(10);
    expect(byId["communes-cog2026"]?.accuracyM).toBe(100);
    expect(byId["zrr-cog2021"]?.validity[0]).toMatchObject({ from: "2017-07-01", until: "2024-06-30" });
    expect(byId["frr-2025-07"]?.licence.verified).toBe(false);
    expect(byId["qpv2015-communes"]?.coverage).toMatch(/Mayotte/);
  });

  it("lists no artefact when data/build is absent", async () => {
    const described = await describeDatasets({ dir: tempDir() });
    expect(described.every((d) => d.artefacts.length === 0)).toBe(true);
  });

  it("property: each artefact is listed under exactly the datasets it was built from", async () => {
    const ids = sources.datasets.map((d) => d.id as string);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.subarray(ids, { minLength: 1 }), { minLength: 1, maxLength: 4 }),
        async (sourceSets) => {
          const dir = tempDir();
          const artefacts: BuildManifest["artefacts"] = {};
          sourceSets.forEach((set, i) => {
            artefacts[`a${i}`] = {
              file: `a${i}.bin`,
              sha256: "0".repeat(64),
              bytes: i + 1,
              builder: "test",
              sources: set.map((id) => ({ id: id as never, millesime: "m", sha256: "s" })),
              formatVersion: 1,
              description: "",
            };
          });
          writeFileSync(join(dir, "manifest.json"), JSON.stringify({ version: 1, artefacts, totalBytes: 0 }));
          const described = await describeDatasets({ dir });
          return described.every((d) =>
            sourceSets.every(
              (set, i) => set.includes(d.id) === d.artefacts.some((a) => a.name === `a${i}` && a.bytes === i + 1),
            ),
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it("reports a missing sources file and bad options", async () => {
    const missing = await describeDatasets({ sourcesFile: join(tempDir(), "sources.json") }).catch((e: unknown) => e);
    expect(isDeclicsError(missing, "data_missing")).toBe(true);
    const bad = await describeDatasets({ dir: "" }).catch((e: unknown) => e);
    expect(isDeclicsError(bad, "invalid_input")).toBe(true);
  });
});
