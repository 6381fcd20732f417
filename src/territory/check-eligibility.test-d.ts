import { describe, expectTypeOf, it } from "vitest";
import { checkEligibility } from "./check-eligibility.js";
import type { EligibilityResult } from "./schema.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

declare const data: TerritoryData;
const on = new Date("2024-05-01");

describe("checkEligibility overloads", () => {
  it("is synchronous for points, Lambert-93 points, codes and postcodes", () => {
    expectTypeOf(checkEligibility({ lon: 1.4, lat: 43.6 }, { on, data })).toEqualTypeOf<EligibilityResult>();
    expectTypeOf(checkEligibility({ x: 574000, y: 6279000 }, { on, data })).toEqualTypeOf<EligibilityResult>();
    expectTypeOf(checkEligibility({ codeInsee: "31555" }, { on, data })).toEqualTypeOf<EligibilityResult>();
    expectTypeOf(checkEligibility({ postcode: "31100" }, { on, data })).toEqualTypeOf<EligibilityResult>();
  });

  it("returns a Promise for an address", () => {
    expectTypeOf(checkEligibility({ address: "1 rue de Metz, Toulouse" }, { on, data })).toEqualTypeOf<
      Promise<EligibilityResult>
    >();
  });
});
