import * as z from "zod/v4";
import { createSeededRandom } from "../_lib/random.js";
import { parseWith } from "../_lib/parse.js";
import { levelOf } from "./_irt.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import type { ItemBank } from "./item-bank.js";

/** Options of `createSimulatedBank`. */
const Options = z.object({
  seed: z.union([z.number().int(), z.string()]),
  items: z.number().int().min(1).max(100_000),
  model: z.enum(["rasch", "2pl", "3pl"]).default("2pl"),
  /** Competences to spread items over, round-robin (default: the default framework's 18). */
  competences: z.array(z.string().min(1)).min(1).optional(),
  /** Difficulties are drawn from N(difficultyMean, difficultySd). */
  difficultyMean: z.number().default(0),
  difficultySd: z.number().positive().default(1.2),
});
/** Options of `createSimulatedBank`. */
export type CreateSimulatedBankOptions = z.input<typeof Options>;

/**
 * A bank of numeric placeholder items with random IRT parameters, for simulation studies and tests:
 * b ~ N(difficultyMean, difficultySd); 2PL/3PL: a = exp(N(0, 0.25)) (about 0.6 to 1.7); 3PL: c ~ U(0.05, 0.25).
 * Item levels follow from b and the default framework's level cuts.
 *
 * @param options - `seed`, `items`, `model` ("2pl"), `competences`, `difficultyMean`, `difficultySd`
 * @returns a valid item bank (all parameters marked `calibrated`, since they are the truth of the simulation)
 * @throws {DeclicsError} `invalid_input` for malformed options
 * @example
 * ```ts
 * import { createSimulatedBank } from "declics/assessment";
 * createSimulatedBank({ seed: 1, items: 500 }).items.length;
 * // => 500
 * ```
 * @category Simulation
 */
export function createSimulatedBank(options: CreateSimulatedBankOptions): ItemBank {
  const o = parseWith(Options, options, { module: "assessment", what: "simulated bank options" });
  const random = createSeededRandom(`${String(o.seed)}:bank`);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const competences = o.competences ?? DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences.map((c) => c.id as string));
  const items = Array.from({ length: o.items }, (_, i) => {
    const b = o.difficultyMean + o.difficultySd * normal();
    const a = o.model === "rasch" ? 1 : Math.exp(0.25 * normal());
    const c = o.model === "3pl" ? 0.05 + 0.2 * random() : 0;
    return {
      id: `sim-${String(i + 1).padStart(5, "0")}`,
      competence: competences[i % competences.length]!,
      level: levelOf(b, DEFAULT_FRAMEWORK.levelCuts),
      kind: "numeric" as const,
      stem: `Question simulée ${i + 1}`,
      answer: 0,
      tolerance: 0,
      irt: { a, b, c },
      parametersStatus: "calibrated" as const,
    };
  });
  return { id: `simulated-${String(o.seed)}`, name: "Banque simulée", items } as unknown as ItemBank;
}
