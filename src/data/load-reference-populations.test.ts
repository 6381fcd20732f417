import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { loadReferencePopulations } from "./load-reference-populations.js";

describe("loadReferencePopulations", () => {
  it("says to run build:data when the artefacts are missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "declics-ref-"));
    try {
      loadReferencePopulations({ dir });
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "data_missing")).toBe(true);
      expect(String((error as Error).message)).toMatch(/build:data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("rejects unknown options", () => {
    expect(() => loadReferencePopulations({ directory: "x" } as never)).toThrow(/directory/);
  });
  describe.skipIf(!hasRealData(buildPath("reference-populations.json")))("with the compiled artefact", () => {
    const populations = loadReferencePopulations();
    it("property: every share lies in [0, 1] and women + men add up to 1 where both are given", () => {
      fc.assert(
        fc.property(fc.constantFrom(...populations), (p) => {
          for (const categories of Object.values(p.shares))
            for (const v of Object.values(categories ?? {})) expect(v >= 0 && v <= 1).toBe(true);
          const g = p.shares.gender;
          if (g?.female !== undefined && g.male !== undefined) expect(g.female + g.male).toBeCloseTo(1, 12);
        }),
      );
    });
  });
});
