// Lint rules for the whole tree. `npm run lint` runs eslint, prettier --check and knip (unused exports).
// The limits below are the house rules from docs/architecture.md: functions in src stay under 80 lines,
// no line is longer than 160 characters, and `any` is never written.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Data tables and lookup tables: long by nature, listed here so the exception is visible. */
const DATA_TABLES = [
  "src/assessment/starter-bank/area-*.ts",
  "src/assessment/starter-bank/aptitudes.ts",
  "src/assessment/starter-bank/exposure.ts",
  "src/territory/_com-land.ts",
];

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "data/build/**",
      "docs/api/**",
      "coverage/**",
      "node_modules/**",
      "**/node_modules/**",
      "examples/*/dist/**",
      "test/consumers/*/dist/**",
      "bench/out/**",
      ".tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        URL: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        Buffer: "readonly",
        Response: "readonly",
        fetch: "readonly",
        AbortController: "readonly",
        AbortSignal: "readonly",
        structuredClone: "readonly",
        queueMicrotask: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        performance: "readonly",
        globalThis: "readonly",
        document: "readonly",
        window: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "max-len": ["error", { code: 160, ignoreUrls: true }],
      // The sanitisers (terminal text, XML, CSV) match control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["**/*.cjs", "**/*.cts"],
    languageOptions: { globals: { require: "readonly", module: "writable", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Published coefficients (Acklam, Wichura) are kept digit for digit as printed in their papers.
    files: ["src/diversity/_stats.ts"],
    rules: { "no-loss-of-precision": "off" },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/**/*.test-d.ts", ...DATA_TABLES],
    rules: {
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: DATA_TABLES,
    rules: { "max-len": "off" },
  },
  {
    // The message tables: one sentence per entry, in French and English, where long messages belong.
    files: ["src/cli/messages.ts", "src/_lib/messages/*.ts"],
    rules: { "max-len": "off" },
  },
);
