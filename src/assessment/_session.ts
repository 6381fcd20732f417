/**
 * Private: what adaptive sessions and simulations share besides item selection, and the replay that
 * rebuilds (and so checks) a session from its small state: options, seed and answers.
 * @module
 */
import * as z from "zod/v4";
import { DeclicsError, type Expectation } from "../errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { assessmentError } from "./_errors.js";
import { describeValue, parseWith, toInputIssues } from "../_lib/parse.js";
import { type GridTables, type PreparedBank, prepareBank, tablesFor } from "./_bank.js";
import { levelOf, levelPosterior, summarisePosterior } from "./_irt.js";
import {
  createSelectionContext,
  hashSeed,
  selectItem,
  type SelectionContext,
  type SelectionOutcome,
  sessionRandom,
} from "./_select.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { BankReference, ItemBank } from "./item-bank.js";
import {
  type AdaptiveSession,
  type AuditEntry,
  type ResolvedAdaptiveSessionOptions,
  type SelectionReason,
  type SessionEstimate,
  SessionOptions,
  SessionStep,
  StopReason,
} from "./session-state.js";

const parsedBanks = new WeakMap<object, ItemBank>();
const references = new WeakMap<ItemBank, BankReference>();

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

/** FNV-1a (32 bits) of a text, as 8 hex digits. Detects an edited bank; not a security hash. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** The id, version and content fingerprint of a parsed bank (computed once per bank). */
export function bankReference(bank: ItemBank): BankReference {
  const cached = references.get(bank);
  if (cached !== undefined) return cached;
  const ref = {
    id: bank.id,
    version: bank.version ?? null,
    fingerprint: fingerprint(JSON.stringify([bank.id, bank.version ?? null, bank.items])),
  };
  references.set(bank, ref);
  return ref;
}

export interface Engine {
  readonly p: PreparedBank;
  readonly t: GridTables;
  readonly cuts: readonly number[];
}

export function engineOf(
  bank: ItemBank,
  options:
    | ResolvedAdaptiveSessionOptions
    | {
        grid: ResolvedAdaptiveSessionOptions["grid"];
        prior: ResolvedAdaptiveSessionOptions["prior"];
        levelCuts?: number[] | undefined;
      },
): Engine {
  const p = prepareBank(bankFrom(bank));
  return { p, t: tablesFor(p, options.grid, options.prior), cuts: options.levelCuts ?? DEFAULT_FRAMEWORK.levelCuts };
}

