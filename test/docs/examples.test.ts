// Every example the package shows runs here, with its shown values checked: the ```ts blocks of README.md and
// docs/*.md, and the JSDoc @example blocks of the public modules (date-fns style). The rules are in
// CONTRIBUTING.md, "Examples". Examples use the real compiled data (data/build): in CI, missing data fails.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleChecks } from "../support/example-check.js";
import { type Example, jsdocExamples, markdownExamples, writeExampleModule } from "../support/run-example.js";

const root = resolve(import.meta.dirname, "../..");
const outDir = join(root, ".tmp", "examples");
const checkModule = join(root, "test", "support", "example-check.ts");

/** Modules whose JSDoc is the public API reference (src/cli documents a command line, see docs/cli.md). */
const PUBLIC_DIRS = ["src", "src/territory", "src/curriculum", "src/assessment", "src/diversity", "src/data"];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".test-d.ts"))
    .map((f) => `${dir}/${f}`);
}

const markdown = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const guideExamples = markdown.flatMap((file) => markdownExamples(root, file));
const apiExamples = PUBLIC_DIRS.flatMap(sourceFiles).flatMap((file) => jsdocExamples(root, file));

async function run(ex: Example): Promise<void> {
  const before = exampleChecks.count;
  await import(writeExampleModule(ex, outDir, root, checkModule));
  // An example that shows no value is still run; one that shows values must have had them all checked.
  const shown = (ex.code.match(/\/\/ =>/g) ?? []).length;
  expect(exampleChecks.count - before, `${ex.where}: every "// =>" line is checked`).toBe(shown);
}

for (const [title, examples] of [
  ["README and guides", guideExamples],
  ["JSDoc of the public modules", apiExamples],
] as const) {
  describe(title, () => {
    for (const ex of examples) {
      if (ex.skip) it.skip(`${ex.where} (${ex.skip})`, () => {});
      else it(ex.where, () => run(ex));
    }
  });
}

describe("the examples themselves", () => {
  it("are found", () => {
    expect(guideExamples.length).toBeGreaterThanOrEqual(40);
    expect(apiExamples.length).toBeGreaterThanOrEqual(80);
  });
});
