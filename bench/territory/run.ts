/**
 * Benchmark of territory eligibility on the compiled official data (run `npm run build:data` first).
 *
 *   npx tsx bench/territory/run.ts [points]
 *
 * Points: seeded, uniformly random within about 15 km of 20 French cities (mainland and overseas), so a
 * realistic share falls in QPVs, near their edges, in rural communes and at sea.
 *
 * Compared in the same run:
 * - declics `checkEligibilityColumns`: the full QPV + commune + zone (ZRR/FRR) answer per point, typed arrays;
 * - declics `checkEligibilityMany` and `checkEligibility`: the same answers materialised as result objects;
 * - the naive baseline: a loop of @turf/boolean-point-in-polygon over every QPV 2024 feature (QPV only, no
 *   commune, no zone), on a smaller sample, extrapolated per second.
 * Also: the cold load of the default data (`loadTerritoryData()` timed in fresh child processes) and the
 * resident memory.
 *
 * Targets (issue #3): >= 1,000,000 points/s on one core for the full answer, >= 500x the naive loop,
 * cold load < 150 ms.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { createSeededRandom } from "../../src/_lib/random.js";
import { loadTerritoryData } from "../../src/data/index.js";
import { checkEligibility, checkEligibilityColumns, checkEligibilityMany } from "../../src/territory/index.js";

const SOURCES = process.env.DECLICS_DATA_SOURCES ?? fileURLToPath(new URL("../../../shared/data", import.meta.url));
const N = Number(process.argv[2] ?? 2_000_000);
const NAIVE_N = 2_000;
const OBJECTS_N = 100_000;
// 2025-03-01: the QPV 2024 list applies everywhere (overseas too), as in the naive baseline; FRR in force.
const on = new Date("2025-03-01T12:00:00Z");

const CITIES: readonly [string, number, number][] = [
  ["Toulouse", 1.444, 43.604],
  ["Paris", 2.352, 48.857],
  ["Marseille", 5.37, 43.296],
  ["Lyon", 4.836, 45.764],
  ["Lille", 3.063, 50.629],
  ["Nantes", -1.553, 47.218],
  ["Strasbourg", 7.75, 48.583],
  ["Bordeaux", -0.579, 44.837],
  ["Montpellier", 3.877, 43.611],
  ["Rennes", -1.678, 48.117],
  ["Nîmes", 4.36, 43.837],
  ["Perpignan", 2.895, 42.699],
  ["Mende", 3.5, 44.518],
  ["Clermont-Ferrand", 3.087, 45.777],
  ["Ajaccio", 8.737, 41.919],
  ["Pointe-à-Pitre", -61.533, 16.241],
  ["Fort-de-France", -61.059, 14.616],
  ["Cayenne", -52.313, 4.922],
  ["Saint-Denis (Réunion)", 55.45, -20.882],
  ["Mamoudzou", 45.228, -12.781],
];

function points(n: number, seed: string): { lon: Float64Array; lat: Float64Array } {
  const random = createSeededRandom(seed);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [, x, y] = CITIES[Math.floor(random() * CITIES.length)]!;
    lon[i] = x + (random() - 0.5) * 0.4;
    lat[i] = y + (random() - 0.5) * 0.27;
  }
  return { lon, lat };
}

function rate(n: number, ms: number): number {
  return (n / ms) * 1000;
}

const fmt = (v: number): string => Math.round(v).toLocaleString("en-US");

// --- cold load in fresh processes ---------------------------------------------------------------------------
const child = `
const { loadTerritoryData } = await import(${JSON.stringify(new URL("../../src/data/index.ts", import.meta.url).href)});
const t = performance.now();
const data = await loadTerritoryData();
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, communes: data.communes.size }));
`;
const colds: number[] = [];
let childRss = 0;
for (let i = 0; i < 5; i++) {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child], {
    encoding: "utf8",
  });
  const parsed = JSON.parse(out) as { ms: number; rss: number };
  colds.push(parsed.ms);
  childRss = parsed.rss;
}
colds.sort((a, b) => a - b);

// --- declics ---------------------------------------------------------------------------------------------------
const data = await loadTerritoryData();
const pts = points(N, "bench-territory");
checkEligibilityColumns({ lon: pts.lon.subarray(0, 50_000), lat: pts.lat.subarray(0, 50_000) }, { on, data }); // warm-up, context
const runs: number[] = [];
let batch = checkEligibilityColumns(pts, { on, data });
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  batch = checkEligibilityColumns(pts, { on, data });
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
const batchRate = rate(N, runs[Math.floor(runs.length / 2)]!);
const counts = { eligible: 0, not_eligible: 0, uncertain: 0, error: 0 };
for (let i = 0; i < N; i++) counts[batch.statusOf(i)]++;

const subjects = Array.from({ length: OBJECTS_N }, (_, i) => ({ lon: pts.lon[i]!, lat: pts.lat[i]! }));
checkEligibilityMany(subjects.slice(0, 5_000), { on, data });
let t = performance.now();
checkEligibilityMany(subjects, { on, data });
const manyRate = rate(OBJECTS_N, performance.now() - t);
t = performance.now();
let singleErrors = 0;
for (const s of subjects.slice(0, 20_000)) {
  try {
    checkEligibility(s, { on, data });
  } catch {
    singleErrors++;
  }
}
const singleRate = rate(20_000, performance.now() - t);

// --- naive turf loop over every QPV feature -------------------------------------------------------------
const qpvFeatures = (
  JSON.parse(readFileSync(`${SOURCES}/qpv-2024-simplified.geojson`, "utf8")) as {
    features: Feature<Polygon | MultiPolygon>[];
  }
).features;
const naivePts = points(NAIVE_N, "bench-territory");
let naiveHits = 0;
t = performance.now();
for (let i = 0; i < NAIVE_N; i++) {
  const p = [naivePts.lon[i]!, naivePts.lat[i]!];
  for (const f of qpvFeatures) {
    if (booleanPointInPolygon(p, f)) {
      naiveHits++;
      break;
    }
  }
}
const naiveRate = rate(NAIVE_N, performance.now() - t);
// Same points, same answer for QPV membership (where declics is not within the tolerance band).
const check = checkEligibilityColumns(naivePts, { on, data });
let declicsHits = 0;
for (let i = 0; i < NAIVE_N; i++) if (check.qpv[i]! >= 0) declicsHits++;

const rss = process.memoryUsage().rss;
const lines = [
  `territory eligibility benchmark — ${fmt(N)} seeded points around ${CITIES.length} cities, date ${on.toISOString().slice(0, 10)}`,
  `  declics checkEligibilityColumns (QPV + commune + ZRR/FRR, typed arrays): ${fmt(batchRate)} points/s (median of 5 runs, one core)`,
  `    answers: ${fmt(counts.eligible)} eligible, ${fmt(counts.not_eligible)} not eligible,` +
    ` ${fmt(counts.uncertain)} uncertain, ${fmt(counts.error)} errors (at sea / abroad)`,
  `  declics checkEligibilityMany (full result objects):                    ${fmt(manyRate)} points/s`,
  `  declics checkEligibility (one call per point):                         ${fmt(singleRate)} points/s (${singleErrors} errors)`,
  `  naive turf booleanPointInPolygon over ${qpvFeatures.length} QPV (QPV only):         ${fmt(naiveRate)} points/s (${fmt(NAIVE_N)} points, extrapolated)`,
  `    same points in a QPV: naive ${naiveHits}, declics ${declicsHits}`,
  `  ratio batch / naive: ${fmt(batchRate / naiveRate)}x   (target >= 500x); many / naive: ${fmt(manyRate / naiveRate)}x`,
  `  cold load loadTerritoryData() in a fresh process: median ${colds[2]!.toFixed(1)} ms,` +
    ` min ${colds[0]!.toFixed(1)} ms, max ${colds[4]!.toFixed(1)} ms (target < 150 ms)`,
  `  resident memory: ${(childRss / 1e6).toFixed(0)} MB after a cold load;` +
    ` ${(rss / 1e6).toFixed(0)} MB in this process (with ${fmt(N)} points and the GeoJSON for turf)`,
  `  targets: >= 1,000,000 points/s ${batchRate >= 1e6 ? "MET" : "NOT MET"}; >= 500x naive` +
    ` ${batchRate / naiveRate >= 500 ? "MET" : "NOT MET"}; cold load < 150 ms` +
    ` ${colds[2]! < 150 ? "MET" : "NOT MET"}`,
];
process.stdout.write(`${lines.join("\n")}\n`);
