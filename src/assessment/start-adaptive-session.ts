import { parseWith } from "../_lib/parse.js";
import { createSelectionContext } from "./_select.js";
import { bankFrom, engineOf, estimateFrom, posteriorAfter } from "./_session.js";
import { type AdaptiveSession, AdaptiveSessionOptions } from "./schema.js";

/**
 * Starts an adaptive test: a pure state machine driven by {@link selectNextItem} and {@link answerItem},
 * read with {@link computeSessionResult}. The state is a plain JSON-serialisable value (the bank is
 * included), so an app can store it between requests and resume later.
 *
 * The algorithm: EAP ability on the grid after each answer; next item by maximum Fisher information at
 * the current estimate within the competence furthest below its target share (content balancing),
 * chosen at random among the best `k` (exposure control), optionally filtered by Sympson-Hetter; stop
 * when SE <= `seThreshold`, when the posterior probability of the current level band reaches
 * `levelConfidence` (both only after `minItems`), at `maxItems`, or when no item is left. Randomness
 * comes only from `seed`: the same seed and answers replay the same session.
 *
 * @param bank - the item bank (validated here once per object; see `parseItemBank`)
 * @param options - `seed` (required), `maxItems` (30), `minItems` (5), `seThreshold` (0.3, null = off),
 *   `levelConfidence` (null), `levelCuts`, `competences`, `contentBalancing`, `exposure`, `grid`, `prior`
 * @returns the initial state (no item pending yet; estimate = prior mean)
 * @throws {DeclicsError} `invalid_input` for malformed options or bank; `invalid_item_bank` for an
 *   inconsistent bank; `invalid_option` when `competences` or `contentBalancing.targets` name competences
 *   without items in the bank
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem } from "declics/assessment";
 * const session = selectNextItem(startAdaptiveSession(STARTER_BANK, { seed: "alice" }));
 * session.pending !== null;
 * // => true
 * ```
 * @category Adaptive testing
 */
export function startAdaptiveSession(bank: unknown, options: AdaptiveSessionOptions): AdaptiveSession {
  const parsedBank = bankFrom(bank);
  const o = parseWith(AdaptiveSessionOptions, options, { module: "assessment", what: "adaptive session options" });
  const engine = engineOf(parsedBank, o);
  // Fails early (invalid_option) when the competences or targets asked for have no items in the bank.
  createSelectionContext(engine.p, engine.t, o);
  const { post, theta, se } = posteriorAfter(engine, []);
  return {
    version: 1,
    bank: parsedBank,
    options: o,
    status: "in_progress",
    pending: null,
    responses: [],
    excluded: [],
    randomDraws: 0,
    estimate: estimateFrom(engine, post, theta, se),
    stopReason: null,
    log: [],
  };
}
