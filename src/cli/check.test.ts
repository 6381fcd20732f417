import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DeclicsError } from "../errors.js";
import { createFakeEngine } from "../../test/support/cli-fake-engine.js";
import { runCheck, type CheckCommandOptions } from "./check.js";

const dir = mkdtempSync(join(tmpdir(), "declics-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer | string, _e, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = "";
  return stream;
}

async function check(options: Partial<CheckCommandOptions>, geocode?: () => Promise<never>) {
  const stdout = sink();
  const stderr = sink();
  const engine = createFakeEngine();
  if (geocode !== undefined) engine.check = async () => geocode();
  const code = await runCheck(
    { lonLat: [], today: "2026-11-28", json: false, lang: "fr", ...options },
    { stdout, stderr, loadEngine: async () => engine, createGeocoder: () => ({ geocode: async () => null }) },
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("runCheck", () => {
  it("explains one point, reading decimal commas", async () => {
    const run = await check({ lonLat: ["1,39", "43,57"], on: "2024-05-01" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ÉLIGIBLE — 2024-05-01");
  });

  it("prints JSON and writes an SVG map", async () => {
    const svg = join(dir, "carte.svg");
    const run = await check({ lonLat: ["1.39", "43.57"], json: true, svg });
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "eligible", on: "2026-11-28" });
    expect(readFileSync(svg, "utf8")).toContain("<svg");
    expect(run.stderr).toContain("Carte écrite");
  });

  it("needs exactly one location and real numbers (exit 1)", async () => {
    expect((await check({})).code).toBe(1);
    expect((await check({ lonLat: ["1.4", "43.5"], codeInsee: "31555" })).code).toBe(1);
    const bad = await check({ lonLat: ["abc", "43.5"] });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("« abc » n'est pas un nombre");
    expect((await check({ x: "570000" })).code).toBe(1);
  });

  it("says when the address service cannot be reached (exit 3)", async () => {
    const run = await check({ address: "1 rue X" }, async () => {
      throw new DeclicsError({
        code: "geocoder_unavailable",
        module: "territory",
        details: { address: "1 rue X", reason: "failed", cause: "network error (fetch failed)" },
      });
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("injoignable (network error (fetch failed))");
  });

  it("property: any single well-formed point answers with exit 0", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -5, max: 9, noNaN: true }),
        fc.double({ min: 41, max: 51, noNaN: true }),
        async (lon, lat) => {
          expect((await check({ lonLat: [String(lon), String(lat)] })).code).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
