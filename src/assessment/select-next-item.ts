import { createSelectionContext, hashSeed, selectItem, type SelectionOutcome, sessionRandom } from "./_select.js";
import { assertSession, engineOf, sessionError } from "./_session.js";
import type { AdaptiveSession, SelectionReason } from "./schema.js";

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Chooses the next item of an adaptive session (see {@link startAdaptiveSession} for the algorithm) and
 * returns the new state with `pending` set. When no item can be offered the session finishes with
 * `stopReason: "bank_exhausted"`. Calling it again while an item is pending returns the same state.
 *
 * @param state - a session in progress
 * @returns the new state; the item to show is `state.pending.item`, and `state.pending.selection` says
 *   why it was chosen
 * @throws {DeclicsError} `invalid_session_state` when the session is finished or not a session state
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem } from "declics/assessment";
 * const s = selectNextItem(startAdaptiveSession(STARTER_BANK, { seed: 1 }));
 * s.pending?.selection.competenceRule;
 * // => "content_deficit"
 * ```
 * @category Adaptive testing
 */
export function selectNextItem(state: AdaptiveSession): AdaptiveSession {
  assertSession(state);
  if (state.status === "finished") throw sessionError("a session in progress", `a finished session (${state.stopReason ?? "stopped"})`);
  if (state.pending !== null) return state;
  const engine = engineOf(state.bank, state.options);
  const { p, t } = engine;
  const ctx = createSelectionContext(p, t, state.options);
  for (const r of state.responses) {
    const i = p.indexById.get(r.itemId)!;
    ctx.available[i] = 0;
    ctx.counts[p.comp[i]!] = ctx.counts[p.comp[i]!]! + 1;
  }
  for (const id of state.excluded) {
    const i = p.indexById.get(id);
    if (i !== undefined) ctx.available[i] = 0;
  }
  const out: SelectionOutcome = { index: -1, competence: -1, candidates: 0, rank: 0, information: 0, rejected: [] };
  const rng = sessionRandom(hashSeed(state.options.seed), state.randomDraws);
  const ok = selectItem(ctx, state.estimate.theta, state.responses.length, rng.random, out);
  const excluded = [...state.excluded, ...out.rejected.map((i) => p.ids[i]!)];
  const randomDraws = state.randomDraws + rng.used();
  if (!ok) return { ...state, status: "finished", stopReason: "bank_exhausted", excluded, randomDraws };
  const item = p.items[out.index]!;
  const candidates = Array.from(ctx.topIndex.subarray(0, out.candidates), (i) => p.ids[i]!);
  const competence = p.competences[out.competence]!;
  const balanced = state.options.contentBalancing !== false;
  const exposure = state.options.exposure.method;
  const why =
    (balanced ? `Compétence ${competence} : la plus en retard sur sa part cible. ` : "") +
    `Question ${item.id} : information ${round(out.information)} à θ = ${round(state.estimate.theta)}, ` +
    (out.candidates > 1
      ? `tirée au sort parmi les ${out.candidates} plus informatives (rang ${out.rank + 1}) pour limiter l'exposition`
      : "la plus informative") +
    (out.rejected.length > 0 ? `, après ${out.rejected.length} question(s) écartée(s) par Sympson-Hetter.` : ".");
  const selection: SelectionReason = {
    competenceRule: balanced ? "content_deficit" : "unrestricted",
    competence,
    candidates,
    rank: out.rank,
    information: out.information,
    exposure,
    rejected: out.rejected.map((i) => p.ids[i]!),
    why,
  };
  return { ...state, pending: { item, selection }, excluded, randomDraws };
}
