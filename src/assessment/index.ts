/**
 * Skill assessments: competence framework, item banks, IRT (1PL/2PL/3PL), EAP and MLE ability,
 * adaptive sessions, simulation, fixed-form scoring, orientation and calibration.
 * @module assessment
 */
export * from "./schema.js";
export { DEFAULT_FRAMEWORK } from "./default-framework.js";
export { parseFramework, safeParseFramework } from "./parse-framework.js";
export { parseItemBank, safeParseItemBank } from "./parse-item-bank.js";
export type { ItemBankParseResult, ParseItemBankOptions } from "./parse-item-bank.js";
export { computeProbability } from "./compute-probability.js";
export { computeInformation } from "./compute-information.js";
export { estimateAbilityEap } from "./estimate-ability-eap.js";
export { estimateAbilityMle } from "./estimate-ability-mle.js";
export { isAnswerCorrect } from "./is-answer-correct.js";
export { startAdaptiveSession } from "./start-adaptive-session.js";
export { selectNextItem } from "./select-next-item.js";
export { answerItem } from "./answer-item.js";
export { computeSessionResult } from "./compute-session-result.js";
export { simulateAssessment } from "./simulate-assessment.js";
export { createSimulatedBank } from "./create-simulated-bank.js";
export { scoreFixedForm } from "./score-fixed-form.js";
export { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
export { parseOrientationRules, safeParseOrientationRules } from "./parse-orientation-rules.js";
export { recommendOrientation } from "./recommend-orientation.js";
export { viewItem } from "./view-item.js";
export { viewPendingItem } from "./view-pending-item.js";
export { calibrateItems } from "./calibrate-items.js";
export { STARTER_BANK } from "./starter-bank.js";
export { computeSympsonHetterParameters } from "./compute-sympson-hetter-parameters.js";
