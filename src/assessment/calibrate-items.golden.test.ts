// Pins the exact output of calibrateItems on seeded simulated data (Rasch and 2PL, with missing answers,
// an empty row and a non-estimable item), so that a refactoring of the EM loop cannot change a number
// unnoticed. Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { calibrateItems } from "./calibrate-items.js";
import { createSimulatedBank } from "./create-simulated-bank.js";

type Cell = 0 | 1 | null;
const here = dirname(fileURLToPath(import.meta.url));
const goldenPath = join(here, "__fixtures__", "calibration-golden.json");

/** Answers of `persons` examinees to a seeded simulated bank, with missing cells, an empty row and an item everyone gets right. */
function simulatedMatrix(model: "rasch" | "2pl", persons: number): { itemIds: string[]; rows: Cell[][] } {
  const bank = createSimulatedBank({ seed: `golden-${model}`, items: 12, model });
  const random = createSeededRandom(`golden-${model}:answers`);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: Cell[][] = [];
  for (let n = 0; n < persons; n++) {
    const theta = 1.2 * normal();
    const row: Cell[] = bank.items.map(({ irt }) =>
      random() < 0.1 ? null : random() < 1 / (1 + Math.exp(-irt.a * (theta - irt.b))) ? 1 : 0,
    );
    row.push(n % 7 === 0 ? null : 1);
    rows.push(n === 3 ? row.map(() => null) : row);
  }
  return { itemIds: [...bank.items.map((it) => it.id as string), "always-right"], rows };
}

const cases = {
  rasch: calibrateItems(simulatedMatrix("rasch", 400), { model: "rasch" }),
  "2pl": calibrateItems(simulatedMatrix("2pl", 500), { model: "2pl" }),
  "2pl-short": calibrateItems(simulatedMatrix("2pl", 120), { model: "2pl", maxIterations: 4 }),
};

describe("calibrateItems golden output", () => {
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(goldenPath, `${JSON.stringify(cases, null, 2)}\n`);
  const golden = JSON.parse(readFileSync(goldenPath, "utf8")) as typeof cases;

  it.each(Object.keys(cases) as (keyof typeof cases)[])("%s is unchanged to the last digit", (name) => {
    expect(JSON.parse(JSON.stringify(cases[name]))).toEqual(golden[name]);
  });
});
