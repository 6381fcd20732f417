import * as z from "zod/v4";
import type { AbilityEstimate, AbilityProfile, GroupScore } from "./ability.js";
import type { ResultProvenance } from "./item-bank.js";
import type { AdaptiveSession, AuditEntry, StopReason } from "./session-state.js";
import { parseWith } from "../_lib/parse.js";
import { frameworkFrom, scoreGroups } from "./_groups.js";
import { levelOf, levelPosterior, mle } from "./_irt.js";
import { resumeSession } from "./_session.js";
import { LIBRARY_VERSION } from "./_version.js";

/** The result of an adaptive session (final, or provisional while in progress). */
export interface AdaptiveSessionResult extends ResultProvenance {
  readonly finished: boolean;
  readonly stopReason: StopReason | null;
  readonly itemsAdministered: number;
  readonly correctCount: number;
  readonly eap: AbilityEstimate;
  readonly mle: AbilityEstimate;
  readonly level: number;
  readonly levelProbability: number;
  /** Posterior probability of each level 1..8 (index 0 = level 1). */
  readonly levelPosterior: readonly number[];
  readonly perCompetence: readonly GroupScore[];
  /** Per area of the framework (competences outside the framework are not grouped). */
  readonly perArea: readonly GroupScore[];
  /** The input of `recommendOrientation`. */
  readonly profile: AbilityProfile;
  /** Every step, rebuilt from the seed and the answers. */
  readonly log: readonly AuditEntry[];
}

const Options = z.object({
  /** The framework whose areas group the competences (default: `DEFAULT_FRAMEWORK`). */
  framework: z.unknown().optional(),
});
/** Options of `computeSessionResult`. */
export type ComputeSessionResultOptions = z.input<typeof Options>;

/**
 * The result of an adaptive session: EAP ability and SE, the level and its posterior probability, the
 * posterior over all 8 levels, the MLE (with the bounded rule for extreme patterns), per-competence and
 * per-area scores (one shape, shared with `scoreFixedForm`), the `profile` that
 * {@link recommendOrientation} reads, the audit log (rebuilt from the seed and the answers), and the
 * bank (id, version, fingerprint) and library version it was computed with. Works on a finished session
 * and, as a provisional result, on one in progress.
 *
 * @param bank - the bank the session was started with
 * @param state - a session state
 * @param options - `framework`: whose areas group the competences (default `DEFAULT_FRAMEWORK`)
 * @returns the result
 * @throws {DeclicsError} `invalid_session_state` when `state` is not a session state of this bank or does
 *   not replay
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, computeSessionResult } from "declics/assessment";
 * const r = computeSessionResult(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: 1 }));
 * [r.itemsAdministered, r.bank.id];
 * // => [0, "declics-starter"]
 * ```
 * @category Adaptive testing
 */
export function computeSessionResult(
  bank: unknown,
  state: AdaptiveSession,
  options: ComputeSessionResultOptions = {},
): AdaptiveSessionResult {
  const o = parseWith(Options, options, { module: "assessment", what: "session result options" });
  const framework = frameworkFrom(o.framework);
  const r = resumeSession(bank, state, true);
  const { engine } = r;
  const { p, t, cuts } = engine;
  const { theta, se } = r.estimate;
  const bands = levelPosterior(r.post, t.grid.nodes, cuts);
  const n = r.responses.length;
  const idx = r.responses.map((x) => p.indexById.get(x.itemId)!);
  const m = mle(
    {
      a: idx.map((i) => p.a[i]!),
      b: idx.map((i) => p.b[i]!),
      c: idx.map((i) => p.c[i]!),
      x: r.responses.map((x) => (x.correct ? 1 : 0)),
      n,
    },
    t.grid.min,
    t.grid.max,
  );
  const scored = r.responses.map((x, k) => ({
    itemId: x.itemId,
    competence: p.items[idx[k]!]!.competence as string,
    correct: x.correct,
  }));
  const groups = scoreGroups(engine, scored, { theta, se }, framework);
  const level = levelOf(theta, cuts);
  return {
    finished: r.stopReason !== null,
    stopReason: r.stopReason,
    itemsAdministered: n,
    correctCount: r.responses.filter((x) => x.correct).length,
    eap: { method: "eap", theta, se, rule: n === 0 ? "no_responses" : "interior", responses: n },
    mle: { method: "mle", theta: m.theta, se: m.se, rule: m.rule, responses: n },
    level,
    levelProbability: bands[level - 1]!,
    levelPosterior: bands,
    ...groups,
    log: r.log!,
    bank: r.ref,
    libraryVersion: LIBRARY_VERSION,
  };
}
