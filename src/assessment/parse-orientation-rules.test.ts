import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
import { parseOrientationRules, safeParseOrientationRules } from "./parse-orientation-rules.js";

describe("parseOrientationRules", () => {
  it("accepts the default rules as JSON and fills in weights", () => {
    const rules = parseOrientationRules(JSON.parse(JSON.stringify(DEFAULT_ORIENTATION_RULES)));
    expect(rules).toEqual(DEFAULT_ORIENTATION_RULES);
  });

  it("accepts ROME codes of one letter A-N and 4 digits only", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), (code) => {
        const rules = {
          ...DEFAULT_ORIENTATION_RULES,
          jobFamilies: [{ ...DEFAULT_ORIENTATION_RULES.jobFamilies[0]!, rome: [{ code, label: "x", checked: "x" }] }],
        };
        expect(safeParseOrientationRules(rules).success).toBe(/^[A-N]\d{4}$/.test(code));
      }),
    );
  });

  it("names the faulty field", () => {
    const r = safeParseOrientationRules({ ...DEFAULT_ORIENTATION_RULES, reachThreshold: 2 });
    expect(r.success === false && r.error.details.issues[0]!.path).toBe("reachThreshold");
    expect(() => parseOrientationRules({})).toThrow(/orientation rules/);
  });
});
