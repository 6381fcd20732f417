import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSimulatedBank } from "./create-simulated-bank.js";
import { parseItemBank } from "./parse-item-bank.js";

describe("createSimulatedBank", () => {
  it("makes valid, replayable banks for each model", () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom("rasch", "2pl", "3pl") as fc.Arbitrary<"rasch" | "2pl" | "3pl">,
        (seed, items, model) => {
          const bank = createSimulatedBank({ seed, items, model });
          expect(parseItemBank(bank).items.length).toBe(items);
          expect(createSimulatedBank({ seed, items, model })).toEqual(bank);
          if (model === "rasch") expect(bank.items.every((i) => i.irt.a === 1 && i.irt.c === 0)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
