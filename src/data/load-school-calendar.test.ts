import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { loadSchoolCalendar } from "./load-school-calendar.js";

describe("loadSchoolCalendar", () => {
  it("says to run build:data when the artefacts are missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "declics-school-"));
    try {
      loadSchoolCalendar({ dir });
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "data_missing")).toBe(true);
      expect(String((error as Error).message)).toMatch(/build:data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("rejects unknown options", () => {
    expect(() => loadSchoolCalendar({ directory: "x" } as never)).toThrow(/directory/);
  });
  describe.skipIf(!hasRealData(buildPath("school-calendar.json")))("with the compiled artefact", () => {
    it("loads every académie of the official calendar", () => {
      const calendar = loadSchoolCalendar();
      expect(calendar.academies.length).toBe(36);
      expect(calendar.source.dataset).toBe("school-calendar");
    });
    it("refuses a tampered artefact (data_integrity)", () => {
      const dir = mkdtempSync(join(tmpdir(), "declics-school-"));
      try {
        copyFileSync(buildPath("manifest.json"), join(dir, "manifest.json"));
        writeFileSync(join(dir, "school-calendar.json"), "{}");
        expect(() => loadSchoolCalendar({ dir })).toThrow(/manifest/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
