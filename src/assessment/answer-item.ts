import { parseWith } from "../_lib/parse.js";
import { isAnswerCorrect } from "./is-answer-correct.js";
import { assertSession, engineOf, estimateFrom, posteriorAfter, sessionError, stopReasonFor } from "./_session.js";
import { type AdaptiveSession, type AuditEntry, SessionResponse } from "./schema.js";

/**
 * Records the answer to the pending item of an adaptive session, updates the EAP estimate, logs the
 * step and applies the stopping rules. The response is either already scored (`{ itemId, correct }`)
 * or raw (`{ itemId, answer }`, scored with {@link isAnswerCorrect}).
 *
 * @param state - a session with an item pending
 * @param response - `{ itemId, correct }` or `{ itemId, answer }`; `itemId` must be the pending item's
 * @returns the new state (status `finished` with a `stopReason` when a stopping rule is met)
 * @throws {DeclicsError} `invalid_session_state` when nothing is pending, the session is finished or
 *   the id is not the pending item's; `invalid_input` for a malformed response
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem, answerItem } from "declics/assessment";
 * let s = selectNextItem(startAdaptiveSession(STARTER_BANK, { seed: 7 }));
 * s = answerItem(s, { itemId: s.pending!.item.id, correct: true });
 * s.responses.length;
 * // => 1
 * ```
 * @category Adaptive testing
 */
export function answerItem(state: AdaptiveSession, response: SessionResponse): AdaptiveSession {
  assertSession(state);
  const r = parseWith(SessionResponse, response, { module: "assessment", what: "session response" });
  if (state.status === "finished") throw sessionError("a session in progress", "a finished session");
  if (state.pending === null) throw sessionError("a pending item (call selectNextItem first)", `an answer to ${r.itemId} with no item pending`);
  const { item, selection } = state.pending;
  if (r.itemId !== item.id) throw sessionError(`an answer to the pending item ${item.id}`, `an answer to ${r.itemId}`);
  const correct = "correct" in r ? r.correct : isAnswerCorrect(item, r.answer);
  const responses = [...state.responses, { itemId: item.id, competence: item.competence as string, correct }];
  const engine = engineOf(state.bank, state.options);
  const { post, theta, se } = posteriorAfter(engine, responses);
  const estimate = estimateFrom(engine, post, theta, se);
  const entry: AuditEntry = {
    step: responses.length,
    itemId: item.id,
    competence: item.competence,
    itemLevel: item.level,
    thetaBefore: state.estimate.theta,
    seBefore: state.estimate.se,
    selection,
    correct,
    thetaAfter: theta,
    seAfter: se,
  };
  const stopReason = stopReasonFor(responses.length, se, estimate.levelProbability, state.options);
  return {
    ...state,
    status: stopReason === null ? "in_progress" : "finished",
    pending: null,
    responses,
    estimate,
    stopReason,
    log: [...state.log, entry],
  };
}
