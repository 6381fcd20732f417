import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAMBERT93 } from "../../src/territory/_lambert93.js";
import { TERRITORY_ARTEFACTS } from "../../src/territory/index.js";
import { runBuiltCli as declics } from "../support/built-cli.js";
import { buildPath, hasRealData } from "../support/real-data.js";

/**
 * Issue #10, item 9, on the built CLI (dist/cli/main.js; `npm test` builds first): X/Y columns holding swapped
 * Lambert-93 values or GPS degrees get `swapped_coordinates`, as `checkEligibility` says for the same values,
 * not `invalid_coordinates` with no hint.
 */

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "declics-swapped-"));
});
afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasRealData(...Object.values(TERRITORY_ARTEFACTS).map((f) => buildPath(f))))(
  "declics eligibility with swapped values in X/Y columns",
  () => {
    it("answers swapped Lambert-93 and GPS degrees in x/y with swapped_coordinates, like checkEligibility", async () => {
      const [x, y] = LAMBERT93.forward(1.4025, 43.5712); // Reynerie, Toulouse: in QN03107M
      const rows = [
        ["ok", x.toFixed(2), y.toFixed(2)],
        ["lambert-swapped", y.toFixed(2), x.toFixed(2)],
        ["gps-in-xy", "1.4025", "43.5712"],
        ["gps-swapped-in-xy", "43.5712", "1.4025"],
        ["nonsense", "12", "34"],
      ];
      const input = join(dir, "points.csv");
      writeFileSync(input, ["id,x,y", ...rows.map((r) => r.join(","))].join("\n") + "\n");
      const output = join(dir, "out.csv");
      const run = await declics(["eligibility", input, "-o", output, "--on", "2024-05-01", "-q"]);
      expect(run.code, run.stderr).toBe(0);
      const [header, ...body] = parse(readFileSync(output, "utf8"), { relax_column_count: true }) as string[][];
      const status = header!.indexOf("status");
      const reason = header!.indexOf("reason");
      expect(body.map((r) => [r[0], r[status], r[reason]])).toEqual([
        ["ok", "eligible", "in_qpv|zrr_not_classified"],
        ["lambert-swapped", "error", "swapped_coordinates"],
        ["gps-in-xy", "error", "swapped_coordinates"],
        ["gps-swapped-in-xy", "error", "swapped_coordinates"],
        ["nonsense", "error", "invalid_coordinates"],
      ]);
    });

    it("says the same for one point with --x/--y", async () => {
      const swapped = await declics(["check", "--x", "43.5712", "--y", "1.4025", "--on", "2024-05-01"]);
      expect(swapped.code).toBe(1);
      expect(swapped.stderr).toMatch(/Degrés WGS84 donnés comme Lambert-93/);
    });
  },
);
