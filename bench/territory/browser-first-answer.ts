/**
 * Bytes and time to the first answer in a real browser (Debian's chromium, headless), before and after the
 * web data split (issue #13). Run `npm run build:data` first.
 *
 *   npx tsx bench/territory/browser-first-answer.ts [runs]
 *
 * The data is served from 127.0.0.1 by a static server that behaves like an ordinary host (gzip on the fly for
 * text types, binaries as they are; test/support/static-server.ts). Each run uses a fresh browser context (cold
 * HTTP cache). Compared in the same run:
 * - before: the whole files (`territoryDataFromBuffers` on commune-table.json and the three .bin layers);
 * - after: `createTerritoryDataSource` on data/build/web (only the files the subject needs, gzip-decoded and
 *   sha256-checked in the page), for a mainland address point, a commune code, and an overseas point.
 * Time is measured in the page, from the first request to the answer, on loopback (no network latency); the
 * time at 10 Mbit/s adds bytes / bandwidth to it. Budgets: mainland point <= 1.5 MB, commune code <= 0.5 MB.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { startStaticServer } from "../../test/support/static-server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNS = Number(process.argv[2] ?? 3);
const CHROMIUM = process.env.DECLICS_CHROMIUM ?? "/usr/bin/chromium";
const MBIT = 10;

// The page: declics/territory bundled for the browser, with two entry points the bench calls.
const PAGE_SCRIPT = `
import { TERRITORY_ARTEFACTS, checkEligibility, createTerritoryDataSource, territoryDataFromBuffers } from "${join(ROOT, "src", "territory", "index.ts")}";
const on = new Date("2026-12-01T12:00:00Z");
window.before = async (subject) => {
  const t0 = performance.now();
  const files = {};
  await Promise.all(Object.values(TERRITORY_ARTEFACTS).map(async (file) => {
    files[file] = new Uint8Array(await (await fetch("/build/" + file)).arrayBuffer());
  }));
  const result = checkEligibility(subject, { on, data: territoryDataFromBuffers(files) });
  return { ms: performance.now() - t0, status: result.status };
};
window.after = async (subject) => {
  const t0 = performance.now();
  const source = createTerritoryDataSource({ baseUrl: "/build/web/" });
  const result = await source.checkEligibility(subject, { on });
  return { ms: performance.now() - t0, status: result.status, requests: source.stats().requests };
};
`;

const SUBJECTS: [string, object][] = [
  ["mainland point (Reynerie, Toulouse)", { lon: 1.4025, lat: 43.5712 }],
  ["mainland point (Paris 18e)", { lon: 2.3522, lat: 48.8925 }],
  ["mainland point (Arras, in the largest tile)", { lon: 2.7775, lat: 50.291 }],
  ["commune code only (48095)", { codeInsee: "48095" }],
  ["overseas point (Saint-Denis, La Réunion)", { lon: 55.4504, lat: -20.8823 }],
];

const dir = mkdtempSync(join(tmpdir(), "declics-browser-bench-"));
try {
  const bundle = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  writeFileSync(join(dir, "bench.js"), bundle.outputFiles[0]!.contents);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>`,
  );
  symlinkSync(join(ROOT, "data", "build"), join(dir, "build"), "dir");
  mkdirSync(join(dir, "empty"));
  const server = await startStaticServer(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const measure = async (fn: "before" | "after", subject: object) => {
    const samples: { ms: number; bytes: number; status: string; requests: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => typeof (window as unknown as { after?: unknown }).after === "function");
      const start = server.served.length;
      const out = await page.evaluate(
        ([f, s]) =>
          (
            window as unknown as Record<
              string,
              (s: object) => Promise<{ ms: number; status: string; requests?: number }>
            >
          )[f as string]!(s as object),
        [fn, subject] as const,
      );
      const data = server.served.slice(start).filter((r) => r.path.startsWith("/build/"));
      samples.push({
        ms: out.ms,
        bytes: data.reduce((sum, r) => sum + r.bytes, 0),
        status: out.status,
        requests: data.length,
      });
      await context.close();
    }
    samples.sort((a, b) => a.ms - b.ms);
    return samples[Math.floor(samples.length / 2)]!;
  };
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  const at = (ms: number, bytes: number) => `${((ms + ((bytes * 8) / (MBIT * 1e6)) * 1000) / 1000).toFixed(1)} s`;
  const lines = [
    `browser first answer — chromium ${browser.version()}, ordinary static host on 127.0.0.1, median of ${RUNS} cold runs`,
  ];
  const base = await measure("before", SUBJECTS[0]![1]);
  lines.push(
    `  before (whole files, any subject): ${mb(base.bytes)} in ${base.requests} requests,` +
      ` ${base.ms.toFixed(0)} ms on loopback, ~${at(base.ms, base.bytes)} at ${MBIT} Mbit/s (${base.status})`,
  );
  let verdict = true;
  for (const [name, subject] of SUBJECTS) {
    const after = await measure("after", subject);
    const budget = "codeInsee" in subject ? 500_000 : 1_500_000;
    const ok = after.bytes <= budget;
    verdict &&= ok;
    lines.push(
      `  after, ${name}: ${mb(after.bytes)} in ${after.requests} requests,` +
        ` ${after.ms.toFixed(0)} ms on loopback, ~${at(after.ms, after.bytes)} at ${MBIT} Mbit/s (${after.status}); ` +
        `${(base.bytes / after.bytes).toFixed(0)}x fewer bytes; budget ${mb(budget)} ${ok ? "MET" : "NOT MET"}`,
    );
  }
  lines.push(`  budgets: ${verdict ? "MET" : "NOT MET"}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  await browser.close();
  await server.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
