import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SAMPLE_RESULT } from "../../test/support/cli-sample-result.js";
import { errorFields, RESULT_COLUMNS, resultFields } from "./result-columns.js";

describe("resultFields / errorFields", () => {
  it("fills the nine columns from an answer", () => {
    expect(resultFields(SAMPLE_RESULT)).toEqual([
      "eligible",
      "QN03107M",
      "Grand Mirail",
      "zrr",
      "not_classified",
      "31555",
      "Toulouse",
      "343",
      "in_qpv|zrr_not_classified",
    ]);
    expect(errorFields("empty_row")).toEqual(["error", "", "", "", "", "", "", "", "empty_row"]);
  });

  it("property: always nine fields; distance is a whole number or empty; reasons are never repeated", () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 1e5, noNaN: true })),
        fc.array(fc.constantFrom("in_qpv", "outside_qpv", "near_qpv_boundary", "zrr_partial" as const), {
          maxLength: 5,
        }),
        (distance, codes) => {
          const fields = resultFields({
            ...SAMPLE_RESULT,
            distanceToBoundaryM: { qpv: distance, commune: null },
            qpv: { ...SAMPLE_RESULT.qpv, distanceToBoundaryM: distance },
            reasons: codes.map((code) => ({ code, message: "" })),
          });
          expect(fields).toHaveLength(RESULT_COLUMNS.length);
          expect(fields[7]).toMatch(/^(\d+)?$/);
          const reasons = fields[8] === "" ? [] : (fields[8] ?? "").split("|");
          expect(new Set(reasons).size).toBe(reasons.length);
          expect(new Set(reasons)).toEqual(new Set(codes));
        },
      ),
    );
  });
});
