import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLayer } from "../../scripts/build/build-layer.js";
import { COMMUNE_FEATURES, QPV2024_FEATURES } from "./__fixtures__/territory.js";
import { TERRITORY_ARTEFACTS, territoryDataFromBuffers } from "./territory-data-from-buffers.js";

const layerBytes = (features: typeof QPV2024_FEATURES) =>
  buildLayer(features, {
    layer: "t",
    dataset: "t",
    millesime: "t",
    accuracyM: 10,
    coarseDeg: 0.08,
    div: 8,
    marginM: 100,
  }).bytes;

describe("territoryDataFromBuffers", () => {
  it("names the missing artefact", () => {
    expect(() => territoryDataFromBuffers({})).toThrow(
      expect.objectContaining({
        code: "data_missing",
        details: { dataset: TERRITORY_ARTEFACTS.qpv2024, location: TERRITORY_ARTEFACTS.qpv2024, remedy: "pass_bytes" },
      }),
    );
  });

  it("refuses a corrupt layer", () => {
    const files = { [TERRITORY_ARTEFACTS.qpv2024]: new Uint8Array(64) };
    expect(() => territoryDataFromBuffers(files)).toThrow(expect.objectContaining({ code: "data_integrity" }));
  });

  it("decodes layers from unaligned bytes as well as aligned ones (property)", () => {
    const bytes = layerBytes(COMMUNE_FEATURES);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), (shift) => {
        const buffer = new Uint8Array(bytes.length + shift);
        buffer.set(bytes, shift);
        const files = {
          [TERRITORY_ARTEFACTS.qpv2024]: buffer.subarray(shift),
          [TERRITORY_ARTEFACTS.qpv2015]: layerBytes(QPV2024_FEATURES),
          [TERRITORY_ARTEFACTS.communes]: bytes.buffer as ArrayBuffer,
        };
        // The commune table comes last: everything before it decoded.
        expect(() => territoryDataFromBuffers(files)).toThrow(
          expect.objectContaining({
            code: "data_missing",
            details: expect.objectContaining({ dataset: TERRITORY_ARTEFACTS.communeTable }),
          }),
        );
      }),
      { numRuns: 8 },
    );
  });
});
