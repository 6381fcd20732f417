/**
 * Skill assessments: competence framework, item banks, IRT (1PL/2PL/3PL), EAP and MLE ability,
 * adaptive sessions, simulation, fixed-form scoring, orientation and calibration.
 *
 * Every export is named here. Entities (framework, items, banks, ability, session state, orientation
 * rules, response matrices) are zod schemas exported with their types; each operation exports its
 * `XOptions` type and its result type beside it.
 * @module assessment
 */

// Shared vocabulary: the error type every function throws, and the result of `safeParseX`.
export { DeclicsError, isDeclicsError } from "../errors.js";
export type { SafeParseResult } from "../_lib/parse.js";

// Entities.
export {
  Area,
  AreaId,
  Competence,
  CompetenceFramework,
  CompetenceId,
  Level,
  LevelCuts,
  LevelDescriptor,
} from "./framework.js";
export {
  Answer,
  type ClientItem,
  IrtParameters,
  Item,
  ItemId,
  ItemKind,
  ItemOption,
  MultipleChoiceItem,
  NumericItem,
  OrderingItem,
  ShortAnswerItem,
  SingleChoiceItem,
} from "./item.js";
export { BankReference, ItemBank, type ResultProvenance } from "./item-bank.js";
export {
  AbilityEstimate,
  AbilityMeasure,
  AbilityPrior,
  AbilityProfile,
  EstimateRule,
  type GroupScore,
  QuadratureGrid,
  ScoredResponse,
} from "./ability.js";
export {
  type AdaptiveSession,
  type AuditEntry,
  ContentBalancing,
  ExposureControl,
  type PendingItem,
  type ResolvedAdaptiveSessionOptions,
  type SelectionReason,
  type SessionEstimate,
  SessionResponse,
  SessionStep,
  StopReason,
} from "./session-state.js";
export { JobFamily, OrientationRules, Requirement, RomeReference, Workshop } from "./orientation-rules.js";
export { ResponseMatrix } from "./response-matrix.js";

// Framework, banks and rules.
export { DEFAULT_FRAMEWORK } from "./default-framework.js";
export { parseFramework, safeParseFramework } from "./parse-framework.js";
export { parseItemBank, safeParseItemBank } from "./parse-item-bank.js";
export type { ItemBankParseResult, ParseItemBankOptions } from "./parse-item-bank.js";
export { STARTER_BANK } from "./starter-bank.js";
export { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
export { parseOrientationRules, safeParseOrientationRules } from "./parse-orientation-rules.js";

// IRT and ability.
export { computeProbability } from "./compute-probability.js";
export { computeInformation } from "./compute-information.js";
export { estimateAbilityEap, type EstimateAbilityEapOptions } from "./estimate-ability-eap.js";
export { estimateAbilityMle, type EstimateAbilityMleOptions } from "./estimate-ability-mle.js";
export { isAnswerCorrect } from "./is-answer-correct.js";

// Adaptive sessions.
export { startAdaptiveSession, type AdaptiveSessionOptions } from "./start-adaptive-session.js";
export { selectNextItem } from "./select-next-item.js";
export { answerItem } from "./answer-item.js";
export {
  computeSessionResult,
  type AdaptiveSessionResult,
  type ComputeSessionResultOptions,
} from "./compute-session-result.js";
export { viewItem } from "./view-item.js";
export { viewPendingItem } from "./view-pending-item.js";

// Simulation, exposure control, scoring, orientation and calibration.
export {
  simulateAssessment,
  type SimulateAssessmentOptions,
  type SimulationDesign,
  type SimulationResult,
} from "./simulate-assessment.js";
export { createSimulatedBank, type CreateSimulatedBankOptions } from "./create-simulated-bank.js";
export {
  computeSympsonHetterParameters,
  type ComputeSympsonHetterParametersOptions,
  type SympsonHetterParameters,
} from "./compute-sympson-hetter-parameters.js";
export {
  scoreFixedForm,
  type FixedFormScore,
  type FormResponse,
  type ScoreFixedFormOptions,
} from "./score-fixed-form.js";
export {
  recommendOrientation,
  type AbilitySource,
  type CompetenceGap,
  type JobFamilyMatch,
  type JobFamilyStatus,
  type Orientation,
  type RecommendOrientationOptions,
  type RequirementCheck,
  type WorkshopRecommendation,
} from "./recommend-orientation.js";
export {
  calibrateItems,
  type CalibratedItem,
  type CalibrateItemsOptions,
  type Calibration,
} from "./calibrate-items.js";
