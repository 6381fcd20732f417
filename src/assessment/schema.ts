import * as z from "zod/v4";

/**
 * Assessment vocabulary: competence framework, items and banks, IRT parameters, ability estimates,
 * adaptive sessions, fixed-form scores, orientation rules and calibration. The zod schemas are the types.
 * @module
 */

// ---------------------------------------------------------------------------------------------------
// Identifiers

/** A competence identifier, e.g. `"1.1"` (Pix numbering) or `"A.1"` (parcours aptitudes). */
export const CompetenceId = z.string().min(1).max(40).brand<"CompetenceId">();
export type CompetenceId = z.infer<typeof CompetenceId>;

/** An area (domain) identifier, e.g. `"1"` or `"A"`. */
export const AreaId = z.string().min(1).max(40).brand<"AreaId">();
export type AreaId = z.infer<typeof AreaId>;

/** An item identifier, unique within a bank. */
export const ItemId = z.string().min(1).max(100).brand<"ItemId">();
export type ItemId = z.infer<typeof ItemId>;

/** A proficiency level, 1 (foundation) to 8 (highly specialised), as in DigComp 2.2 and Pix. */
export const Level = z.number().int().min(1).max(8);
export type Level = z.infer<typeof Level>;

// ---------------------------------------------------------------------------------------------------
// Competence framework

/** One competence of the framework. */
export const Competence = z.object({
  id: CompetenceId,
  /** French label shown to people. */
  name: z.string().min(1),
  description: z.string().optional(),
  /** `digital` for DigComp/Pix competences, `aptitude` for what the parcours tests besides them. */
  kind: z.enum(["digital", "aptitude"]).default("digital"),
  /** DigComp 2.2 competence numbers this competence covers (e.g. `["1.1", "1.2"]`). */
  digcomp: z.array(z.string()).default([]),
  /** Pix competence number, when the competence is a Pix one. */
  pix: z.string().optional(),
});
export type Competence = z.infer<typeof Competence>;

/** An area (Pix "domaine", DigComp "area") grouping competences. */
export const Area = z.object({
  id: AreaId,
  name: z.string().min(1),
  /** DigComp 2.2 area number, when the area aligns with one. */
  digcomp: z.string().optional(),
  competences: z.array(Competence).min(1),
});
export type Area = z.infer<typeof Area>;

/** What a level means, in words. */
export const LevelDescriptor = z.object({
  level: Level,
  name: z.string().min(1),
  description: z.string().optional(),
});
export type LevelDescriptor = z.infer<typeof LevelDescriptor>;

/**
 * A competence framework: areas, competences and levels 1-8, with the ability cut points that map an
 * IRT ability (theta, logits) to a level. `levelCuts[i]` is the lowest theta of level `i + 2`.
 * Users can replace the default framework with their own (see `parseFramework`).
 */
export const CompetenceFramework = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    version: z.string().min(1),
    areas: z.array(Area).min(1),
    levels: z.array(LevelDescriptor).length(8),
    levelCuts: z.array(z.number()).length(7),
  })
  .superRefine((framework, ctx) => {
    const areaIds = new Set<string>();
    const competenceIds = new Set<string>();
    framework.areas.forEach((area, ai) => {
      if (areaIds.has(area.id))
        ctx.addIssue({ code: "custom", path: ["areas", ai, "id"], message: `duplicate area id ${area.id}` });
      areaIds.add(area.id);
      area.competences.forEach((competence, ci) => {
        if (competenceIds.has(competence.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["areas", ai, "competences", ci, "id"],
            message: `duplicate competence id ${competence.id}`,
          });
        }
        competenceIds.add(competence.id);
      });
    });
    framework.levels.forEach((descriptor, i) => {
      if (descriptor.level !== i + 1)
        ctx.addIssue({
          code: "custom",
          path: ["levels", i, "level"],
          message: `levels must be listed 1 to 8 in order`,
        });
    });
    for (let i = 1; i < framework.levelCuts.length; i++) {
      if (!(framework.levelCuts[i]! > framework.levelCuts[i - 1]!)) {
        ctx.addIssue({ code: "custom", path: ["levelCuts", i], message: "level cuts must be strictly increasing" });
      }
    }
  });
