import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { calibrateItems } from "./calibrate-items.js";

type Cell = 0 | 1 | null;

/** Simulates a response matrix with missing answers at random. */
function simulate(
  seed: number,
  persons: number,
  items: { a: number; b: number }[],
  sd: number,
  missing: number,
): { itemIds: string[]; rows: Cell[][] } {
  const random = createSeededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: Cell[][] = [];
  for (let n = 0; n < persons; n++) {
    const theta = sd * normal();
    rows.push(
      items.map((it) => (random() < missing ? null : random() < 1 / (1 + Math.exp(-it.a * (theta - it.b))) ? 1 : 0)),
    );
  }
  return { itemIds: items.map((_, j) => `q${j + 1}`), rows };
}

const rmse = (x: number[], y: number[]): number => Math.sqrt(x.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0) / x.length);

describe("calibrateItems", () => {
  it("recovers Rasch difficulties and the population SD (1500 persons, 20 items, 10% missing): RMSE(b) < 0.12, max error < 0.3", () => {
    const truth = Array.from({ length: 20 }, (_, j) => ({ a: 1, b: -2 + (4 * j) / 19 }));
    const c = calibrateItems(simulate(1, 1500, truth, 1.3, 0.1), { model: "rasch" });
    expect(c.converged).toBe(true);
    const b = c.items.map((i) => i.irt!.b);
    expect(
      rmse(
        b,
        truth.map((t) => t.b),
      ),
    ).toBeLessThan(0.12);
    expect(Math.max(...b.map((v, j) => Math.abs(v - truth[j]!.b)))).toBeLessThan(0.3);
    expect(Math.abs(c.populationSd - 1.3)).toBeLessThan(0.1);
    for (const item of c.items) {
      expect(item.infit!).toBeGreaterThan(0.8);
      expect(item.infit!).toBeLessThan(1.2);
      expect(item.seB!).toBeGreaterThan(0.03);
      expect(item.seB!).toBeLessThan(0.15);
    }
  });

  it("recovers 2PL parameters (2000 persons, 15 items, 5% missing): RMSE(a) < 0.15, RMSE(b) < 0.15", () => {
    const random = createSeededRandom(7);
    const truth = Array.from({ length: 15 }, () => ({ a: 0.7 + 1.3 * random(), b: -1.5 + 3 * random() }));
    const c = calibrateItems(simulate(2, 2000, truth, 1, 0.05), { model: "2pl" });
    expect(c.converged).toBe(true);
    expect(
      rmse(
        c.items.map((i) => i.irt!.a),
        truth.map((t) => t.a),
      ),
    ).toBeLessThan(0.15);
    expect(
      rmse(
        c.items.map((i) => i.irt!.b),
        truth.map((t) => t.b),
      ),
    ).toBeLessThan(0.15);
  });

  it("flags a noisy item with the highest infit and outfit", () => {
    const truth = Array.from({ length: 12 }, (_, j) => ({ a: j === 5 ? 0.05 : 1.5, b: -1.5 + (3 * j) / 11 }));
    const c = calibrateItems(simulate(3, 800, truth, 1, 0), { model: "rasch" });
    const worst = [...c.items].sort((x, y) => y.outfit! - x.outfit!)[0]!;
    expect(worst.itemId).toBe("q6");
    expect(worst.infit!).toBeGreaterThan(1.2);
  });

  it("reports items without a finite estimate and empty rows instead of dropping them", () => {
    const c = calibrateItems({
      itemIds: ["easy", "mid", "none", "hard"],
      rows: [
        [1, 1, null, 0],
        [1, 0, null, 0],
        [null, null, null, null],
        [1, 1, null, 0],
        [1, 0, null, 0],
      ],
    });
    expect(c.emptyRows).toEqual([2]);
    expect(c.items.map((i) => i.status)).toEqual(["not_estimable", "calibrated", "not_estimable", "not_estimable"]);
    expect(c.items[0]!.reason).toBe("everyone who answered was right");
    expect(c.items[2]!.reason).toBe("nobody answered");
    expect(c.items[3]!.pValue).toBe(0);
  });

  it("orders Rasch difficulties like the p-values of a complete matrix", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const truth = [-1, -0.3, 0.4, 1.1].map((b) => ({ a: 1, b }));
        const data = simulate(seed, 120, truth, 1, 0);
        const c = calibrateItems(data, { maxIterations: 200 });
        const ok = c.items.filter((i) => i.status === "calibrated");
        for (const x of ok) for (const y of ok) if (x.pValue! > y.pValue!) expect(x.irt!.b).toBeLessThan(y.irt!.b);
      }),
      { numRuns: 15 },
    );
  });
});
