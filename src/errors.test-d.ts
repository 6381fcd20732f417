import { describe, expectTypeOf, it } from "vitest";
import { DeclicsError, type DeclicsErrorCode, isDeclicsError } from "./errors.js";

describe("DeclicsError types", () => {
  it("types details by code", () => {
    const error = new DeclicsError({
      code: "outside_france",
      module: "territory",
      details: { lon: 0, lat: 0 },
    });
    expectTypeOf(error.details).toEqualTypeOf<{ readonly lon: number; readonly lat: number }>();
    expectTypeOf<"invalid_input">().toExtend<DeclicsErrorCode>();
  });

  it("narrows with isDeclicsError", () => {
    const value: unknown = null;
    if (isDeclicsError(value, "usage")) expectTypeOf(value.details.reason).toBeString();
  });

  it("rejects details of the wrong shape", () => {
    // @ts-expect-error usage details need a reason
    new DeclicsError({ code: "usage", module: "cli", details: { lon: 1 } });
  });
});
