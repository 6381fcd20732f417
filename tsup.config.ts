import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { libraryEntries } from "./scripts/entries.js";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

export default defineConfig([
  {
    // One entry per subpath export; the list lives in scripts/entries.ts and is shared with typedoc.
    entry: libraryEntries(),
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    // declics/data finds data/build from import.meta.url; the CJS build needs tsup's shim for it.
    shims: true,
    splitting: true,
    treeshake: true,
    target: "es2022",
    outDir: "dist",
    external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})],
  },
  {
    entry: { "cli/main": "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    sourcemap: true,
    banner: { js: "#!/usr/bin/env node" },
    external: [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})],
  },
]);
