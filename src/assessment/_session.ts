/**
 * Private: what adaptive sessions and simulations share besides item selection.
 * @module
 */
import { DeclicsError } from "../errors.js";
import { parseWith } from "../_lib/parse.js";
import { type GridTables, type PreparedBank, prepareBank, tablesFor } from "./_bank.js";
import { levelOf, levelPosterior, summarisePosterior } from "./_irt.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { type AdaptiveSession, ItemBank, type ResolvedAdaptiveSessionOptions, type SessionEstimate, type StopReason } from "./schema.js";

const parsedBanks = new WeakMap<object, ItemBank>();

/** Parses a bank once per object (a bank that is already parsed is cached under itself). */
export function bankFrom(input: unknown): ItemBank {
  if (typeof input === "object" && input !== null) {
    const cached = parsedBanks.get(input);
    if (cached !== undefined) return cached;
  }
  const bank = parseWith(ItemBank, input, { module: "assessment", what: "item bank" });
  prepareBank(bank);
  if (typeof input === "object" && input !== null) parsedBanks.set(input, bank);
  parsedBanks.set(bank, bank);
  return bank;
}

export interface Engine {
  readonly p: PreparedBank;
  readonly t: GridTables;
  readonly cuts: readonly number[];
}

export function engineOf(bank: ItemBank, options: ResolvedAdaptiveSessionOptions | { grid: ResolvedAdaptiveSessionOptions["grid"]; prior: ResolvedAdaptiveSessionOptions["prior"]; levelCuts?: number[] | undefined }): Engine {
  const p = prepareBank(bankFrom(bank));
  return { p, t: tablesFor(p, options.grid, options.prior), cuts: options.levelCuts ?? DEFAULT_FRAMEWORK.levelCuts };
}

/** Posterior on the grid after some responses. */
export function posteriorAfter(e: Engine, responses: readonly { itemId: string; correct: boolean }[]): { post: Float64Array; theta: number; se: number } {
  const { t, p } = e;
  const q = t.grid.nodes.length;
  const logPost = Float64Array.from(t.grid.logPrior);
  for (const r of responses) {
    const i = p.indexById.get(r.itemId);
    if (i === undefined) throw sessionError("responses from the session's own bank", `unknown item ${r.itemId}`);
    const table = r.correct ? t.logP : t.log1mP;
    const base = i * q;
    for (let k = 0; k < q; k++) logPost[k] = logPost[k]! + table[base + k]!;
  }
  const post = new Float64Array(q);
  const { theta, se } = summarisePosterior(logPost, t.grid.nodes, post);
  return { post, theta, se };
}

export function estimateFrom(e: Engine, post: Float64Array, theta: number, se: number): SessionEstimate {
  const level = levelOf(theta, e.cuts);
  const bands = levelPosterior(post, e.t.grid.nodes, e.cuts);
  return { theta, se, level, levelProbability: bands[level - 1]! };
}

/** The stopping rules, in the order they are reported. */
export function stopReasonFor(
  n: number,
  se: number,
  levelProbability: number,
  o: Pick<ResolvedAdaptiveSessionOptions, "maxItems" | "minItems" | "seThreshold" | "levelConfidence">,
): StopReason | null {
  if (n >= o.minItems) {
    if (o.seThreshold !== null && se <= o.seThreshold) return "se_threshold";
    if (o.levelConfidence !== null && levelProbability >= o.levelConfidence) return "level_settled";
  }
  if (n >= o.maxItems) return "max_length";
  return null;
}

export function sessionError(expected: string, received: string): DeclicsError<"invalid_session_state"> {
  return new DeclicsError({
    code: "invalid_session_state",
    module: "assessment",
    message: `Adaptive session driven out of order: expected ${expected}, received ${received}`,
    details: { expected, received },
  });
}

export function assertSession(state: AdaptiveSession): void {
  if (typeof state !== "object" || state === null || state.version !== 1 || !Array.isArray(state.responses)) {
    throw sessionError("a session state from startAdaptiveSession", typeof state === "object" && state !== null ? "an object of another shape" : String(state));
  }
}
