import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/v4";
import { isDeclicsError } from "../errors.js";
import { describeValue, parseWith, safeParseWith } from "./parse.js";

const Person = z.object({ name: z.string(), age: z.number().int().min(0), kind: z.enum(["qpv", "zrr"]) });
const context = { module: "diversity", what: "person" } as const;

describe("parseWith", () => {
  it("returns the parsed value", () => {
    expect(parseWith(Person, { name: "Awa", age: 31, kind: "qpv" }, context)).toEqual({
      name: "Awa",
      age: 31,
      kind: "qpv",
    });
  });

  it("throws invalid_input naming the field, what was expected and what arrived", () => {
    try {
      parseWith(Person, { name: "Awa", age: "31", kind: "frr" }, context);
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
      if (!isDeclicsError(error, "invalid_input")) return;
      expect(error.module).toBe("diversity");
      expect(error.details.issues).toEqual([
        expect.objectContaining({ path: "age", expected: "number", received: 'string "31"' }),
        expect.objectContaining({ path: "kind", expected: 'one of "qpv", "zrr"', received: 'string "frr"' }),
      ]);
      expect(error.message).toContain('Invalid person: age: expected number, received string "31"');
    }
  });

  it("reports bounds", () => {
    const result = safeParseWith(Person, { name: "A", age: -1, kind: "qpv" }, context);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.details.issues[0]).toMatchObject({
      path: "age",
      expected: "number >= 0",
      received: "number -1",
    });
  });
});

describe("safeParseWith", () => {
  it("agrees with parseWith on every input", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const safe = safeParseWith(Person, input, context);
        if (safe.success) {
          expect(parseWith(Person, input, context)).toEqual(safe.data);
        } else {
          expect(() => parseWith(Person, input, context)).toThrow(safe.error.message);
        }
      }),
    );
  });
});

describe("describeValue", () => {
  it.each([
    [undefined, "undefined"],
    [null, "null"],
    [Number.NaN, "NaN"],
    [3, "number 3"],
    ["x".repeat(50), `string "${"x".repeat(40)}…"`],
    [[1, 2], "array of length 2"],
    [{}, "empty object"],
    [new Date(Number.NaN), "Invalid Date"],
  ])("describes %s", (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
