import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { PARCOURS_EXPRESS } from "./parcours-express.js";
import { parseParcoursTemplate, safeParseParcoursTemplate } from "./parse-parcours-template.js";

const json = (): Record<string, unknown> & {
  activities: Array<Record<string, unknown>>;
  phases: Array<Record<string, unknown>>;
} => JSON.parse(JSON.stringify(PARCOURS_EXPRESS));

function pathsOf(input: unknown): string[] {
  const result = safeParseParcoursTemplate(input);
  return result.success ? [] : result.error.details.issues.map((i) => i.path);
}

describe("parseParcoursTemplate / safeParseParcoursTemplate", () => {
  it("round-trips the parcours express through JSON", () => {
    expect(parseParcoursTemplate(json())).toEqual(PARCOURS_EXPRESS);
    expect(safeParseParcoursTemplate(json())).toEqual({ success: true, data: PARCOURS_EXPRESS });
  });

  it("names the faulty field: unknown prerequisite, unknown phase, duplicate id, phase past the end, cycle", () => {
    const a = json();
    a.activities[3] = { ...a.activities[3], prerequisites: ["nope"] };
    expect(pathsOf(a)).toEqual(["activities.3.prerequisites.0"]);
    const b = json();
    b.activities[0] = { ...b.activities[0], phaseId: "nope" };
    expect(pathsOf(b)).toEqual(["activities.0.phaseId"]);
    const c = json();
    c.activities[1] = { ...c.activities[1], id: "welcome" };
    expect(pathsOf(c)).toContain("activities.1.id");
    const d = json();
    d.phases[2] = { ...d.phases[2], toDay: 11 };
    expect(pathsOf(d)).toEqual(["phases.2.toDay"]);
    const e = json();
    e.activities[0] = { ...e.activities[0], prerequisites: ["next-step-interview"] };
    expect(pathsOf(e).length).toBe(1);
    try {
      parseParcoursTemplate(e);
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
      expect(String((error as Error).message)).toMatch(/cycle/);
    }
    const f = json();
    f.activities[1] = { ...f.activities[1], assessmentId: undefined };
    expect(pathsOf(f)).toEqual(["activities.1.assessmentId"]);
  });

  it("property: parse and safeParse agree on arbitrary edits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom("durationMinutes", "maxGroupSize", "minGroupSize", "phaseId", "kind"),
        fc.anything(),
        (i, field, value) => {
          const t = json();
          t.activities[i] = { ...t.activities[i], [field]: value };
          const safe = safeParseParcoursTemplate(t);
          let thrown: unknown;
          try {
            parseParcoursTemplate(t);
          } catch (error) {
            thrown = error;
          }
          expect(safe.success).toBe(thrown === undefined);
          if (!safe.success) expect((thrown as Error).message).toBe(safe.error.message);
        },
      ),
      { numRuns: 60 },
    );
  });
});
