import * as z from "zod/v4";
import { SimulatedSessionOptions } from "./session-state.js";
import { parseWith } from "../_lib/parse.js";
import { bankFrom } from "./_session.js";
import { simulateAssessment } from "./simulate-assessment.js";

/** Options of `computeSympsonHetterParameters`. */
const Options = z.object({
  seed: z.union([z.number().int(), z.string()]),
  /** The highest exposure rate wanted for any item (e.g. 0.25). */
  targetExposure: z.number().gt(0).lte(1),
  iterations: z.number().int().min(1).max(100).default(10),
  /** Simulated examinees per iteration. */
  examinees: z.number().int().min(10).max(1_000_000).default(2000),
  length: z.number().int().min(1).max(500).default(30),
  /** Randomesque k applied before the lottery. */
  k: z.number().int().min(1).max(50).default(1),
  populationMean: z.number().default(0),
  populationSd: z.number().positive().default(1),
  session: SimulatedSessionOptions.prefault({}),
});
/** Options of `computeSympsonHetterParameters`. */
export type ComputeSympsonHetterParametersOptions = z.input<typeof Options>;

/** Sympson-Hetter parameters and how exposure evolved while computing them. */
export interface SympsonHetterParameters {
  /** Probability of administering each item once selected (pass as `exposure.parameters`). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Highest item exposure rate observed at each iteration. */
  readonly maxExposureByIteration: readonly number[];
  /** RMSE of ability at each iteration (the precision paid for lower exposure). */
  readonly rmseByIteration: readonly number[];
}

/**
 * Computes Sympson-Hetter exposure-control parameters by the classic iterative simulation: start with
 * every parameter at 1; simulate adaptive tests with the current parameters; for each item, with P(S)
 * the share of examinees for whom it was selected, set its parameter to `targetExposure / P(S)` when
 * P(S) exceeds the target, else 1; repeat. Pass the result as
 * `exposure: { method: "sympson_hetter", parameters }` to `startAdaptiveSession`.
 *
 * The parameters are only valid for the bank, population, test length and options they were computed
 * with. Exposure falls toward the target over the iterations; precision drops a little, and
 * `rmseByIteration` shows by how much.
 *
 * @param bank - the item bank
 * @param options - `seed`, `targetExposure` (e.g. 0.25), `iterations` (10), `examinees` per iteration
 *   (2000), `length` (30), `k` (1), population mean/sd, `session` options (content balancing, stopping)
 * @returns `{ parameters, maxExposureByIteration, rmseByIteration }`
 * @throws {DeclicsError} `invalid_input` for malformed options or bank; `invalid_option` as
 *   `simulateAssessment` does
 * @example
 * ```ts
 * import { STARTER_BANK, computeSympsonHetterParameters } from "declics/assessment";
 * const sh = computeSympsonHetterParameters(STARTER_BANK, { seed: 1, targetExposure: 0.3, iterations: 3, examinees: 300, length: 15 });
 * Object.values(sh.parameters).every((k) => k > 0 && k <= 1);
 * // => true
 * ```
 * @category Adaptive testing
 */
export function computeSympsonHetterParameters(
  bank: unknown,
  options: ComputeSympsonHetterParametersOptions,
): SympsonHetterParameters {
  const parsedBank = bankFrom(bank);
  const o = parseWith(Options, options, {
    module: "assessment",
    what: "Sympson-Hetter options",
  });
  const parameters: Record<string, number> = Object.fromEntries(parsedBank.items.map((item) => [item.id as string, 1]));
  const maxExposureByIteration: number[] = [];
  const rmseByIteration: number[] = [];
  for (let it = 0; it < o.iterations; it++) {
    const sim = simulateAssessment(parsedBank, {
      seed: `${String(o.seed)}:sh${it}`,
      design: { kind: "adaptive" },
      examinees: o.examinees,
      length: o.length,
      populationMean: o.populationMean,
      populationSd: o.populationSd,
      seTarget: null,
      session: {
        ...o.session,
        exposure: { method: "sympson_hetter", k: o.k, parameters: { ...parameters }, defaultParameter: 1 },
      },
    });
    maxExposureByIteration.push(Math.max(...Object.values(sim.exposure)));
    rmseByIteration.push(sim.rmse);
    for (const id of Object.keys(parameters)) {
      const selected = sim.selection[id] ?? 0;
      parameters[id] = selected > o.targetExposure ? o.targetExposure / selected : 1;
    }
  }
  return { parameters, maxExposureByIteration, rmseByIteration };
}