export type CompetenceFramework = z.infer<typeof CompetenceFramework>;

// ---------------------------------------------------------------------------------------------------
// Items

// Parameters are only checked for being numbers here: impossible values (a <= 0, c outside [0, 1),
// non-finite b) are reported together with the other bank problems by `parseItemBank`.
const numberValue = z.custom<number>((v) => typeof v === "number", { message: "a number" });

/**
 * IRT parameters of an item: discrimination `a` (default 1), difficulty `b` (logits) and
 * pseudo-guessing `c` (default 0). Only `b` given = Rasch (1PL); `a` and `b` = 2PL; all three = 3PL.
 */
export const IrtParameters = z.object({
  a: numberValue.default(1),
  b: numberValue,
  c: numberValue.default(0),
});
export type IrtParameters = z.infer<typeof IrtParameters>;

/** One answer option of a choice or ordering item. */
export const ItemOption = z.object({ id: z.string().min(1), text: z.string().min(1) });
export type ItemOption = z.infer<typeof ItemOption>;

const itemBase = {
  id: ItemId,
  competence: CompetenceId,
  level: Level,
  /** The question, in plain French. */
  stem: z.string().min(1),
  irt: IrtParameters,
  /** `provisional` until the parameters are estimated from real answers (see `calibrateItems`). */
  parametersStatus: z.enum(["provisional", "calibrated"]).default("provisional"),
  /** Time limit in seconds, if any. */
  timeLimitSeconds: z.number().int().positive().optional(),
  tags: z.array(z.string()).optional(),
  /**
   * Sympson-Hetter exposure parameter computed for this bank (`computeSympsonHetterParameters`): the
   * probability of administering the item once selected. Sessions apply it unless told otherwise.
   */
  sympsonHetter: z.number().min(0).max(1).optional(),
};

/** One correct option among several. */
export const SingleChoiceItem = z.object({
  ...itemBase,
  kind: z.literal("single_choice"),
  options: z.array(ItemOption).min(2),
  answer: z.string(),
});
/** Several correct options; the answer is correct when exactly those are chosen. */
export const MultipleChoiceItem = z.object({
  ...itemBase,
  kind: z.literal("multiple_choice"),
  options: z.array(ItemOption).min(2),
  answer: z.array(z.string()).min(1),
});
/** A number, correct within `tolerance` (absolute). */
export const NumericItem = z.object({
  ...itemBase,
  kind: z.literal("numeric"),
  answer: z.number(),
  tolerance: z.number().nonnegative().default(0),
  unit: z.string().optional(),
});
/** Put all options in the right order; `answer` lists every option id in that order. */
export const OrderingItem = z.object({
  ...itemBase,
  kind: z.literal("ordering"),
  options: z.array(ItemOption).min(2),
  answer: z.array(z.string()),
});
/** A short text, compared with the accepted answers after normalisation (case, accents, spaces). */
export const ShortAnswerItem = z.object({
  ...itemBase,
  kind: z.literal("short_answer"),
  accepted: z.array(z.string().min(1)).min(1),
  caseSensitive: z.boolean().default(false),
});

/** An item of any kind. */
export const Item = z.discriminatedUnion("kind", [
  SingleChoiceItem,
  MultipleChoiceItem,
  NumericItem,
  OrderingItem,
  ShortAnswerItem,
]);
export type Item = z.infer<typeof Item>;
export type SingleChoiceItem = z.infer<typeof SingleChoiceItem>;
export type MultipleChoiceItem = z.infer<typeof MultipleChoiceItem>;
export type NumericItem = z.infer<typeof NumericItem>;
export type OrderingItem = z.infer<typeof OrderingItem>;
export type ShortAnswerItem = z.infer<typeof ShortAnswerItem>;
/** The item kinds. */
export const ItemKind = z.enum(["single_choice", "multiple_choice", "numeric", "ordering", "short_answer"]);
export type ItemKind = z.infer<typeof ItemKind>;

