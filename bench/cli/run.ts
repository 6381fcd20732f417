/**
 * Benchmark of `declics eligibility` end to end (run: `npm run build && npx tsx bench/cli/run.ts`).
 *
 * Generates CSV files of points in and around French cities (`;`, decimal commas, like an Excel export) in the
 * system's temporary directory, runs the BUILT CLI on them as a child process, and prints rows per second
 * and peak memory (maxRSS, reported by the CLI itself under DECLICS_CLI_REPORT_RESOURCES=1), for 100,000 and
 * 1,000,000 rows: memory must stay flat (it prints the ratio of peak RSS at the largest size to the smallest,
 * with Node's default heap settings and with the heap capped). In the same run it measures a naive pipeline on a sample (csv-parse,
 * one checkEligibility call per row, csv-stringify) and prints the ratio. Target: >= 200,000 rows/s.
 *
 * Options: BENCH_ROWS=100000,1000000 (sizes), BENCH_NAIVE_ROWS=20000.
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { loadTerritoryData } from "../../src/data/index.js";
import { checkEligibility } from "../../src/territory/index.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const CLI = join(ROOT, "dist", "cli", "main.js");
const SIZES = (process.env.BENCH_ROWS ?? "100000,300000,1000000").split(",").map(Number);
const NAIVE_ROWS = Number(process.env.BENCH_NAIVE_ROWS ?? 20_000);
/** A date under today's regimes (QPV 2024 everywhere, FRR). */
const ON = "2026-01-15";

// City centres (lon, lat): points land in QPVs, next to them, and in rural communes around.
const CITIES: readonly [number, number][] = [
  [1.4442, 43.6045], // Toulouse
  [2.3522, 48.8566], // Paris
  [4.8357, 45.764], // Lyon
  [5.3698, 43.2965], // Marseille
  [-1.5536, 47.2184], // Nantes
  [3.0573, 50.6292], // Lille
  [7.7521, 48.5734], // Strasbourg
  [-0.5792, 44.8378], // Bordeaux
  [55.4504, -20.8823], // Saint-Denis, La Réunion
  [-61.534, 16.241], // Pointe-à-Pitre
];

/** A small deterministic generator (mulberry32), so every run benchmarks the same file. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(path: string, rows: number): Promise<void> {
  const random = mulberry32(20240501);
  const out = createWriteStream(path);
  let chunk = "id;nom;commune;lon;lat\r\n";
  for (let i = 0; i < rows; i++) {
    const city = i % CITIES.length;
    const [lon, lat] = CITIES[city]!;
    // Most people live in town; some in the countryside around (not overseas, where that is the sea).
    const spread = random() < 0.85 || city >= 8 ? 0.05 : 0.3;
    const x = lon + (random() - 0.5) * spread;
    const y = lat + (random() - 0.5) * spread * 0.7;
    chunk += `${i};Personne ${i};Ville ${i % CITIES.length};${x.toFixed(5).replace(".", ",")};${y.toFixed(5).replace(".", ",")}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

interface CliRun {
  readonly seconds: number;
  readonly maxRssMiB: number;
  readonly cpuSeconds: number;
}

/** Heap cap that proves the working set is constant: the run fails if live memory grows with the file. */
const CAPPED_HEAP_MIB = 96;

async function runCli(input: string, output: string, nodeFlags: readonly string[] = []): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, CLI, "eligibility", input, "-o", output, "--on", ON, "-q"], {
    env: { ...process.env, DECLICS_CLI_REPORT_RESOURCES: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, "exit")) as [number];
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`declics exited ${code}: ${stderr}`);
  const line = stderr.split("\n").find((l) => l.startsWith("DECLICS_RESOURCES "));
  const usage = JSON.parse(line?.slice("DECLICS_RESOURCES ".length) ?? "{}") as {
    maxRssKiB: number;
    userMs: number;
    systemMs: number;
  };
  return { seconds, maxRssMiB: usage.maxRssKiB / 1024, cpuSeconds: (usage.userMs + usage.systemMs) / 1000 };
}

