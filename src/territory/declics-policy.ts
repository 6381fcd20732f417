import type { EligibilityPolicy } from "./schema.js";

/**
 * The DéClics Numériques eligibility policy (DOMAIN.md), as data: a person qualifies when their home is in a
 * QPV, in a commune classified ZRR (C) while ZRR was in force (2017-07-01 to 2024-06-30), or in a commune
 * classified FRR socle, FRR+ or FRR bénéficiaire while FRR is in force (from 2024-07-01). Partially classified
 * communes are uncertain. QPV and commune tolerances come from the datasets' stated accuracy (10 m for the
 * simplified QPV perimeters, 100 m for the commune contours); geocoder hits must be house numbers scoring at
 * least 0.8 (the rule of les emplois de l'inclusion).
 *
 * Other programmes pass their own policy to `checkEligibility` (spread this one and change what differs).
 *
 * @example
 * ```ts
 * import { DECLICS_POLICY } from "declics/territory";
 *
 * const strict = { ...DECLICS_POLICY, name: "QPV seulement", zrr: [], frr: [] };
 * strict.qpv;
 * // => true
 * ```
 * @category Eligibility
 */
export const DECLICS_POLICY: EligibilityPolicy = Object.freeze({
  name: "DéClics Numériques",
  qpv: true,
  zrr: Object.freeze(["C"]) as EligibilityPolicy["zrr"],
  frr: Object.freeze(["frr_socle", "frr_plus", "frr_beneficiaire"]) as EligibilityPolicy["frr"],
  qpvToleranceM: "dataset",
  communeToleranceM: "dataset",
  geocoderMinScore: 0.8,
  geocoderAcceptedTypes: Object.freeze(["housenumber"]) as EligibilityPolicy["geocoderAcceptedTypes"],
});