/** An item bank: items referring to the competences of a framework. */
export const ItemBank = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  version: z.string().optional(),
  /** Id of the framework the competences refer to. */
  frameworkId: z.string().optional(),
  items: z.array(Item),
});
export type ItemBank = z.infer<typeof ItemBank>;

/** What an examinee answered, in the shape that matches the item kind. */
export const Answer = z.union([
  z.object({ choice: z.string() }),
  z.object({ choices: z.array(z.string()) }),
  z.object({ value: z.number() }),
  z.object({ order: z.array(z.string()) }),
  z.object({ text: z.string() }),
]);
export type Answer = z.infer<typeof Answer>;

// ---------------------------------------------------------------------------------------------------
// Ability estimation

/** The quadrature grid of abilities (logits) on which posteriors are computed. */
export const QuadratureGrid = z
  .object({
    min: z.number().default(-4),
    max: z.number().default(4),
    points: z.number().int().min(5).max(2001).default(81),
  })
  .refine((g) => g.max > g.min, { message: "grid max must be greater than min", path: ["max"] });
export type QuadratureGrid = z.infer<typeof QuadratureGrid>;

/** The prior on ability: normal, uniform over the grid, or explicit weights (one per grid point). */
export const AbilityPrior = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("normal"), mean: z.number().default(0), sd: z.number().positive().default(1) }),
  z.object({ kind: z.literal("uniform") }),
  z.object({ kind: z.literal("weights"), weights: z.array(z.number().nonnegative()).min(5) }),
]);
export type AbilityPrior = z.infer<typeof AbilityPrior>;

/** One scored response, as estimators take it. */
export const ScoredResponse = z.object({ irt: IrtParameters, correct: z.boolean() });
export type ScoredResponse = z.infer<typeof ScoredResponse>;

/** Options of the EAP estimator. */
export const EstimateAbilityEapOptions = z.object({
  grid: QuadratureGrid.prefault({}),
  prior: AbilityPrior.prefault({ kind: "normal" }),
});
export type EstimateAbilityEapOptions = z.input<typeof EstimateAbilityEapOptions>;

/** Options of the MLE estimator: the search bounds, which are also where extreme patterns land. */
export const EstimateAbilityMleOptions = z.object({
  bounds: z
    .tuple([z.number(), z.number()])
    .refine(([lo, hi]) => hi > lo, { message: "bounds must be [low, high] with high > low" })
    .default([-4, 4]),
});
export type EstimateAbilityMleOptions = z.input<typeof EstimateAbilityMleOptions>;

/**
 * How an ability estimate was obtained. `interior`: a proper maximum (MLE) or posterior mean (EAP);
 * `all_correct_bound` / `all_incorrect_bound`: the MLE does not exist (it runs to +/- infinity) and the
 * documented rule puts it at the upper / lower bound; `no_responses`: nothing to estimate from.
 */
export const EstimateRule = z.enum([
  "interior",
  "boundary",
  "all_correct_bound",
  "all_incorrect_bound",
  "no_responses",
]);
export type EstimateRule = z.infer<typeof EstimateRule>;

/** An ability estimate with its standard error. `theta`/`se` are null only for an MLE without responses. */
export const AbilityEstimate = z.object({
  method: z.enum(["eap", "mle"]),
  theta: z.number().nullable(),
  /** EAP: posterior standard deviation. MLE: 1 / sqrt(test information at theta). */
  se: z.number().nullable(),
  rule: EstimateRule,
  responses: z.number().int().nonnegative(),
});
export type AbilityEstimate = z.infer<typeof AbilityEstimate>;

