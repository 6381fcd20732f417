import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SourceDataset } from "../../src/data/schema.js";
import { decodeLayer } from "../../src/territory/_layer.js";
import { POLYGON_ARTEFACTS, polygonLayers } from "./polygon-layers.js";
import type { BuildContext, SourceFeature } from "./types.js";

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const feature = (properties: Record<string, unknown>, coordinates: number[][][]): SourceFeature => ({
  type: "Feature",
  properties,
  geometry: { type: "Polygon", coordinates },
});

const FEATURES: Record<string, SourceFeature[]> = {
  qpv2024: [
    feature({ code_qp: "QN03101M", lib_qp: "Un", insee_com: "31001, 31002" }, square(1.02, 45.02, 1.06, 45.06)),
    // A bow-tie: reported, kept.
    feature({ code_qp: "QN03102M", lib_qp: "Deux", insee_com: "31002" }, [
      [
        [1.15, 45.06],
        [1.19, 45.09],
        [1.19, 45.06],
        [1.15, 45.09],
        [1.15, 45.06],
      ],
    ]),
  ],
  "qpv2015-occitanie": [
    feature({ code_qp: "QP031001", nom_qp: "Ancien", code_commune: "31001" }, square(1.03, 45.03, 1.07, 45.07)),
  ],
  "communes-cog2026": [
    feature({ code: "31001", nom: "A" }, square(1.0, 45.0, 1.1, 45.1)),
    feature({ code: "31002", nom: "B" }, square(1.1, 45.0, 1.2, 45.1)),
  ],
};

function context(reports: string[]): BuildContext {
  return {
    dataset: (id) =>
      ({
        id,
        title: `Titre ${id}`,
        millesime: `m-${id}`,
        accuracyM: id === "communes-cog2026" ? 100 : 10,
      }) as unknown as SourceDataset,
    path: (id) => id,
    bytes: () => new Uint8Array(),
    features: <P>(id: string) => FEATURES[id] as unknown as readonly SourceFeature<P>[],
    rows: () => [],
    report: (message) => reports.push(message),
  };
}

describe("polygonLayers builder", () => {
  it("writes the three layers with their provenance and reports what it found", async () => {
    const reports: string[] = [];
    const artefacts = await polygonLayers.build(context(reports));
    expect(artefacts.map((a) => a.file)).toEqual([
      POLYGON_ARTEFACTS.qpv2024,
      POLYGON_ARTEFACTS.qpv2015,
      POLYGON_ARTEFACTS.communes,
    ]);
    expect(reports[0]).toMatch(/qpv2024: 2 polygons.*1 self-intersecting polygons kept/);
    const qpv = decodeLayer(artefacts[0]!.bytes, "qpv");
    expect(qpv.header).toMatchObject({
      dataset: "qpv2024",
      millesime: "m-qpv2024",
      accuracyM: 10,
      codes: ["QN03101M", "QN03102M"],
    });
    expect(qpv.header.communes[0]).toEqual(["31001", "31002"]);
    const communes = decodeLayer(artefacts[2]!.bytes, "communes");
    expect(communes.header.accuracyM).toBe(100);
  });

  it("compiles layers whose point answers match the source squares (property)", async () => {
    const artefacts = await polygonLayers.build(context([]));
    const communes = decodeLayer(artefacts[2]!.bytes, "communes");
    fc.assert(
      fc.property(
        fc.double({ min: 1.0001, max: 1.1999, noNaN: true }),
        fc.double({ min: 45.0001, max: 45.0999, noNaN: true }),
        (lon, lat) => {
          fc.pre(Math.abs(lon - 1.1) > 1e-6);
          expect(communes.header.codes[communes.locate(lon * 1e6, lat * 1e6)]).toBe(lon < 1.1 ? "31001" : "31002");
        },
      ),
    );
  });
});
