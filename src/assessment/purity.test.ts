import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// declics/assessment must stay pure and isomorphic: no Node API, no hidden clock or randomness, no other
// module's internals, no dataset. Test support lives in __fixtures__/ (not scanned: it is not shipped),
// so no source file needs to be excluded by name.
const here = dirname(fileURLToPath(import.meta.url));
const sources = [
  ...readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")),
  ...readdirSync(join(here, "starter-bank"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => `starter-bank/${f}`),
];

describe("declics/assessment sources", () => {
  it("include every production file, and no test support", () => {
    expect(sources).toContain("calibrate-items.ts");
    expect(sources.some((f) => /test-bank|fixture/i.test(f))).toBe(false);
  });

  it.each(sources)("%s imports nothing impure", (file) => {
    const text = readFileSync(join(here, file), "utf8");
    // Import and re-export statements at the start of a line (not the `import` lines of JSDoc examples).
    const imports = [...text.matchAll(/^(?:import|export) [^;]*? from "([^"]+)";/gm)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec.startsWith("node:"), `${file} imports ${spec}`).toBe(false);
      expect(
        spec === "zod/v4" || /^\.\.?\/[\w./-]+\.js(on)?$/.test(spec),
        `${file} imports ${spec}: only zod/v4 and relative modules`,
      ).toBe(true);
      expect(/territory|curriculum|diversity|\/data\//.test(spec), `${file} imports ${spec}`).toBe(false);
    }
    expect(/Date\.now\(|new Date\(\)|Math\.random\(/.test(text), `${file} reads a hidden clock or random source`).toBe(
      false,
    );
  });
});