/** Seven ability cut points between levels 1..8, strictly increasing (`levelCuts[i]` starts level `i + 2`). */
export const LevelCuts = z
  .array(z.number().finite())
  .length(7)
  .superRefine((cuts, ctx) => {
    for (let i = 1; i < cuts.length; i++) {
      if (!(cuts[i]! > cuts[i - 1]!))
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `level cuts must be strictly increasing: cut ${i} (${cuts[i]}) is not above cut ${i - 1} (${cuts[i - 1]})`,
        });
    }
  });
export type LevelCuts = z.infer<typeof LevelCuts>;

// ---------------------------------------------------------------------------------------------------
// Adaptive sessions

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

/** Options of an adaptive session. */
export const AdaptiveSessionOptions = z.object({
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
export type AdaptiveSessionOptions = z.input<typeof AdaptiveSessionOptions>;
export type ResolvedAdaptiveSessionOptions = z.output<typeof AdaptiveSessionOptions>;

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

/**
 * An item as a participant's screen may see it: no answer key (`answer`, `accepted`), no tolerance, no
 * IRT parameters. Build it with `viewItem` or `viewPendingItem`; send only this to a browser.
 */
export interface ClientItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly competence: string;
  readonly stem: string;
  /** The options, for choice and ordering items, in display order. */
  readonly options?: readonly ItemOption[];
  /** The unit, for numeric items. */
  readonly unit?: string;
  readonly timeLimitSeconds?: number;
}

/** The current EAP estimate of a session. */
export interface SessionEstimate {
  readonly theta: number;
  readonly se: number;
  readonly level: number;
  /** Posterior probability that the ability lies in `level`'s band. */
  readonly levelProbability: number;
}

/**
 * Which bank a session or result was computed with: its `id`, its `version` (null when the bank has
 * none) and a `fingerprint` of its content (items, parameters and keys), so that a state is never resumed
 * on a different bank that happens to share the id and version.
 */
export const BankReference = z.object({
  id: z.string().min(1),
  version: z.string().nullable(),
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
});
export type BankReference = z.infer<typeof BankReference>;

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

/** An ability and its standard error (logits). */
export const AbilityMeasure = z.object({ theta: z.number().finite(), se: z.number().finite().positive() });
export type AbilityMeasure = z.infer<typeof AbilityMeasure>;

const measuresById = z.record(z.string().min(1), AbilityMeasure).superRefine((record, ctx) => {
  for (const key of Object.keys(record)) {
    if (key === "undefined" || key === "null")
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `"${key}" is not a competence or area id (a mapping used a missing field)`,
      });
  }
});

/**
 * What a test measured, as orientation reads it: the overall ability with its SE, and abilities per
 * competence and per area (each from its own items only, so often imprecise: orientation uses them only
 * when their SE is small enough). `result.profile` of {@link AdaptiveSessionResult} and
 * {@link FixedFormScore} has this shape.
 */
export const AbilityProfile = z
  .object({
    overall: AbilityMeasure,
    competences: measuresById.default({}),
    areas: measuresById.default({}),
    /** The level cut points the test used (default: the default framework's). */
    levelCuts: LevelCuts.optional(),
  })
  .strict();
export type AbilityProfile = z.infer<typeof AbilityProfile>;

/** Score of one group of items (a competence or an area), the same in sessions and fixed forms. */
export interface GroupScore {
  /** The competence or area id. */
  readonly id: string;
  readonly administered: number;
  readonly correct: number;
  /** correct / administered, in [0, 1]; null when the group has no item. */
  readonly percent: number | null;
  /** EAP ability from this group's items only (shrunk toward the prior when there are few: read `se`). */
  readonly theta: number;
  readonly se: number;
  readonly level: number;
}

/** What a result was computed with, for audit: the bank and the library version. */
export interface ResultProvenance {
  readonly bank: BankReference;
  readonly libraryVersion: string;
}

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

