import { parseWith } from "../_lib/parse.js";
import { bankFrom, beginReplay, stateOf } from "./_session.js";
import type * as z from "zod/v4";
import { type AdaptiveSession, SessionOptions } from "./session-state.js";

/** Options of `startAdaptiveSession`: the seed, the grid and prior, the stopping rules, content balancing and exposure control. */
export type AdaptiveSessionOptions = z.input<typeof SessionOptions>;

/**
 * Starts an adaptive test: a pure state machine driven by {@link selectNextItem} and {@link answerItem},
 * read with {@link computeSessionResult}, each given the bank and the state. The state is small (about
 * 3 kB at 30 items), plain JSON and **holds no item and no answer key**: it refers to the bank by id,
 * version and content fingerprint. Keep it on the server between requests; send the participant only
 * {@link viewPendingItem}.
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
 * @throws {DeclicsError} `invalid_input` for malformed options or bank (unordered `levelCuts`...);
 *   `invalid_item_bank` for an inconsistent or empty bank; `invalid_option` when `competences` or
 *   `contentBalancing.targets` name competences without items, when Sympson-Hetter parameters name items
 *   outside the bank, or when the prior does not fit the grid
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem } from "declics/assessment";
 * const session = selectNextItem(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: "alice" }));
 * session.pending !== null && !("answer" in session.pending);
 * // => true
 * ```
 * @category Adaptive testing
 */
export function startAdaptiveSession(bank: unknown, options: AdaptiveSessionOptions): AdaptiveSession {
  const parsedBank = bankFrom(bank);
  const o = parseWith(SessionOptions, options, { module: "assessment", what: "adaptive session options" });
  return stateOf(beginReplay(parsedBank, o));
}
