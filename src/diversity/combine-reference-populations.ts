import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { ReferencePopulation, type Dimension } from "./schema.js";

const Input = z.array(ReferencePopulation.extend({ population: z.number().int().nonnegative() })).min(1);
const Options = z.object({ id: z.string().min(1), label: z.string() });

/** Options of {@link combineReferencePopulations}. */
export type CombineReferencePopulationsOptions = z.input<typeof Options>;

/**
 * Pools several reference populations into one (e.g. all the QPV of a département), weighting each
 * share by its population: share = Σ population·share / Σ population. A category is kept only when every
 * population gives its share (a partial pool would be biased); the pooled population is the sum.
 *
 * @param populations - reference populations, each with its `population`
 * @param options - `id` and `label` of the pooled population
 * @returns the pooled reference population (`treatAs` is "sample" only if one of them was)
 * @throws {DeclicsError} `invalid_input` when a population is missing or the list is empty
 * @example
 * ```ts
 * import { combineReferencePopulations } from "declics/diversity";
 *
 * combineReferencePopulations([
 *   { id: "a", label: "A", source: "s", population: 1000, shares: { gender: { female: 0.5 } } },
 *   { id: "b", label: "B", source: "s", population: 3000, shares: { gender: { female: 0.54 } } },
 * ], { id: "ab", label: "A and B" }).shares.gender?.female;
 * // => 0.53
 * ```
 * @category Records
 */
export function combineReferencePopulations(
  populations: readonly z.input<typeof ReferencePopulation>[],
  options: CombineReferencePopulationsOptions,
): ReferencePopulation {
  const list = parseWith(Input, populations, { module: "diversity", what: "reference populations" });
  const o = parseWith(Options, options, { module: "diversity", what: "combination options" });
  const total = list.reduce((s, p) => s + p.population, 0);
  const shares: ReferencePopulation["shares"] = {};
  const first = list[0] as (typeof list)[number];
  for (const [dimension, categories] of Object.entries(first.shares) as [Dimension, Record<string, number>][]) {
    const pooled: Record<string, number> = {};
    for (const category of Object.keys(categories)) {
      if (!list.every((p) => p.shares[dimension]?.[category] !== undefined)) continue;
      pooled[category] =
        total === 0
          ? 0
          : list.reduce((s, p) => s + p.population * (p.shares[dimension]?.[category] as number), 0) / total;
    }
    if (Object.keys(pooled).length > 0) shares[dimension] = pooled;
  }
  const sources = [...new Set(list.map((p) => p.source))].join(", ");
  return {
    id: o.id,
    label: o.label,
    source: `${sources} (pooled from ${list.length} populations)`,
    population: total,
    shares,
    treatAs: list.some((p) => p.treatAs === "sample") ? "sample" : "fixed",
  };
}