/** Options of `computeSessionResult` and `scoreFixedForm`'s grouping by area. */
export const GroupingOptions = z.object({
  /** The framework whose areas group the competences (default: `DEFAULT_FRAMEWORK`). */
  framework: z.unknown().optional(),
});
export type GroupingOptions = z.input<typeof GroupingOptions>;

// ---------------------------------------------------------------------------------------------------
// Simulation

/** The test design of a simulation. */
export const SimulationDesign = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("adaptive") }),
  z
    .object({ kind: z.literal("fixed"), itemIds: z.array(z.string().min(1)).min(1) })
    .refine((d) => new Set(d.itemIds).size === d.itemIds.length, {
      message: "a fixed form lists each item once",
      path: ["itemIds"],
    }),
  z.object({ kind: z.literal("random") }),
]);
export type SimulationDesign = z.infer<typeof SimulationDesign>;

/**
 * Session options shared by the simulations: exactly the session's options and defaults (SE <= 0.3
 * stop after 5 items...), without the seed (the simulation's own) and the maximum (its `length`).
 */
const SimulatedSessionOptions = AdaptiveSessionOptions.omit({ seed: true, maxItems: true, exposure: true });

/** Options of `simulateAssessment`. */
export const SimulateAssessmentOptions = z
  .object({
    seed: z.union([z.number().int(), z.string()]),
    design: SimulationDesign,
    /** How many examinees, with abilities drawn from N(populationMean, populationSd); or use `abilities`. */
    examinees: z.number().int().min(1).max(10_000_000).optional(),
    /** Given true abilities, one examinee each (instead of drawing `examinees` from the population). */
    abilities: z.array(z.number().finite()).min(1).max(10_000_000).optional(),
    populationMean: z.number().default(0),
    populationSd: z.number().positive().default(1),
    /** Test length for fixed-form and random designs, maximum length for the adaptive one. */
    length: z.number().int().min(1).max(500).default(30),
    /** Record the first length at which SE <= this (null: not recorded). */
    seTarget: z.number().positive().nullable().default(0.3),
    /** Session options for the adaptive design, with the session's defaults (seed comes from above). */
    session: SimulatedSessionOptions.extend({ exposure: ExposureControl.prefault({ method: "randomesque" }) }).prefault(
      {},
    ),
  })
  .superRefine((o, ctx) => {
    if (o.examinees === undefined && o.abilities === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["examinees"],
        message: "give examinees (drawn from the population) or abilities",
      });
    if (o.examinees !== undefined && o.abilities !== undefined && o.examinees !== o.abilities.length) {
      ctx.addIssue({
        code: "custom",
        path: ["examinees"],
        message: `examinees (${o.examinees}) differs from the number of abilities given (${o.abilities.length})`,
      });
    }
  });
export type SimulateAssessmentOptions = z.input<typeof SimulateAssessmentOptions>;

/** Options of `createSimulatedBank`. */
export const CreateSimulatedBankOptions = z.object({
  seed: z.union([z.number().int(), z.string()]),
  items: z.number().int().min(1).max(100_000),
  model: z.enum(["rasch", "2pl", "3pl"]).default("2pl"),
  /** Competences to spread items over, round-robin (default: the default framework's 18). */
  competences: z.array(z.string().min(1)).min(1).optional(),
  /** Difficulties are drawn from N(difficultyMean, difficultySd). */
  difficultyMean: z.number().default(0),
  difficultySd: z.number().positive().default(1.2),
});
export type CreateSimulatedBankOptions = z.input<typeof CreateSimulatedBankOptions>;

