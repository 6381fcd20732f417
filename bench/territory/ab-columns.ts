/**
 * A/B benchmark of the columnar path against an older checkout, in one process, runs interleaved so that a
 * busy machine slows both alike (the project's machine is shared):
 *
 *   npx tsx bench/territory/ab-columns.ts /path/to/old/checkout [points]
 *
 * The old checkout must have node_modules and data/build (symlinks are fine) and export either
 * checkEligibilityBatch (before issue #10) or checkEligibilityColumns.
 */
import { createSeededRandom } from "../../src/_lib/random.js";
import { loadTerritoryData } from "../../src/data/index.js";
import { checkEligibilityColumns } from "../../src/territory/index.js";

const OLD = process.argv[2];
const N = Number(process.argv[3] ?? 1_000_000);
if (OLD === undefined) throw new Error("usage: npx tsx bench/territory/ab-columns.ts /path/to/old/checkout [points]");

const random = createSeededRandom("bench-ab");
const lon = new Float64Array(N);
const lat = new Float64Array(N);
const cities = [
  [1.444, 43.604],
  [2.352, 48.857],
  [5.37, 43.296],
  [4.836, 45.764],
  [3.5, 44.518],
  [55.45, -20.882],
  [-61.533, 16.241],
] as const;
for (let i = 0; i < N; i++) {
  const [x, y] = cities[Math.floor(random() * cities.length)]!;
  lon[i] = x + (random() - 0.5) * 0.4;
  lat[i] = y + (random() - 0.5) * 0.27;
}

type Columnar = (
  points: { lon: Float64Array; lat: Float64Array },
  options: { on: Date; data: unknown },
) => { status: Uint8Array };
const oldTerritory = (await import(`${OLD}/src/territory/index.ts`)) as Record<string, unknown>;
const oldData = await (
  (await import(`${OLD}/src/data/index.ts`)) as { loadTerritoryData: () => Promise<unknown> }
).loadTerritoryData();
const oldFn = (oldTerritory.checkEligibilityColumns ?? oldTerritory.checkEligibilityBatch) as Columnar;
const data = await loadTerritoryData();
const on = new Date("2025-03-01T12:00:00Z");
const newFn = (): Uint8Array => checkEligibilityColumns({ lon, lat }, { on, data }).status;
const oldRun = (): Uint8Array => oldFn({ lon, lat }, { on, data: oldData }).status;

oldRun();
newFn();
const times = { old: [] as number[], new: [] as number[] };
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  const a = oldRun();
  times.old.push(performance.now() - t);
  t = performance.now();
  const b = newFn();
  times.new.push(performance.now() - t);
  if (a.length !== b.length || a.some((v, i) => v !== b[i])) throw new Error("old and new statuses differ");
}
const median = (v: number[]): number => v.sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
const rate = (ms: number): string => Math.round((N / ms) * 1000).toLocaleString("en-US");
process.stdout.write(
  `columnar A/B, ${N.toLocaleString("en-US")} points, 5 interleaved runs, same statuses: old` +
    ` ${rate(median(times.old))} points/s, new ${rate(median(times.new))} points/s (new/old` +
    ` ${(median(times.old) / median(times.new)).toFixed(2)})\n`,
);