/** Posterior on the grid after some responses. */
export function posteriorAfter(
  e: Engine,
  responses: readonly { itemId: string; correct: boolean }[],
): { post: Float64Array; theta: number; se: number } {
  const { t, p } = e;
  const q = t.grid.nodes.length;
  const logPost = Float64Array.from(t.grid.logPrior);
  for (const r of responses) {
    const i = p.indexById.get(r.itemId);
    if (i === undefined) throw sessionError({ kind: "known_id", of: "bank_item" }, id(r.itemId));
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

/** The expectation of a call that needs a session still running. */
export const IN_PROGRESS = rule("a session in progress (stopReason null)", "une session en cours (stopReason null)");
const STATE = rule("a session state from startAdaptiveSession", "un état de session produit par startAdaptiveSession");

/** A session state or call refused: what was expected (in both languages), and what arrived (neutral notation). */
export function sessionError(expected: Expectation, received: string): DeclicsError<"invalid_session_state"> {
  return assessmentError({ code: "invalid_session_state", module: "assessment", details: { expected, received } });
}

const id = (value: string | null | undefined): string => (value == null ? "null" : JSON.stringify(value));

/** Throws `invalid_option` when Sympson-Hetter parameters name items that are not in the bank. */
export function checkExposureIds(
  p: PreparedBank,
  exposure: ResolvedAdaptiveSessionOptions["exposure"],
  option = "exposure.parameters",
): void {
  if (exposure.method !== "sympson_hetter") return;
  const unknown = Object.keys(exposure.parameters).filter((id) => !p.indexById.has(id));
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : "");
  throw assessmentError({
    code: "invalid_option",
    module: "assessment",
    details: { option, expected: { kind: "known_id", of: "bank_item" }, received: shown },
  });
}

// ---------------------------------------------------------------------------------------------------
// The stored state and its replay

const SessionEstimateSchema = z.object({
  theta: z.number(),
  se: z.number(),
  level: z.number(),
  levelProbability: z.number(),
});
const StoredSession = z.object({
  version: z.literal(2),
  bank: BankReference,
  options: z.unknown(),
  status: z.enum(["in_progress", "finished"]),
  pending: z.object({ itemId: z.string().min(1), selection: z.unknown() }).nullable(),
  responses: z.array(SessionStep),
  excluded: z.array(z.string()),
  randomDraws: z.number().int().nonnegative(),
  estimate: SessionEstimateSchema,
  stopReason: StopReason.nullable(),
});

/** A session rebuilt from its options and answers, ready for the next step. */
export interface Replay {
  readonly bank: ItemBank;
  readonly ref: BankReference;
  readonly options: ResolvedAdaptiveSessionOptions;
  readonly engine: Engine;
  readonly ctx: SelectionContext;
  readonly random: () => number;
  readonly used: () => number;
  readonly logPost: Float64Array;
  readonly post: Float64Array;
  readonly responses: { itemId: string; correct: boolean }[];
  readonly excluded: string[];
  /** Audit entries, kept only when asked for (`computeSessionResult`). */
  readonly log: AuditEntry[] | null;
  estimate: SessionEstimate;
  stopReason: StopReason | null;
  pending: Selected | null;
}

/** What one selection found, enough to explain it later. */
interface Selected {
  readonly index: number;
  readonly competence: number;
  readonly candidates: readonly number[];
  readonly rank: number;
  readonly information: number;
  readonly rejected: readonly number[];
  /** The balancing group served (area, or competence with `by: "competence"`), or null without balancing. */
  readonly group: string | null;
  /** How many groups were tied furthest below their share (more than 1: the group was drawn at random). */
  readonly ties: number;
  readonly theta: number;
}

/** A fresh session on a parsed bank with resolved options. */
export function beginReplay(bank: ItemBank, options: ResolvedAdaptiveSessionOptions, keepLog = false): Replay {
  const engine = engineOf(bank, options);
  checkExposureIds(engine.p, options.exposure);
  const ctx = createSelectionContext(engine.p, engine.t, options);
  const rng = sessionRandom(hashSeed(options.seed), 0);
  const logPost = Float64Array.from(engine.t.grid.logPrior);
  const post = new Float64Array(logPost.length);
  const { theta, se } = summarisePosterior(logPost, engine.t.grid.nodes, post);
  return {
    bank,
    ref: bankReference(bank),
    options,
    engine,
    ctx,
    random: rng.random,
    used: rng.used,
    logPost,
    post,
    responses: [],
    excluded: [],
    log: keepLog ? [] : null,
    estimate: estimateFrom(engine, post, theta, se),
    stopReason: null,
    pending: null,
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Selects the next item (or finds none: the session finishes with `bank_exhausted`). */
export function replaySelect(r: Replay): void {
  const { ctx, engine } = r;
  const { p } = engine;
  const n = r.responses.length;
  const out: SelectionOutcome = { index: -1, competence: -1, candidates: 0, rank: 0, information: 0, rejected: [] };
  const ok = selectItem(ctx, r.estimate.theta, n, r.random, out);
  for (const i of out.rejected) r.excluded.push(p.ids[i]!);
  if (!ok) {
    r.stopReason = "bank_exhausted";
    return;
  }
  r.pending = {
    index: out.index,
    competence: out.competence,
    candidates: Array.from(ctx.topIndex.subarray(0, out.candidates)),
    rank: out.rank,
    information: out.information,
    rejected: [...out.rejected],
    group: out.group ?? null,
    ties: out.tiedGroups ?? 0,
    theta: r.estimate.theta,
  };
}

/** Why an item was selected, for people and for audit. */
function reasonOf(r: Replay, s: Selected): SelectionReason {
  const { p } = r.engine;
  const item = p.items[s.index]!;
  const competence = p.competences[s.competence]!;
  const balancing = r.options.contentBalancing;
  const balanced = balancing !== false;
  const [one, many, tied] =
    balanced && balancing.by === "competence"
      ? ["Compétence", "compétences", "tirée"]
      : ["Domaine", "domaines", "tiré"];
  const competenceWhy = !balanced
    ? ""
    : s.ties > 1
      ? `${one} ${s.group} : ${tied} au sort parmi les ${s.ties} ${many} à égalité, les plus en retard sur leur part cible. `
      : `${one} ${s.group} : ${one === "Domaine" ? "le" : "la"} plus en retard sur sa part cible. `;
  const why =
    competenceWhy +
    `Question ${item.id} : information ${round(s.information)} à θ = ${round(s.theta)}, ` +
    (s.candidates.length > 1
      ? `tirée au sort parmi les ${s.candidates.length} plus informatives (rang ${s.rank + 1}) pour limiter l'exposition`
      : "la plus informative") +
    (s.rejected.length > 0 ? `, après ${s.rejected.length} question(s) écartée(s) par Sympson-Hetter.` : ".");
  return {
    competenceRule: balanced ? (s.ties > 1 ? "content_deficit_tie" : "content_deficit") : "unrestricted",
    competence,
    candidates: s.candidates.map((i) => p.ids[i]!),
    rank: s.rank,
    information: s.information,
    exposure: r.options.exposure.method,
    rejected: s.rejected.map((i) => p.ids[i]!),
    why,
  };
}

/** Records the answer to the pending item, updates the estimate and applies the stopping rules. */
export function replayAnswer(r: Replay, correct: boolean): void {
  const { engine, ctx, logPost, post } = r;
  const { p, t } = engine;
  const selected = r.pending!;
  const index = selected.index;
  const item = p.items[index]!;
  const q = t.grid.nodes.length;
  const table = correct ? t.logP : t.log1mP;
  for (let k = 0; k < q; k++) logPost[k] = logPost[k]! + table[index * q + k]!;
  const { theta, se } = summarisePosterior(logPost, t.grid.nodes, post);
  const before = r.estimate;
  r.estimate = estimateFrom(engine, post, theta, se);
  ctx.available[index] = 0;
  ctx.counts[p.comp[index]!] = ctx.counts[p.comp[index]!]! + 1;
  r.responses.push({ itemId: item.id, correct });
  r.log?.push({
    step: r.responses.length,
    itemId: item.id,
    competence: item.competence,
    itemLevel: item.level,
    thetaBefore: before.theta,
    seBefore: before.se,
    selection: reasonOf(r, selected),
    correct,
    thetaAfter: theta,
    seAfter: se,
  });
  r.pending = null;
  r.stopReason = stopReasonFor(r.responses.length, se, r.estimate.levelProbability, r.options);
}

interface Snapshot {
  readonly bank: ItemBank;
  readonly replay: Replay;
  readonly used: number;
}

/**
 * States this module produced, frozen, with a copy of their replay: resuming one of them in the same
 * process (same state object, same bank object) skips the replay. A state that went through JSON is a
 * new object and is replayed and checked in full.
 */
const verified = new WeakMap<object, Snapshot>();

function copyReplay(r: Replay, used: number): Replay {
  // Targets and Sympson-Hetter parameters are read-only: shared; availability and counts are copied.
  const ctx: SelectionContext = {
    ...r.ctx,
    available: Uint8Array.from(r.ctx.available),
    counts: Int32Array.from(r.ctx.counts),
    topIndex: new Int32Array(r.ctx.k),
    topInfo: new Float64Array(r.ctx.k),
  };
  const rng = sessionRandom(hashSeed(r.options.seed), used);
  return {
    ...r,
    ctx,
    random: rng.random,
    used: () => used + rng.used(),
    logPost: Float64Array.from(r.logPost),
    post: Float64Array.from(r.post),
    responses: [...r.responses],
    excluded: [...r.excluded],
    log: null,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The small state of a replayed session (frozen: a state is a value). */
export function stateOf(r: Replay): AdaptiveSession {
  const state = deepFreeze(buildState(r));
  verified.set(state, { bank: r.bank, replay: copyReplay(r, r.used()), used: r.used() });
  return state;
}

function buildState(r: Replay): AdaptiveSession {
  return {
    version: 2,
    bank: r.ref,
    options: r.options,
    status: r.stopReason === null ? "in_progress" : "finished",
    pending:
      r.pending === null ? null : { itemId: r.engine.p.ids[r.pending.index]!, selection: reasonOf(r, r.pending) },
    responses: r.responses.map((x) => ({ itemId: x.itemId, correct: x.correct })),
    excluded: [...r.excluded],
    randomDraws: r.used(),
    estimate: r.estimate,
    stopReason: r.stopReason,
  };
}

/** The stored session, parsed (its shape and field types), or an error naming the first field that is wrong. */
function storedSession(input: unknown): z.infer<typeof StoredSession> {
  const parsed = StoredSession.safeParse(input);
  if (!parsed.success) {
    const issue = toInputIssues(parsed.error, input)[0]!;
    throw sessionError(
      rule(
        `a session state from startAdaptiveSession${issue.path === "" ? "" : ` (field ${issue.path})`}`,
        `un état de session produit par startAdaptiveSession${issue.path === "" ? "" : ` (champ ${issue.path})`}`,
      ),
      issue.received,
    );
  }
  return parsed.data;
}

/** The session must be resumed on the bank it was started with (id, version, fingerprint). */
function checkSameBank(bank: ItemBank, stored: z.infer<typeof StoredSession>): void {
  const ref = bankReference(bank);
  if (ref.id !== stored.bank.id || ref.version !== stored.bank.version || ref.fingerprint !== stored.bank.fingerprint) {
    const bankOf = (b: { id: string; version?: string | null; fingerprint: string }): string =>
      `{ id: ${id(b.id)}, version: ${id(b.version)}, fingerprint: ${id(b.fingerprint)} }`;
    throw sessionError(
      rule(
        `the bank the session was started with, ${bankOf(stored.bank)}`,
        `la banque avec laquelle la session a démarré, ${bankOf(stored.bank)}`,
      ),
      bankOf(ref),
    );
  }
}

/** After the replay, the stored pending item, stop and random draws must be the replay's. */
function checkEnd(r: Replay, stored: z.infer<typeof StoredSession>): void {
  if (stored.pending !== null || stored.stopReason === "bank_exhausted") {
    if (r.stopReason !== null)
      throw sessionError(
        rule(
          `no pending item after the session stopped (${r.stopReason})`,
          `aucun item en attente après l'arrêt de la session (${r.stopReason})`,
        ),
        `{ pending: ${id(stored.pending?.itemId)} }`,
      );
    replaySelect(r);
    const selected = r.pending === null ? null : r.engine.p.ids[r.pending.index]!;
    if (selected !== (stored.pending?.itemId ?? null))
      throw sessionError(
        rule(`the pending item ${id(selected)}`, `l'item en attente ${id(selected)}`),
        `{ pending: ${id(stored.pending?.itemId)} }`,
      );
  }
  const status = r.stopReason === null ? "in_progress" : "finished";
  if (
    status !== stored.status ||
    r.stopReason !== stored.stopReason ||
    r.used() !== stored.randomDraws ||
    r.excluded.join("\n") !== stored.excluded.join("\n")
  ) {
    const summary = (s: string, stop: string | null, draws: number, excluded: number): string =>
      `{ status: ${id(s)}, stopReason: ${id(stop)}, randomDraws: ${draws}, excluded: Array(${excluded}) }`;
    const replayed = summary(status, r.stopReason, r.used(), r.excluded.length);
    throw sessionError(
      rule(`for these answers, ${replayed}`, `pour ces réponses, ${replayed}`),
      summary(stored.status, stored.stopReason, stored.randomDraws, stored.excluded.length),
    );
  }
}

/**
 * Rebuilds a session from a stored state on its bank, step by step, and checks that the state is what
 * this library produced for these answers: the bank (id, version, fingerprint), the shape, every
 * administered item (it must be the one the seed and the earlier answers select: this refuses unknown,
 * repeated or reordered items), the pending item, the stop and the random draws.
 */
export function resumeSession(bankInput: unknown, input: unknown, keepLog = false): Replay {
  if (typeof input !== "object" || input === null) throw sessionError(STATE, describeValue(input));
  if ((input as { version?: unknown }).version === 1)
    throw sessionError(
      rule(
        "a version 2 session state (version 1 states embed the bank and keys: start a new session)",
        "un état de session en version 2 (les états en version 1 contiennent la banque et les clés : démarrez une nouvelle session)",
      ),
      "{ version: 1 }",
    );
  // A state this module produced and froze, resumed on the same bank object: its replay is kept.
  const snapshot = keepLog ? undefined : verified.get(input);
  if (snapshot !== undefined && (snapshot.bank === bankInput || parsedBanks.get(bankInput as object) === snapshot.bank))
    return copyReplay(snapshot.replay, snapshot.used);
  const stored = storedSession(input);
  const bank = bankFrom(bankInput);
  checkSameBank(bank, stored);
  const options = parseWith(SessionOptions, stored.options, {
    module: "assessment",
    what: "session state options",
  });
  const r = beginReplay(bank, options, keepLog);
  stored.responses.forEach((step, k) => {
    if (r.stopReason !== null)
      throw sessionError(
        rule(
          `no answer after the session stopped (${r.stopReason}) at step ${k}`,
          `aucune réponse après l'arrêt de la session (${r.stopReason}) à l'étape ${k}`,
        ),
        `{ step: ${k + 1}, itemId: ${id(step.itemId)} }`,
      );
    replaySelect(r);
    const selected = r.pending === null ? null : r.engine.p.ids[r.pending.index]!;
    if (selected !== step.itemId) {
      throw sessionError(
        rule(
          `at step ${k + 1}, an answer to the item the seed and earlier answers select (${id(selected)})`,
          `à l'étape ${k + 1}, une réponse à l'item que choisissent la graine et les réponses précédentes (${id(selected)})`,
        ),
        `{ step: ${k + 1}, itemId: ${id(step.itemId)} }`,
      );
    }
    replayAnswer(r, step.correct);
  });
  checkEnd(r, stored);
  return r;
}
