import { levelOf, levelPosterior, mle } from "./_irt.js";
import { assertSession, engineOf, posteriorAfter } from "./_session.js";
import type { AdaptiveSession, AdaptiveSessionResult, CompetenceScore } from "./schema.js";

/**
 * The result of an adaptive session: EAP ability and SE, the level and its posterior probability, the
 * posterior over all 8 levels, the MLE (with the bounded rule for extreme patterns), per-competence
 * counts and abilities, and the audit log. Works on a finished session and, as a provisional result,
 * on one in progress.
 *
 * @param state - a session state
 * @returns the result
 * @throws {DeclicsError} `invalid_session_state` when `state` is not a session state
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, computeSessionResult } from "declics/assessment";
 * computeSessionResult(startAdaptiveSession(STARTER_BANK, { seed: 1 })).itemsAdministered;
 * // => 0
 * ```
 * @category Adaptive testing
 */
export function computeSessionResult(state: AdaptiveSession): AdaptiveSessionResult {
  assertSession(state);
  const engine = engineOf(state.bank, state.options);
  const { p, t, cuts } = engine;
  const { post, theta, se } = posteriorAfter(engine, state.responses);
  const bands = levelPosterior(post, t.grid.nodes, cuts);
  const n = state.responses.length;
  const idx = state.responses.map((r) => p.indexById.get(r.itemId)!);
  const m = mle(
    { a: idx.map((i) => p.a[i]!), b: idx.map((i) => p.b[i]!), c: idx.map((i) => p.c[i]!), x: state.responses.map((r) => (r.correct ? 1 : 0)), n },
    t.grid.min,
    t.grid.max,
  );
  const byCompetence = new Map<string, { itemId: string; correct: boolean }[]>();
  for (const r of state.responses) {
    const list = byCompetence.get(r.competence) ?? [];
    list.push(r);
    byCompetence.set(r.competence, list);
  }
  const perCompetence: CompetenceScore[] = [...byCompetence.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([competence, list]) => {
      const e = posteriorAfter(engine, list);
      return {
        competence,
        administered: list.length,
        correct: list.filter((r) => r.correct).length,
        theta: e.theta,
        se: e.se,
        level: levelOf(e.theta, cuts),
      };
    });
  const level = levelOf(theta, cuts);
  return {
    finished: state.status === "finished",
    stopReason: state.stopReason,
    itemsAdministered: n,
    correctCount: state.responses.filter((r) => r.correct).length,
    eap: { method: "eap", theta, se, rule: n === 0 ? "no_responses" : "interior", responses: n },
    mle: { method: "mle", theta: m.theta, se: m.se, rule: m.rule, responses: n },
    level,
    levelProbability: bands[level - 1]!,
    levelPosterior: bands,
    perCompetence,
    log: state.log,
  };
}

