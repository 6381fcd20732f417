import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECLICS_POLICY } from "./declics-policy.js";
import { EligibilityPolicy } from "./schema.js";

describe("DECLICS_POLICY", () => {
  it("is a valid policy with the DOMAIN.md rules", () => {
    expect(EligibilityPolicy.parse(DECLICS_POLICY)).toEqual(DECLICS_POLICY);
    expect(DECLICS_POLICY).toMatchObject({
      qpv: true,
      zrr: ["C"],
      frr: ["frr_socle", "frr_plus", "frr_beneficiaire"],
      geocoderMinScore: 0.8,
      geocoderAcceptedTypes: ["housenumber"],
    });
  });

  it("is frozen: customise by spreading", () => {
    expect(Object.isFrozen(DECLICS_POLICY)).toBe(true);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), (tolerance) => {
        const custom = { ...DECLICS_POLICY, qpvToleranceM: tolerance };
        expect(EligibilityPolicy.safeParse(custom).success).toBe(true);
        expect(DECLICS_POLICY.qpvToleranceM).toBe("dataset");
      }),
    );
  });
});
