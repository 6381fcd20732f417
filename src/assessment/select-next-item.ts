import { IN_PROGRESS, replaySelect, resumeSession, sessionError, stateOf } from "./_session.js";
import type { AdaptiveSession } from "./session-state.js";

/**
 * Chooses the next item of an adaptive session (see {@link startAdaptiveSession} for the algorithm) and
 * returns the new state with `pending` set to `{ itemId, selection }`. When no item can be offered the
 * session finishes with `stopReason: "bank_exhausted"`. Calling it again while an item is pending returns
 * an equal state. The state is checked against the bank first (see {@link answerItem}).
 *
 * @param bank - the bank the session was started with
 * @param state - a session in progress
 * @returns the new state; show the participant {@link viewPendingItem}; `state.pending.selection` says
 *   why the item was chosen
 * @throws {DeclicsError} `invalid_session_state` when the session is finished, is not a session state, was
 *   started on another bank, or does not replay (see {@link answerItem})
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem } from "declics/assessment";
 * const s = selectNextItem(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: 1 }));
 * s.pending?.selection.competenceRule;
 * // => "content_deficit_tie"
 * ```
 * @category Adaptive testing
 */
export function selectNextItem(bank: unknown, state: AdaptiveSession): AdaptiveSession {
  const r = resumeSession(bank, state);
  if (r.stopReason !== null) throw sessionError(IN_PROGRESS, `{ stopReason: ${JSON.stringify(r.stopReason)} }`);
  if (r.pending === null) replaySelect(r);
  return stateOf(r);
}
