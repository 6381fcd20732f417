/**
 * Runs every benchmark in turn, each in its own process so that one's memory does not weigh on the next:
 *
 *   npm run bench            # all
 *   npm run bench territory  # some, by folder name
 *
 * Each benchmark compares declics with a naive or peer approach in the same run and prints ratios.
 * The CLI benchmark runs the built CLI: `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const all = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark(s): ${unknown.join(", ")}. Known: ${all.join(", ")}\n`);
  process.exit(1);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : all) {
  process.stdout.write(`\n=== bench/${name} ===\n`);
  // run.ts first, then the folder's other benchmarks (files not starting with "_"), each in its own process.
  const extra = readdirSync(`${benchDir}${name}`)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
    .sort();
  for (const file of ["run.ts", ...extra]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", `${benchDir}${name}/${file}`], { stdio: "inherit" });
    if (run.status !== 0) failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
