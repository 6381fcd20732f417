import fc from "fast-check";
import { ASSESSMENT_REASONS } from "../_lib/messages/assessment.js";
import { renderProblem } from "../_lib/messages/problem.js";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { parseItemBank, safeParseItemBank } from "./parse-item-bank.js";

const good = {
  id: "demo",
  items: [
    { id: "q1", competence: "A.1", level: 2, kind: "numeric", stem: "2 + 2 ?", answer: 4, irt: { b: -1.5 } },
    {
      id: "q2",
      competence: "1.1",
      level: 3,
      kind: "single_choice",
      stem: "?",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
      answer: "b",
      irt: { a: 1.2, b: 0 },
    },
    {
      id: "q3",
      competence: "3.4",
      level: 4,
      kind: "ordering",
      stem: "?",
      options: [
        { id: "x", text: "X" },
        { id: "y", text: "Y" },
      ],
      answer: ["y", "x"],
      irt: { b: 0.5 },
    },
  ],
};

function problemsOf(input: unknown): string[] {
  const r = safeParseItemBank(input);
  if (r.success) return [];
  if (isDeclicsError(r.error, "invalid_item_bank"))
    return r.error.details.problems.map((p) => renderProblem(p, "en", ASSESSMENT_REASONS));
  return [`invalid_input: ${r.error.message}`];
}

describe("parseItemBank", () => {
  it("fills in defaults for valid banks", () => {
    const bank = parseItemBank(good);
    expect(bank.items[0]!.irt).toEqual({ a: 1, b: -1.5, c: 0 });
    expect(bank.items[0]!.parametersStatus).toBe("provisional");
  });

  it("lists every consistency problem under invalid_item_bank", () => {
    const bad = structuredClone(good) as { items: Record<string, unknown>[] };
    bad.items.push({ ...good.items[0]!, irt: { a: 0, b: Number.POSITIVE_INFINITY, c: 1 } });
    bad.items.push({ ...good.items[1]!, id: "q5", competence: "9.9", answer: "z" });
    bad.items.push({ ...good.items[2]!, id: "q6", answer: ["x"] });
    const problems = problemsOf(bad);
    expect(problems.some((p) => p.includes("(q1): duplicate id"))).toBe(true);
    expect(problems.some((p) => p.includes("discrimination a"))).toBe(true);
    expect(problems.some((p) => p.includes("difficulty b"))).toBe(true);
    expect(problems.some((p) => p.includes("guessing c"))).toBe(true);
    expect(problems.some((p) => p.includes("unknown competence 9.9"))).toBe(true);
    expect(problems.some((p) => p.includes("answer key z is not an option"))).toBe(true);
    expect(problems.some((p) => p.includes("ordering key must list all 2 options"))).toBe(true);
    expect(() => parseItemBank(bad)).toThrow(/Invalid item bank/);
  });

  it("skips the competence check with framework: null, and reports shape errors as invalid_input", () => {
    const other = { id: "x", items: [{ ...good.items[0]!, competence: "custom" }] };
    expect(parseItemBank(other, { framework: null }).items.length).toBe(1);
    const r = safeParseItemBank({ id: "x", items: [{ id: "q" }] });
    expect(r.success === false && r.error.code).toBe("invalid_input");
  });

  it("accepts any c in [0, 1) and any a > 0, and rejects the rest", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.double({ noNaN: false }), (a, c) => {
        const bank = { id: "p", items: [{ ...good.items[0]!, irt: { a, b: 0, c } }] };
        const valid = Number.isFinite(a) && a > 0 && c >= 0 && c < 1;
        expect(safeParseItemBank(bank).success).toBe(valid);
      }),
    );
  });
});
