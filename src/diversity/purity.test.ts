import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// declics/diversity must stay pure and isomorphic: no Node API, no hidden clock or randomness, no
// dataset, no territory engine, no turf (the bundle-size check in scripts/check-package.mjs checks the
// build; this checks the sources, file by file, with the reason when one slips in).
const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("declics/diversity sources", () => {
  it.each(sources)("%s imports nothing impure", (file) => {
    const text = readFileSync(join(here, file), "utf8");
    // Import statements only (JSDoc examples import "declics/diversity" and are not the module's imports).
    const imports = [...text.matchAll(/^(?:import|export)\s[^;]*?from "([^"]+)"/gm)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec.startsWith("node:"), `${file} imports ${spec}`).toBe(false);
      expect(/territory|\/data\/|@turf|flatbush|csv-stringify/.test(spec), `${file} imports ${spec}`).toBe(false);
      expect(
        spec === "zod/v4" || spec.startsWith("./") || spec.startsWith("../_lib/") || spec === "../errors.js",
        `${file} imports ${spec}`,
      ).toBe(true);
    }
    expect(/Date\.now\(|new Date\(\)|Math\.random\(/.test(text), `${file} reads a hidden clock or random source`).toBe(
      false,
    );
  });
});
