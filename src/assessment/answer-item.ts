import { parseWith } from "../_lib/parse.js";
import { isAnswerCorrect } from "./is-answer-correct.js";
import { IN_PROGRESS, replayAnswer, resumeSession, sessionError, stateOf } from "./_session.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { type AdaptiveSession, SessionResponse } from "./session-state.js";

/**
 * Records the answer to the pending item of an adaptive session, updates the EAP estimate and applies
 * the stopping rules. The response is either already scored (`{ itemId, correct }`) or raw
 * (`{ itemId, answer }`, scored here with the bank's key by {@link isAnswerCorrect}: the key never
 * leaves the server).
 *
 * The stored state is checked first: it must come from this bank (id, version and content fingerprint)
 * and replay exactly from its seed and answers, so a state with unknown, repeated or edited responses,
 * or a pending item the engine would not have chosen, is refused rather than scored.
 *
 * @param bank - the bank the session was started with
 * @param state - a session with an item pending
 * @param response - `{ itemId, correct }` or `{ itemId, answer }`; `itemId` must be the pending item's
 * @returns the new state (status `finished` with a `stopReason` when a stopping rule is met)
 * @throws {DeclicsError} `invalid_session_state` when nothing is pending, the session is finished, the
 *   id is not the pending item's, or the state does not replay on this bank; `invalid_input` for a
 *   malformed response
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem, answerItem } from "declics/assessment";
 * let s = selectNextItem(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: 7 }));
 * s = answerItem(STARTER_BANK, s, { itemId: s.pending!.itemId, correct: true });
 * s.responses.length;
 * // => 1
 * ```
 * @category Adaptive testing
 */
export function answerItem(bank: unknown, state: AdaptiveSession, response: SessionResponse): AdaptiveSession {
  const resp = parseWith(SessionResponse, response, { module: "assessment", what: "session response" });
  const r = resumeSession(bank, state);
  if (r.stopReason !== null) throw sessionError(IN_PROGRESS, `{ stopReason: ${JSON.stringify(r.stopReason)} }`);
  if (r.pending === null)
    throw sessionError(
      rule("a pending item (call selectNextItem first)", "un item en attente (appelez d'abord selectNextItem)"),
      `{ pending: null, itemId: ${JSON.stringify(resp.itemId)} }`,
    );
  const item = r.engine.p.items[r.pending.index]!;
  if (resp.itemId !== item.id)
    throw sessionError(
      rule(`an answer to the pending item "${item.id}"`, `une réponse à l'item en attente "${item.id}"`),
      `{ itemId: ${JSON.stringify(resp.itemId)} }`,
    );
  replayAnswer(r, "correct" in resp ? resp.correct : isAnswerCorrect(item, resp.answer));
  return stateOf(r);
}
