import type { EligibilityResult } from "../../src/territory/index.js";

/** A realistic answer (Reynerie, Toulouse, 2024-05-01) for the CLI's formatting tests. */
export const SAMPLE_RESULT: EligibilityResult = {
  status: "eligible",
  on: "2024-05-01",
  point: { lon: 1.4025, lat: 43.5712 },
  territoryKind: "qpv",
  bases: [
    { kind: "qpv", code: "QN03107M", name: "Grand Mirail", regime: "qpv2024", dataset: "qpv2024", millesime: "2024" },
  ],
  commune: { codeInsee: "31555", name: "Toulouse", foundBy: "point_in_polygon" },
  qpv: {
    regime: "qpv2024",
    status: "inside",
    zone: { code: "QN03107M", name: "Grand Mirail" },
    distanceToBoundaryM: 342.6,
  },
  rural: { regime: "zrr", status: "not_classified", classification: "NC - Commune non classée" },
  distanceToBoundaryM: { qpv: 342.6, commune: null },
  reasons: [
    {
      code: "in_qpv",
      regime: "qpv2024",
      message: "L'adresse est dans le QPV QN03107M « Grand Mirail » (géographie prioritaire 2024).",
    },
    { code: "zrr_not_classified", regime: "zrr", message: "La commune Toulouse n'est pas classée ZRR." },
  ],
};
