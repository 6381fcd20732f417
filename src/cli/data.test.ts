import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DatasetDescription } from "../data/index.js";
import { formatDatasets, runData } from "./data.js";

const dataset: DatasetDescription = {
  id: "qpv2024",
  title: "QPV 2024",
  file: "qpv-2024-simplified.geojson",
  millesime: "2024",
  cog: 2024,
  validity: [{ regime: "qpv2024", area: "mainland", from: "2024-01-01", until: null, basis: "décret 2023-1314" }],
  coverage: "France entière",
  accuracyM: 10,
  licence: { name: "Licence Ouverte 2.0", url: null, verified: true },
  officialUrl: "https://www.data.gouv.fr/",
  official: false,
  origin: { repo: "example/repo", path: "data/qpv.geojson", commit: "0".repeat(40) },
  sha256: "a".repeat(64),
  count: { unit: "features", value: 1609 },
  notes: [],
  artefacts: [{ name: "qpv2024", file: "qpv2024.layer.bin", bytes: 2048 }],
};

describe("formatDatasets / runData", () => {
  it("shows vintage, validity, coverage, accuracy, count, licence, checksum and artefacts", () => {
    const text = formatDatasets([dataset], "fr");
    expect(text).toContain("qpv2024 — QPV 2024");
    expect(text).toContain("Millésime : 2024 (COG 2024)");
    expect(text).toContain("Validité : qpv2024 (mainland) 2024-01-01 → en vigueur");
    expect(text).toContain("Précision : 10 m");
    expect(text).toContain(`SHA-256 : ${"a".repeat(64)}`);
    expect(text).toContain("qpv2024.layer.bin (2 KiB)");
    expect(formatDatasets([{ ...dataset, accuracyM: null, artefacts: [] }], "en")).toContain(
      "Compiled into: not compiled",
    );
  });

  it("prints JSON on request", async () => {
    let written = "";
    const stdout = new Writable({
      write(chunk: Buffer, _e, done) {
        written += chunk.toString();
        done();
      },
    });
    expect(await runData({ json: true, lang: "fr" }, { stdout, describe: async () => [dataset] })).toBe(0);
    expect(JSON.parse(written)).toEqual([dataset]);
  });

  it("property: one block per dataset", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { maxLength: 6 }), (ids) => {
        const text = formatDatasets(
          ids.map((id) => ({ ...dataset, id })),
          "fr",
        );
        expect(text === "" ? 0 : text.split("\n\n").length).toBe(ids.length);
      }),
    );
  });
});
