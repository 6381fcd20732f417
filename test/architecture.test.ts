// The import rules between the parts of src/ (docs/architecture.md, "Import rules"), checked on every
// production file: these are the rules that keep the core pure and the modules separable.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const MODULES = ["territory", "curriculum", "assessment", "diversity"] as const;
/** Packages the pure core may import (everything else is Node, the network or a build tool). */
const CORE_PACKAGES = /^(zod\/v4|date-fns(\/.*)?|@date-fns\/tz(\/.*)?|flatbush)$/;

interface Import {
  readonly file: string; // path relative to src, e.g. "territory/_layer.ts"
  readonly spec: string;
  readonly target: string | null; // resolved path relative to src for relative imports
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__fixtures__" ? [] : productionFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(path: string): Import[] {
  const text = readFileSync(path, "utf8");
  const file = relative(src, path);
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gm)) {
    const spec = (m[1] ?? m[2])!;
    const target = spec.startsWith(".") ? relative(src, join(dirname(path), spec)).replace(/\.js$/, ".ts") : null;
    out.push({ file, spec, target });
  }
  return out;
}

const imports = productionFiles(src).flatMap(importsOf);
const partOf = (path: string): string => (path.includes("/") ? path.split("/")[0]! : path);
const isPrivate = (path: string): boolean => path.split("/").some((p) => p.startsWith("_") && p !== "_lib");

describe("import rules between the parts of src", () => {
  it("reads the whole tree", () => {
    expect(imports.length).toBeGreaterThan(300);
  });

  it("_lib and errors.ts depend on nothing but themselves and zod", () => {
    const bad = imports.filter(
      (i) =>
        (partOf(i.file) === "_lib" || i.file === "errors.ts") &&
        (i.target === null ? !CORE_PACKAGES.test(i.spec) : !["_lib", "errors.ts"].includes(partOf(i.target))),
    );
    expect(bad).toEqual([]);
  });

  it("the four modules are pure: no Node built-in, no package outside the core list, no data or cli", () => {
    const bad = imports.filter(
      (i) =>
        (MODULES as readonly string[]).includes(partOf(i.file)) &&
        (i.target === null ? !CORE_PACKAGES.test(i.spec) : ["data", "cli"].includes(partOf(i.target))),
    );
    expect(bad).toEqual([]);
  });

  it("nothing reaches into another part's private files, fixtures, tests, benches or scripts", () => {
    const bad = imports.filter(
      (i) =>
        i.target !== null &&
        // The package version is read from package.json, inlined by the build (assessment/_version.ts).
        i.target !== "../package.json" &&
        (i.target.startsWith("..") ||
          i.target.includes("__fixtures__") ||
          (partOf(i.target) !== partOf(i.file) && isPrivate(i.target))),
    );
    expect(bad).toEqual([]);
  });

  it("the modules' dependency graph has no cycle (and data is only used by the cli)", () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      if (i.target === null) continue;
      const from = partOf(i.file);
      const to = partOf(i.target);
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
    const cycle: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (cycle.length > 0) return;
      if (path.includes(node)) {
        cycle.push(...path.slice(path.indexOf(node)), node);
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycle).toEqual([]);
    const usersOfData = [...edges].filter(([, to]) => to.has("data")).map(([from]) => from);
    expect(usersOfData.every((from) => from === "cli")).toBe(true);
  });
});