/** The outcome of a simulation. Arrays are indexed by examinee. */
export interface SimulationResult extends ResultProvenance {
  readonly design: SimulationDesign["kind"];
  readonly examinees: number;
  readonly trueTheta: Float64Array;
  readonly theta: Float64Array;
  readonly se: Float64Array;
  readonly length: Int32Array;
  /** First length at which SE <= seTarget, or -1 when never reached. */
  readonly lengthToSeTarget: Int32Array;
  readonly rmse: number;
  readonly bias: number;
  readonly meanSe: number;
  readonly meanLength: number;
  /** Mean of `lengthToSeTarget` over examinees who reached it (null when none did). */
  readonly meanLengthToSeTarget: number | null;
  readonly shareReachingSeTarget: number;
  /** Share of examinees who saw each item (item id -> share), the exposure rates. */
  readonly exposure: Readonly<Record<string, number>>;
  /** Share of examinees for whom each item was selected, before the Sympson-Hetter lottery. */
  readonly selection: Readonly<Record<string, number>>;
}

/** Options of `computeSympsonHetterParameters`. */
export const ComputeSympsonHetterParametersOptions = z.object({
  seed: z.union([z.number().int(), z.string()]),
  /** The highest exposure rate wanted for any item (e.g. 0.25). */
  targetExposure: z.number().gt(0).lte(1),
  iterations: z.number().int().min(1).max(100).default(10),
  /** Simulated examinees per iteration. */
  examinees: z.number().int().min(10).max(1_000_000).default(2000),
  length: z.number().int().min(1).max(500).default(30),
  /** Randomesque k applied before the lottery. */
  k: z.number().int().min(1).max(50).default(1),
  populationMean: z.number().default(0),
  populationSd: z.number().positive().default(1),
  session: SimulatedSessionOptions.prefault({}),
});
export type ComputeSympsonHetterParametersOptions = z.input<typeof ComputeSympsonHetterParametersOptions>;

/** Sympson-Hetter parameters and how exposure evolved while computing them. */
export interface SympsonHetterParameters {
  /** Probability of administering each item once selected (pass as `exposure.parameters`). */
  readonly parameters: Readonly<Record<string, number>>;
  /** Highest item exposure rate observed at each iteration. */
  readonly maxExposureByIteration: readonly number[];
  /** RMSE of ability at each iteration (the precision paid for lower exposure). */
  readonly rmseByIteration: readonly number[];
}

// ---------------------------------------------------------------------------------------------------
// Fixed-form scoring

/** One response of a fixed form: scored (`correct`), raw (`answer`), or null/absent for unanswered. */
export const FormResponse = z.union([
  z.object({ itemId: z.string().min(1), correct: z.boolean() }),
  z.object({ itemId: z.string().min(1), answer: Answer.nullable() }),
]);
export type FormResponse = z.infer<typeof FormResponse>;

/** Options of `scoreFixedForm`. */
export const ScoreFixedFormOptions = z.object({
  /** The items of the form (default: every item answered). */
  itemIds: z.array(z.string().min(1)).optional(),
  /** How an item of the form with no response counts: as incorrect (default) or left out. */
  unanswered: z.enum(["incorrect", "omit"]).default("incorrect"),
  grid: QuadratureGrid.prefault({}),
  prior: AbilityPrior.prefault({ kind: "normal" }),
  levelCuts: LevelCuts.optional(),
  /** The framework whose areas group the competences (default: `DEFAULT_FRAMEWORK`). */
  framework: z.unknown().optional(),
});
export type ScoreFixedFormOptions = z.input<typeof ScoreFixedFormOptions>;

/** The score of a fixed form. */
export interface FixedFormScore extends ResultProvenance {
  readonly raw: number;
  readonly max: number;
  readonly percent: number | null;
  readonly unanswered: readonly string[];
  readonly eap: AbilityEstimate;
  readonly level: number;
  readonly perCompetence: readonly GroupScore[];
  /** Per area of the framework (competences outside the framework are not grouped). */
  readonly perArea: readonly GroupScore[];
  /** The input of `recommendOrientation`. */
  readonly profile: AbilityProfile;
}

// ---------------------------------------------------------------------------------------------------
// Orientation