/** The naive way: csv-parse, one checkEligibility per row, csv-stringify per row. */
async function runNaive(input: string, output: string, rows: number): Promise<number> {
  const data = await loadTerritoryData();
  const on = new Date(`${ON}T12:00:00Z`);
  const started = performance.now();
  const out = createWriteStream(output);
  const parser = createReadStream(input).pipe(parse({ delimiter: ";", bom: true, relax_column_count: true }));
  let n = -1;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (n++ < 0) continue;
    if (n > rows) break;
    let extra: string[];
    try {
      const r = checkEligibility(
        { lon: Number(record[3]?.replace(",", ".")), lat: Number(record[4]?.replace(",", ".")) },
        { on, data },
      );
      extra = [
        r.status,
        r.qpv.zone?.code ?? "",
        r.qpv.zone?.name ?? "",
        r.rural.regime ?? "",
        r.rural.status,
        r.commune?.codeInsee ?? "",
        r.commune?.name ?? "",
        String(Math.round(r.distanceToBoundaryM.qpv ?? 0)),
        r.reasons.map((x) => x.code).join("|"),
      ];
    } catch (error) {
      extra = ["error", "", "", "", "", "", "", "", (error as { code?: string }).code ?? "error"];
    }
    if (!out.write(stringify([[...record, ...extra]], { delimiter: ";" }))) await once(out, "drain");
  }
  parser.destroy();
  out.end();
  await once(out, "finish");
  return Math.min(n, rows) / ((performance.now() - started) / 1000);
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-GB");

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`Build the CLI first: npm run build (missing ${CLI})`);
  const dir = mkdtempSync(join(tmpdir(), "declics-bench-cli-"));
  try {
    console.log(
      `declics eligibility benchmark — Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? "?"})`,
    );
    const results: { rows: number; run: CliRun; capped: CliRun; mib: number }[] = [];
    for (const rows of SIZES) {
      const input = join(dir, `points-${rows}.csv`);
      await generate(input, rows);
      const mib = statSync(input).size / 1024 / 1024;
      // One warm-up pass for the file cache, then the measured pass.
      if (rows <= 100_000) await runCli(input, join(dir, `out-${rows}.csv`));
      const run = await runCli(input, join(dir, `out-${rows}.csv`));
      const capped = await runCli(input, join(dir, `out-${rows}.csv`), [`--max-old-space-size=${CAPPED_HEAP_MIB}`]);
      results.push({ rows, run, capped, mib });
      console.log(
        `${fmt(rows).padStart(10)} rows (${mib.toFixed(1)} MiB): ${run.seconds.toFixed(2)} s wall, ${fmt(rows / run.seconds)} rows/s wall, ` +
          `${fmt(rows / run.cpuSeconds)} rows per CPU-second, peak RSS ${run.maxRssMiB.toFixed(0)} MiB; ` +
          `with the JS heap capped at ${CAPPED_HEAP_MIB} MiB: peak RSS ${capped.maxRssMiB.toFixed(0)} MiB, ${fmt(rows / capped.seconds)} rows/s`,
      );
    }
    const tiny = join(dir, "one.csv");
    await generate(tiny, 1);
    const startup = await runCli(tiny, join(dir, "one-out.csv"));
    console.log(
      `startup (1 row: load data, parse, write): ${startup.seconds.toFixed(2)} s, peak RSS ${startup.maxRssMiB.toFixed(0)} MiB`,
    );

    const naiveInput = join(dir, `points-${SIZES[0]}.csv`);
    const naive = await runNaive(naiveInput, join(dir, "naive-out.csv"), NAIVE_ROWS);
    console.log(
      `naive pipeline (csv-parse + checkEligibility per row + csv-stringify, ${fmt(NAIVE_ROWS)} rows, in-process): ${fmt(naive)} rows/s`,
    );

    const largest = results.at(-1);
    const smallest = results[0];
    if (largest !== undefined && smallest !== undefined) {
      const rate = largest.rows / largest.run.seconds;
      const met = rate >= 200_000 ? "met" : "NOT met";
      console.log(
        `\nend to end, ${fmt(largest.rows)} rows: ${fmt(rate)} rows/s (target >= 200,000: ${met}); ` +
          `${(rate / naive).toFixed(1)}x the naive pipeline`,
      );
      const times = (largest.rows / smallest.rows).toFixed(0);
      const growth = (small: CliRun, large: CliRun): string => {
        const ratio = large.maxRssMiB / small.maxRssMiB;
        return (
          `${small.maxRssMiB.toFixed(0)} MiB at ${fmt(smallest.rows)} rows, ${large.maxRssMiB.toFixed(0)} MiB at ` +
          `${fmt(largest.rows)} rows (x${ratio.toFixed(2)} for x${times} rows: ${ratio < 1.15 ? "flat" : "NOT flat"})`
        );
      };
      console.log(`memory with the heap capped at ${CAPPED_HEAP_MIB} MiB: ${growth(smallest.capped, largest.capped)}`);
      console.log(`memory with Node's default heap settings: peak RSS ${growth(smallest.run, largest.run)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
