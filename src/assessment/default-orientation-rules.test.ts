import { describe, expect, it } from "vitest";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";

describe("DEFAULT_ORIENTATION_RULES", () => {
  it("only refers to competences of the default framework and says where each ROME code was checked", () => {
    const known = new Set(DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences.map((c) => c.id as string)));
    for (const f of DEFAULT_ORIENTATION_RULES.jobFamilies) {
      for (const r of f.requirements) expect(known.has(r.competence)).toBe(true);
      for (const rome of f.rome) expect(rome.checked.length).toBeGreaterThan(20);
    }
    for (const w of DEFAULT_ORIENTATION_RULES.workshops) for (const c of w.competences) expect(known.has(c)).toBe(true);
  });
});
