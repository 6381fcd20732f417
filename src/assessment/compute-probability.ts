import { parseItemAt } from "./_parse-irt-input.js";
import { probability } from "./_irt.js";
import { IrtParameters } from "./item.js";
import * as z from "zod/v4";

/**
 * Probability of a correct answer under the 3PL model:
 * P(theta) = c + (1 - c) / (1 + exp(-a (theta - b))). With `a` = 1 and `c` = 0 this is the Rasch model.
 *
 * @param irt - item parameters `{ a?, b, c? }` (a defaults to 1, c to 0)
 * @param theta - ability, in logits
 * @returns the probability, in (c, 1)
 * @throws {DeclicsError} `invalid_input` for impossible parameters or a non-number theta
 * @example
 * ```ts
 * import { computeProbability } from "declics/assessment";
 * computeProbability({ b: 0 }, 0);
 * // => 0.5
 * computeProbability({ a: 1.5, b: 0.5, c: 0.2 }, 0.5).toFixed(2);
 * // => "0.60"
 * ```
 * @category IRT
 */
export function computeProbability(irt: z.input<typeof IrtParameters>, theta: number): number {
  const { irt: p, theta: t } = parseItemAt(irt, theta);
  return probability(p.a, p.b, p.c, t);
}
