/**
 * The messages of refused item banks and adaptive sessions, and the words of their reasons.
 * @module
 */
import type { DeclicsErrorDetails, ErrorLanguage } from "../../errors.js";
import { type MessagePart, rec, en, fr } from "./part.js";
import { type Reason, renderProblem } from "./problem.js";

function problemList(problems: DeclicsErrorDetails["invalid_item_bank"]["problems"], lang: ErrorLanguage): string {
  const list = Array.isArray(problems) ? problems : [];
  const head = list.slice(0, 5).map((p) => renderProblem(p, lang, REASONS));
  const more = list.length - 5;
  const tail = more > 0 ? (lang === "fr" ? ` (et ${more} autres)` : ` (and ${more} more)`) : "";
  return `${head.join("; ")}${tail}`;
}

/** Assessment: item banks. */
export const ASSESSMENT_REASONS: Readonly<Record<string, Reason>> = {
  empty_bank: [
    () => "the bank has no items (a test on it would only return the prior)",
    () => "la banque n'a aucun item (un test ne rendrait que la loi a priori)",
  ],
  duplicate_item: [
    (v) => `item ${v("index")} (${v("itemId")}): duplicate id`,
    (v) => `item ${v("index")} (${v("itemId")}) : identifiant en double`,
  ],
  unknown_competence: [
    (v) => `item ${v("index")} (${v("itemId")}): unknown competence ${v("competence")}`,
    (v) => `item ${v("index")} (${v("itemId")}) : compétence inconnue ${v("competence")}`,
  ],
  bad_discrimination: [
    (v) =>
      `item ${v("index")} (${v("itemId")}): discrimination a must be a finite number > 0, received ${v("received")}`,
    (v) =>
      `item ${v("index")} (${v("itemId")}) : la discrimination a doit être un nombre fini > 0, reçu ${v("received")}`,
  ],
  bad_difficulty: [
    (v) => `item ${v("index")} (${v("itemId")}): difficulty b must be a finite number, received ${v("received")}`,
    (v) => `item ${v("index")} (${v("itemId")}) : la difficulté b doit être un nombre fini, reçu ${v("received")}`,
  ],
  bad_guessing: [
    (v) => `item ${v("index")} (${v("itemId")}): guessing c must be in [0, 1), received ${v("received")}`,
    (v) => `item ${v("index")} (${v("itemId")}) : la chance c doit être dans [0, 1), reçu ${v("received")}`,
  ],
  duplicate_option: [
    (v) => `item ${v("index")} (${v("itemId")}): option ids are not unique`,
    (v) => `item ${v("index")} (${v("itemId")}) : identifiants d'options en double`,
  ],
  key_not_option: [
    (v) => `item ${v("index")} (${v("itemId")}): answer key ${v("key")} is not an option`,
    (v) => `item ${v("index")} (${v("itemId")}) : la clé ${v("key")} n'est pas une option`,
  ],
  key_repeats: [
    (v) => `item ${v("index")} (${v("itemId")}): answer key repeats an option`,
    (v) => `item ${v("index")} (${v("itemId")}) : la clé répète une option`,
  ],
  ordering_incomplete: [
    (v) =>
      `item ${v("index")} (${v("itemId")}): ordering key must list all ${v("options")} options, lists ${v("listed")}`,
    (v) =>
      `item ${v("index")} (${v("itemId")}) : la clé d'ordre doit citer les ${v("options")} options, en cite ${v("listed")}`,
  ],
  key_selects_all: [
    (v) => `item ${v("index")} (${v("itemId")}): multiple choice key selects every option`,
    (v) => `item ${v("index")} (${v("itemId")}) : la clé du choix multiple coche toutes les options`,
  ],
  numeric_not_finite: [
    (v) => `item ${v("index")} (${v("itemId")}): numeric answer must be finite`,
    (v) => `item ${v("index")} (${v("itemId")}) : la réponse numérique doit être finie`,
  ],
  blank_accepted: [
    (v) => `item ${v("index")} (${v("itemId")}): accepted answers must not be blank`,
    (v) => `item ${v("index")} (${v("itemId")}) : les réponses acceptées ne doivent pas être vides`,
  ],
};

/** Refused item banks and session states. */
const REASONS = ASSESSMENT_REASONS;

export const ASSESSMENT_MESSAGES: MessagePart<"invalid_item_bank" | "invalid_session_state"> = {
  invalid_item_bank: {
    en: (d) => `Invalid item bank: ${problemList(d.problems, "en")}`,
    fr: (d) => `Banque d'items invalide : ${problemList(d.problems, "fr")}`,
  },
  invalid_session_state: {
    en: (d) => `Adaptive session state refused: expected ${en(d.expected)}${rec(d.received, "en")}`,
    fr: (d) => `État de session adaptative refusé : attendu ${fr(d.expected)}${rec(d.received, "fr")}`,
  },
};
