import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { checkParameters } from "./_check.js";
import { ScoredResponse } from "./ability.js";
import { IrtParameters } from "./item.js";

/**
 * Input validation of the public IRT functions, in one order and with one set of labels: the zod schema first,
 * then the values it cannot express (impossible parameters, see `checkParameters`).
 * @module
 */

const Theta = z.number();
const Responses = z.array(ScoredResponse);

/** One item's parameters and an ability, validated (for `computeProbability` and `computeInformation`). */
export function parseItemAt(irt: unknown, theta: unknown): { readonly irt: IrtParameters; readonly theta: number } {
  const p = parseWith(IrtParameters, irt, { module: "assessment", what: "IRT parameters" });
  const t = parseWith(Theta, theta, { module: "assessment", what: "ability theta" });
  checkParameters(p);
  return { irt: p, theta: t };
}

/** An estimator's scored responses and options (`what` names them in errors), validated in that order. */
export function parseEstimatorInput<O extends z.ZodType>(
  responses: unknown,
  options: unknown,
  schema: O,
  what: string,
): { readonly responses: ScoredResponse[]; readonly options: z.output<O> } {
  const rs = parseWith(Responses, responses, { module: "assessment", what: "scored responses" });
  const o = parseWith(schema, options, { module: "assessment", what });
  rs.forEach((r, i) => checkParameters(r.irt, `${i}.irt`));
  return { responses: rs, options: o };
}