/** A ROME job sheet (fiche) reference. */
export const RomeReference = z.object({
  code: z.string().regex(/^[A-N]\d{4}$/, "a ROME code such as M1805"),
  label: z.string().min(1),
  /** Where the code and label were checked, or why they could not be. */
  checked: z.string().min(1),
});
export type RomeReference = z.infer<typeof RomeReference>;

/** A competence requirement: at least `level` in `competence`, weighing `weight` in the match. */
export const Requirement = z.object({
  competence: z.string().min(1),
  level: Level,
  weight: z.number().positive().default(1),
});
export type Requirement = z.infer<typeof Requirement>;

/** A tech job family and what it asks for at entry (after a short training). */
export const JobFamily = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  rome: z.array(RomeReference).min(1),
  requirements: z.array(Requirement).min(1),
});
export type JobFamily = z.infer<typeof JobFamily>;

/** A parcours workshop and the competences it develops, up to `targetLevel`. */
export const Workshop = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  competences: z.array(z.string().min(1)).min(1),
  targetLevel: Level,
  durationHours: z.number().positive().optional(),
});
export type Workshop = z.infer<typeof Workshop>;

/** Orientation rules: job families and workshops. Data: replace them freely. */
export const OrientationRules = z.object({
  version: z.string().min(1),
  jobFamilies: z.array(JobFamily).min(1),
  workshops: z.array(Workshop),
  /** A family is "within reach" when no gap is left open and the match is at least this. */
  reachThreshold: z.number().min(0).max(1).default(0.75),
  /** A gap of at most this many levels can be closed by the parcours workshops. */
  maxGapClosable: z.number().int().min(0).max(7).default(2),
});
export type OrientationRules = z.infer<typeof OrientationRules>;

/** Where the ability behind a requirement came from: the competence's own items, its area's, or the whole test. */
export type AbilitySource = "competence" | "area" | "overall";

/** One requirement of a job family checked against what the test measured. */
export interface RequirementCheck {
  readonly competence: string;
  readonly required: number;
  readonly source: AbilitySource;
  readonly theta: number;
  readonly se: number;
  /** The level of the estimate itself (the most likely reading, not a certainty). */
  readonly level: number;
  /** Probability that the person's level is at least `required`, given the answers. */
  readonly probability: number;
}

/** A requirement whose level is not reached by the estimate. */
export interface CompetenceGap {
  readonly competence: string;
  readonly source: AbilitySource;
  readonly level: number;
  readonly required: number;
  readonly gap: number;
  readonly probability: number;
}

/**
 * How a family fits: `ready` (probability that every requirement is met >= `readiness`), `to_confirm`
 * (the test cannot tell: the estimates meet the requirements, or the probability lies between
 * 1 - `readiness` and `readiness`), `within_reach` (every gap closable by workshops), `far` otherwise.
 */
export type JobFamilyStatus = "ready" | "to_confirm" | "within_reach" | "far";

/** How one job family fits what the test measured. */
export interface JobFamilyMatch {
  readonly id: string;
  readonly name: string;
  readonly rome: readonly RomeReference[];
  /** Weighted share of requirements met by the estimates, in [0, 1]. */
  readonly match: number;
  /** Probability that every requirement is met (a lower bound when estimates come from several sources). */
  readonly probability: number;
  readonly status: JobFamilyStatus;
  readonly requirements: readonly RequirementCheck[];
  readonly gaps: readonly CompetenceGap[];
  /** Workshops that close this family's gaps (ids). */
  readonly workshops: readonly string[];
  /** Gaps no workshop closes (too wide, or no workshop for that competence). */
  readonly openGaps: readonly CompetenceGap[];
}

/** A recommended workshop and the gaps it closes. */
export interface WorkshopRecommendation {
  readonly id: string;
  readonly name: string;
  readonly closes: readonly string[];
  /** Ids of the job families it helps. */
  readonly forJobFamilies: readonly string[];
}

