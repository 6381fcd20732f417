import * as z from "zod/v4";
import { parseItemAt } from "./_parse-irt-input.js";
import { information } from "./_irt.js";
import { IrtParameters } from "./item.js";

/**
 * Fisher information of an item at an ability: a^2 (1 - P) / P ((P - c) / (1 - c))^2. For Rasch and 2PL
 * items this is a^2 P (1 - P), largest at theta = b. The test information is the sum over items, and the
 * standard error of an ability estimate is 1 / sqrt(test information).
 *
 * @param irt - item parameters `{ a?, b, c? }`
 * @param theta - ability, in logits
 * @returns the information (>= 0)
 * @throws {DeclicsError} `invalid_input` for impossible parameters or a non-number theta
 * @example
 * ```ts
 * import { computeInformation } from "declics/assessment";
 * computeInformation({ b: 0 }, 0);
 * // => 0.25
 * computeInformation({ a: 2, b: 1 }, 1);
 * // => 1
 * ```
 * @category IRT
 */
export function computeInformation(irt: z.input<typeof IrtParameters>, theta: number): number {
  const { irt: p, theta: t } = parseItemAt(irt, theta);
  return information(p.a, p.b, p.c, t);
}
