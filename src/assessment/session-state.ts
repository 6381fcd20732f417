import * as z from "zod/v4";
import { AbilityPrior, QuadratureGrid } from "./ability.js";
import { LevelCuts } from "./framework.js";
import { Answer } from "./item.js";
import { BankReference } from "./item-bank.js";

/**
 * The state of an adaptive session: its settings, responses, pending item, estimate and audit log entries.
 * @module
 */

/** Exposure control: randomised among the best `k` items, optionally with Sympson-Hetter filtering. */
export const ExposureControl = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("randomesque"),
    k: z.number().int().min(1).max(50).default(3),
    /** Also apply the bank's own Sympson-Hetter parameters (item `sympsonHetter`), when it has them. */
    bankParameters: z.boolean().default(true),
  }),
  z.object({
    method: z.literal("sympson_hetter"),
    k: z.number().int().min(1).max(50).default(1),
    /** Probability of administering an item once selected, per item id (missing = `defaultParameter`). */
    parameters: z.record(z.string(), z.number().min(0).max(1)).default({}),
    defaultParameter: z.number().min(0).max(1).default(1),
  }),
]);
export type ExposureControl = z.infer<typeof ExposureControl>;

/**
 * Content balancing (Kingsbury-Zara): each item comes from the group furthest below its target share.
 * Groups are the framework's areas (`by: "area"`, the default: the five DigComp areas and the parcours
 * aptitudes of the default framework) or single competences (`by: "competence"`). `targets` gives a
 * weight per area id or competence id (default: equal). A competence's area is its area in the default
 * framework, otherwise the part of its id before the first "." (otherwise the competence itself).
 * `false` turns balancing off (pure maximum information).
 */
export const ContentBalancing = z
  .union([
    z.literal(false),
    z.object({
      by: z.enum(["area", "competence"]).default("area"),
      targets: z.record(z.string(), z.number().positive()).optional(),
    }),
  ])
  .default({ by: "area" });
export type ContentBalancing = z.input<typeof ContentBalancing>;

/**
 * The settings of an adaptive session, as `startAdaptiveSession` takes them (see `AdaptiveSessionOptions`)
 * and as the state keeps them, resolved, to be checked again when a session is resumed.
 */
export const SessionOptions = z.object({
  /** Seed of the session: the same seed and answers replay the same session. */
  seed: z.union([z.number().int(), z.string()]),
  grid: QuadratureGrid.prefault({}),
  prior: AbilityPrior.prefault({ kind: "normal" }),
  maxItems: z.number().int().min(1).max(500).default(30),
  /** No stopping rule other than `maxItems` and an exhausted bank applies before this many items (capped by maxItems). */
  minItems: z.number().int().min(0).max(500).default(5),
  /** Stop once the standard error is at or below this (null: rule off). */
  seThreshold: z.number().positive().nullable().default(0.3),
  /** Stop once the posterior probability of the current level band reaches this (null: rule off). */
  levelConfidence: z.number().gt(0).lt(1).nullable().default(null),
  /** Ability cut points between levels (strictly increasing); default: the default framework's `levelCuts`. */
  levelCuts: LevelCuts.optional(),
  /** Restrict the session to these competences (default: every competence in the bank). */
  competences: z.array(z.string().min(1)).min(1).optional(),
  /** Content balancing (Kingsbury-Zara) over areas (default) or competences, or false. */
  contentBalancing: ContentBalancing,
  exposure: ExposureControl.prefault({ method: "randomesque" }),
});
/** The settings of an adaptive session with every default filled in, as the state keeps them. */
export type ResolvedAdaptiveSessionOptions = z.output<typeof SessionOptions>;

/** A response to the pending item: already scored (`correct`), or raw (`answer`, scored by the engine). */
export const SessionResponse = z.union([
  z.object({ itemId: z.string().min(1), correct: z.boolean() }),
  z.object({ itemId: z.string().min(1), answer: Answer }),
]);
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Why an adaptive session stopped. */
export const StopReason = z.enum(["se_threshold", "max_length", "level_settled", "bank_exhausted"]);
export type StopReason = z.infer<typeof StopReason>;

/** Why an item was chosen. */
export interface SelectionReason {
  /**
   * `content_deficit`: its balancing group (area by default, competence with `by: "competence"`) was
   * furthest below its target share; `content_deficit_tie`: several groups were equally far below and one
   * was drawn at random; `unrestricted`: no balancing.
   */
  readonly competenceRule: "content_deficit" | "content_deficit_tie" | "unrestricted";
  readonly competence: string;
  /** Ids of the best items by information at the current estimate (best first). */
  readonly candidates: readonly string[];
  /** Rank of the chosen item among `candidates` (0 = most informative). */
  readonly rank: number;
  /** Fisher information of the chosen item at the current estimate. */
  readonly information: number;
  readonly exposure: "randomesque" | "sympson_hetter";
  /** Items turned down by Sympson-Hetter at this step (never offered again in this session). */
  readonly rejected: readonly string[];
  /** The same, in one French sentence for people. */
  readonly why: string;
}

/** One step of the audit log. */
export interface AuditEntry {
  readonly step: number;
  readonly itemId: string;
  readonly competence: string;
  readonly itemLevel: number;
  readonly thetaBefore: number;
  readonly seBefore: number;
  readonly selection: SelectionReason;
  readonly correct: boolean;
  readonly thetaAfter: number;
  readonly seAfter: number;
}

/** The item waiting for an answer: its id only (the item, with its key, stays in the bank on the server). */
export interface PendingItem {
  readonly itemId: string;
  readonly selection: SelectionReason;
}

/** The current EAP estimate of a session. */
export interface SessionEstimate {
  readonly theta: number;
  readonly se: number;
  readonly level: number;
  /** Posterior probability that the ability lies in `level`'s band. */
  readonly levelProbability: number;
}

/** One answered item of a session: the id and whether it was correct (never the answer key). */
export const SessionStep = z.object({ itemId: z.string().min(1), correct: z.boolean() });
export type SessionStep = z.infer<typeof SessionStep>;

/**
 * The state of an adaptive session: a small, plain, JSON-serialisable value that holds **no item and no
 * answer key** (the bank is referenced by id, version and fingerprint), to keep on the server between
 * requests. Every operation returns a new state and never changes the one it was given. Everything but
 * the options and the answers is derived, and checked when the state is resumed.
 */
export interface AdaptiveSession {
  readonly version: 2;
  readonly bank: BankReference;
  readonly options: ResolvedAdaptiveSessionOptions;
  readonly status: "in_progress" | "finished";
  readonly pending: PendingItem | null;
  readonly responses: readonly SessionStep[];
  /** Items Sympson-Hetter turned down; they are not offered again. */
  readonly excluded: readonly string[];
  /** How many numbers the session's seeded generator has given so far. */
  readonly randomDraws: number;
  readonly estimate: SessionEstimate;
  readonly stopReason: StopReason | null;
}

/**
 * Session options shared by the simulations: exactly the session's options and defaults (SE <= 0.3
 * stop after 5 items...), without the seed (the simulation's own) and the maximum (its `length`).
 */
export const SimulatedSessionOptions = SessionOptions.omit({ seed: true, maxItems: true, exposure: true });