/** Options of `recommendOrientation`. */
export const RecommendOrientationOptions = z.object({
  /** The rules (default `DEFAULT_ORIENTATION_RULES`); validated here. */
  rules: z.unknown().optional(),
  /**
   * Probability that every requirement is met needed to say `ready` (default 0.9: with 30-item tests,
   * 0.8 still marks about 7 % of the candidates just below a level "ready"; 0.9 keeps it under 5 %).
   */
  readiness: z.number().gt(0.5).lt(1).default(0.9),
  /** A competence or area estimate is used only when its SE is at most this (default 0.5); else the overall one. */
  maxSe: z.number().positive().default(0.5),
  /** The framework that maps competences to areas (default: `DEFAULT_FRAMEWORK`). */
  framework: z.unknown().optional(),
});
export type RecommendOrientationOptions = z.input<typeof RecommendOrientationOptions>;

/** The orientation of one profile. */
export interface Orientation {
  readonly jobFamilies: readonly JobFamilyMatch[];
  readonly workshops: readonly WorkshopRecommendation[];
  readonly rulesVersion: string;
  /** The readiness probability used. */
  readonly readiness: number;
}

// ---------------------------------------------------------------------------------------------------
// Calibration

/** A response matrix: one row per person, one column per item; 1 correct, 0 incorrect, null missing. */
export const ResponseMatrix = z
  .object({
    itemIds: z.array(z.string().min(1)).min(1),
    rows: z.array(z.array(z.union([z.literal(0), z.literal(1), z.null()]))),
  })
  .superRefine((m, ctx) => {
    m.rows.forEach((row, i) => {
      if (row.length !== m.itemIds.length) {
        ctx.addIssue({
          code: "custom",
          path: ["rows", i],
          message: `row has ${row.length} answers, expected ${m.itemIds.length}`,
        });
      }
    });
    const seen = new Set<string>();
    m.itemIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["itemIds", i], message: `duplicate item id ${id}` });
      seen.add(id);
    });
  });
export type ResponseMatrix = z.infer<typeof ResponseMatrix>;

/** Options of `calibrateItems`. */
export const CalibrateItemsOptions = z.object({
  model: z.enum(["rasch", "2pl"]).default("rasch"),
  grid: QuadratureGrid.prefault({ min: -5, max: 5, points: 41 }),
  maxIterations: z.number().int().min(1).max(10_000).default(500),
  tolerance: z.number().positive().default(1e-4),
  /** 2PL only: standard deviation of the log-normal prior on `a` (MAP), which keeps slopes finite. */
  slopePriorSd: z.number().positive().default(1),
});
export type CalibrateItemsOptions = z.input<typeof CalibrateItemsOptions>;

/** One calibrated item, or why it could not be calibrated. */
export interface CalibratedItem {
  readonly itemId: string;
  readonly status: "calibrated" | "not_estimable";
  /** Why the item is not estimable (e.g. everyone answered correctly), when it is not. */
  readonly reason: string | null;
  readonly irt: { readonly a: number; readonly b: number; readonly c: number } | null;
  readonly seA: number | null;
  readonly seB: number | null;
  readonly answered: number;
  /** Share of correct answers among those who answered (classical difficulty p-value). */
  readonly pValue: number | null;
  /** Information-weighted mean square (expected 1; above 1.3 or below 0.7 deserves a look). */
  readonly infit: number | null;
  /** Unweighted mean square, sensitive to outliers (expected 1). */
  readonly outfit: number | null;
}

/** The result of a calibration. */
export interface Calibration {
  readonly model: "rasch" | "2pl";
  readonly method: "mml_em";
  readonly converged: boolean;
  readonly iterations: number;
  readonly logLikelihood: number;
  /** Rasch: estimated standard deviation of ability in the population (mean fixed at 0). 2PL: 1. */
  readonly populationSd: number;
  readonly items: readonly CalibratedItem[];
  /** Persons excluded from estimation because they answered nothing (row indices). */
  readonly emptyRows: readonly number[];
}
