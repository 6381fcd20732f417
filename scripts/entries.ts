/**
 * The one list of public entry points: each subpath export in package.json maps to one source file.
 * tsup builds these, typedoc documents these, and scripts/check-package.mjs checks that package.json
 * `exports` names exactly these subpaths.
 */
export const ENTRY_POINTS = {
  index: "src/index.ts",
  "territory/index": "src/territory/index.ts",
  "curriculum/index": "src/curriculum/index.ts",
  "assessment/index": "src/assessment/index.ts",
  "diversity/index": "src/diversity/index.ts",
  "data/index": "src/data/index.ts",
} as const;

export function libraryEntries(): Record<string, string> {
  return { ...ENTRY_POINTS };
}
