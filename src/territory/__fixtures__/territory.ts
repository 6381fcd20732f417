import { buildLayer, type LayerFeatureInput } from "../../../scripts/build/build-layer.js";
import { decodeLayer } from "../_layer.js";
import type { CommuneRecord, FrrStatus, Qpv2015CommuneStatus, ResolvedCommune, ZrrStatus } from "../commune-table.js";
import { makeTerritoryData, type TerritoryCommuneTable } from "../_territory-internals.js";
import type { TerritoryData } from "../territory-data-from-buffers.js";

/**
 * A hand-made territory for unit tests: two mainland communes side by side (A 31001 not classified, B 31002
 * classified ZRR/FRR), one overseas commune (C 97101, partially classified), QPVs with a hole, a multipolygon and
 * a self-intersecting bow-tie. No real data.
 */

const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

export const COMMUNE_FEATURES: LayerFeatureInput[] = [
  { code: "31001", name: "Alphaville", polygons: [[square(1.0, 45.0, 1.1, 45.1)]] },
  { code: "31002", name: "Bétaville", polygons: [[square(1.1, 45.0, 1.2, 45.1)]] },
  { code: "97101", name: "Gammaville", polygons: [[square(-61.6, 16.1, -61.4, 16.3)]] },
];

export const QPV2024_FEATURES: LayerFeatureInput[] = [
  // A square with a hole, in A.
  {
    code: "QN03101M",
    name: "Quartier troué",
    communes: ["31001"],
    polygons: [[square(1.02, 45.02, 1.06, 45.06), square(1.035, 45.035, 1.045, 45.045)]],
  },
  // Two separate parts, in B.
  {
    code: "QN03102M",
    name: "Quartier en deux",
    communes: ["31002"],
    polygons: [[square(1.12, 45.01, 1.13, 45.02)], [square(1.14, 45.01, 1.15, 45.02)]],
  },
  // A self-intersecting bow-tie, in B: two triangles meeting at (1.17, 45.075).
  {
    code: "QN03103M",
    name: "Nœud papillon",
    communes: ["31002"],
    polygons: [
      [
        [
          [1.15, 45.06],
          [1.19, 45.09],
          [1.19, 45.06],
          [1.15, 45.09],
          [1.15, 45.06],
        ],
      ],
    ],
  },
  // Overseas.
  {
    code: "QN97101M",
    name: "Quartier outre-mer",
    communes: ["97101"],
    polygons: [[square(-61.55, 16.15, -61.5, 16.2)]],
  },
];

export const QPV2015_FEATURES: LayerFeatureInput[] = [
  { code: "QP031001", name: "Ancien quartier", communes: ["31001"], polygons: [[square(1.03, 45.03, 1.07, 45.07)]] },
];

const RECORDS: Record<string, CommuneRecord> = {
  "31001": { codeInsee: "31001", name: "Alphaville", departement: "31" },
  "31002": { codeInsee: "31002", name: "Bétaville", departement: "31" },
  "97101": { codeInsee: "97101", name: "Gammaville", departement: "971" },
};
const ZRR: Record<string, ZrrStatus> = {
  "31001": { classification: "NC", label: "NC - Commune non classée" },
  "31002": { classification: "C", label: "C - Classée en ZRR" },
  "97101": { classification: "P", label: "P - Commune partiellement classée en ZRR" },
};
const FRR: Record<string, FrrStatus> = {
  "31001": { classification: "non_classee", label: "Non classée" },
  "31002": { classification: "frr_socle", label: "FRR socle" },
  "97101": { classification: "non_classee", label: "Non classée" },
};
const QPV2015: Record<string, Qpv2015CommuneStatus> = {
  "31001": { coverage: "covered", qpvCodes: ["QP031001"] },
  "31002": { coverage: "covered", qpvCodes: ["QP031099"] },
  "97101": { coverage: "covered", qpvCodes: [] },
};
const QPV2024: Record<string, readonly string[]> = {
  "31001": ["QN03101M"],
  "31002": ["QN03102M", "QN03103M"],
  "97101": ["QN97101M"],
};

export const fixtureCommuneTable: TerritoryCommuneTable = {
  size: 3,
  sources: {
    communes: "fixture",
    zrr: { id: "zrr-cog2021", millesime: "ZRR fixture" },
    frr: { id: "frr-2025-07", millesime: "FRR fixture" },
    qpv2015: { id: "qpv2015-communes", millesime: "QPV 2015 fixture" },
    qpv2024: { id: "qpv2024", millesime: "QPV 2024 fixture" },
  },
  resolve(code: string): ResolvedCommune | undefined {
    const record = RECORDS[code];
    if (record !== undefined) return { commune: record };
    if (code === "31999") return { commune: RECORDS["31001"]!, mappedFrom: { code, reason: "ancien_code" } };
    return undefined;
  },
  byPostcode(postcode: string): readonly CommuneRecord[] {
    if (postcode === "31000") return [RECORDS["31001"]!];
    if (postcode === "31100") return [RECORDS["31001"]!, RECORDS["31002"]!];
    if (postcode === "31200") return [RECORDS["31002"]!, RECORDS["31002"]!];
    return [];
  },
  zrr: (code) => ZRR[code],
  frr: (code) => FRR[code],
  qpv2015: (code) => QPV2015[code] ?? { coverage: "covered", qpvCodes: [] },
  qpv2024: (code) => QPV2024[code] ?? [],
};

const grid = { coarseDeg: 0.08, div: 8, marginM: 100, checkValidity: true } as const;

/** Compiles the fixture layers (a few milliseconds) and assembles the territory data. */
export function fixtureTerritoryData(): TerritoryData {
  const layer = (name: string, features: LayerFeatureInput[], accuracyM: number) =>
    decodeLayer(
      buildLayer(features, { layer: name, dataset: name, millesime: `${name} fixture`, accuracyM, ...grid }).bytes,
      name,
    );
  const communes = layer("communes", COMMUNE_FEATURES, 100);
  return makeTerritoryData({
    qpv2024: layer("qpv2024", QPV2024_FEATURES, 10),
    qpv2015: layer("qpv2015-occitanie", QPV2015_FEATURES, 10),
    communes,
    communeTable: fixtureCommuneTable,
    communeCodes: communes.header.codes,
  });
}
