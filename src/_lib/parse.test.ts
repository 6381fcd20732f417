import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/v4";
import { isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { expecting, rule } from "./messages/vocabulary.js";
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
        { path: "age", expected: { kind: "type", type: "number" }, received: '"31"' },
        { path: "kind", expected: { kind: "one_of", values: ["qpv", "zrr"] }, received: '"frr"' },
      ]);
      expect(error.message).toContain('Invalid person: age: expected a number, received "31"');
      expect(formatDeclicsError(error, { language: "fr" })).toBe(
        'Entrée invalide : age : attendu un nombre, reçu "31"; kind : attendu l\'une des valeurs "qpv", "zrr", reçu "frr"',
      );
    }
  });

  it("reports bounds", () => {
    const result = safeParseWith(Person, { name: "A", age: -1, kind: "qpv" }, context);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.details.issues[0]).toMatchObject({
      path: "age",
      expected: { kind: "range", origin: "number", min: 0, inclusive: true },
      received: "-1",
    });
  });
});

describe("parseWith on a refinement", () => {
  const Range = z
    .object({ min: z.number(), max: z.number() })
    .refine((r) => r.min <= r.max, { ...expecting("a min not above max", "un min au plus égal à max"), path: ["min"] });
  const Plan = z.object({ ranges: z.array(Range) }).superRefine((plan, ctx) => {
    if (plan.ranges.length === 2)
      ctx.addIssue({ code: "custom", path: ["ranges", 1, "max"], ...expecting("a single range", "une seule plage") });
  });
  const issueOf = (schema: z.ZodType, input: unknown) => {
    const result = safeParseWith(schema, input, context);
    if (result.success) throw new Error("accepted");
    return result.error.details.issues[0]!;
  };

  it("gives the refinement's expectation in both languages, and the field it names as received", () => {
    const issue = issueOf(Plan, {
      ranges: [
        { min: 0, max: 1 },
        { min: 5, max: 2 },
      ],
    });
    expect(issue).toEqual({
      path: "ranges.1.min",
      expected: rule("a min not above max", "un min au plus égal à max"),
      received: "5",
    });
    expect(
      issueOf(Plan, {
        ranges: [
          { min: 0, max: 1 },
          { min: 1, max: 7 },
        ],
      }),
    ).toEqual({
      path: "ranges.1.max",
      expected: rule("a single range", "une seule plage"),
      received: "7",
    });
  });

  it("shows the refined value itself when the path goes nowhere inside it", () => {
    const Pair = z
      .tuple([z.number(), z.number()])
      .refine(([a, b]) => a < b, { ...expecting("an increasing pair", "une paire croissante"), path: ["bounds"] });
    expect(issueOf(z.object({ pair: Pair }), { pair: [3, 1] }).received).toBe("Array(2)");
    // An issue that names its input keeps it.
    const Id = z
      .string()
      .superRefine((v, ctx) =>
        ctx.addIssue({ code: "custom", path: ["length"], input: v.length, ...expecting("a short id", "un id court") }),
      );
    expect(issueOf(z.object({ id: Id }), { id: "abc" }).received).toBe("3");
  });

  it("reads any field of any refined object (property)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (min, max) => {
        const result = safeParseWith(Range, { min, max }, context);
        expect(result.success).toBe(min <= max);
        if (!result.success) expect(result.error.details.issues[0]!.received).toBe(String(min));
      }),
    );
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
    [3, "3"],
    ["x".repeat(70), `"${"x".repeat(60)}…"`],
    ["a\u001b[31m\u202eb", '"a\\u001b[31m\\u202eb"'],
    [[1, 2], "Array(2)"],
    [{}, "{}"],
    [{ a: 1, b: 2 }, "{ a, b }"],
    [new Uint8Array(4), "Uint8Array(4)"],
    [new Date(Number.NaN), "Date(NaN)"],
    [new Date(0), "Date(1970-01-01T00:00:00.000Z)"],
    [12n, "12n"],
  ])("describes %s", (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
