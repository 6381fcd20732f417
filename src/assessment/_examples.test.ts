// Runs the @example blocks of every public function of the module and checks their `// =>` values, so
// that the documentation cannot drift from the code (date-fns style).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import * as assessment from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("_"));

interface Example {
  file: string;
  code: string;
}

function examplesOf(file: string): Example[] {
  const text = readFileSync(join(here, file), "utf8");
  const out: Example[] = [];
  for (const m of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
    out.push({
      file,
      code: m[1]!
        .split("\n")
        .map((l) => l.replace(/^\s*\* ?/, ""))
        .join("\n"),
    });
  }
  return out;
}

/** Turns `expr;\n// => value` pairs into checks, and the package import into the module object. */
function instrument(code: string): string {
  const lines = code.split("\n");
  const body: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next?.startsWith("// => ")) {
      const expr = line.replace(/;\s*(\/\/.*)?$/, "");
      body.push(`__check(${expr}, ${next.slice(6)}, ${JSON.stringify(line)});`);
      i++;
    } else {
      body.push(line.replace(/^import \{([^}]*)\} from "declics\/assessment";$/, "const {$1} = __lib;"));
    }
  }
  return body.join("\n");
}

const examples = files.flatMap(examplesOf);

describe("documentation examples", () => {
  it("every public operation file has an example", () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  for (const [i, ex] of examples.entries()) {
    it(`${ex.file} example ${i}`, () => {
      const js = transformSync(instrument(ex.code), { loader: "ts", format: "cjs" }).code;
      const checks: [unknown, unknown, string][] = [];
      new Function("__lib", "__check", js)(assessment, (actual: unknown, expected: unknown, line: string) =>
        checks.push([actual, expected, line]),
      );
      expect(checks.length).toBeGreaterThan(0);
      for (const [actual, expected, line] of checks) expect(actual, line).toEqual(expected);
    });
  }
});
