import { type AbilityEstimate, type AbilityProfile, AbilityPrior, type GroupScore, QuadratureGrid } from "./ability.js";
import { LevelCuts } from "./framework.js";
import { Answer } from "./item.js";
import type { ResultProvenance } from "./item-bank.js";
import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { DeclicsError, type Expectation } from "../errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { assessmentError } from "./_errors.js";
import { isAnswerCorrect } from "./is-answer-correct.js";
import { frameworkFrom, scoreGroups } from "./_groups.js";
import { levelOf } from "./_irt.js";
import { bankFrom, bankReference, engineOf, posteriorAfter } from "./_session.js";
import { LIBRARY_VERSION } from "./_version.js";

/** One response of a fixed form: scored (`correct`), raw (`answer`), or null/absent for unanswered. */
const FormResponseShape = z.union([
  z.object({ itemId: z.string().min(1), correct: z.boolean() }),
  z.object({ itemId: z.string().min(1), answer: Answer.nullable() }),
]);
export type FormResponse = z.infer<typeof FormResponseShape>;

/** Options of `scoreFixedForm`. */
const Options = z.object({
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
/** Options of `scoreFixedForm`. */
export type ScoreFixedFormOptions = z.input<typeof Options>;

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

const Responses = z.array(FormResponseShape);

/**
 * Scores a fixed form (everyone gets the same items): raw score, percent, EAP ability with SE and level
 * overall, and the same per competence and per area (each group's ability from its own items only, so it
 * is shrunk toward the prior when the group has few items: read its SE), in the same shape as
 * `computeSessionResult`; `profile` is the input of {@link recommendOrientation}; the bank (id, version,
 * fingerprint) and the library version are recorded.
 *
 * @param bank - the item bank the form's items come from
 * @param responses - `{ itemId, correct }` or `{ itemId, answer }` (answer null = unanswered)
 * @param options - `itemIds` (the form; default: the answered items), `unanswered` ("incorrect" or
 *   "omit"), `grid`, `prior`, `levelCuts` (strictly increasing), `framework` (areas; default
 *   `DEFAULT_FRAMEWORK`)
 * @returns the score; unanswered items are listed, never silently dropped
 * @throws {DeclicsError} `invalid_input` for malformed input; `invalid_option` when a response names an
 *   item outside the bank or the form, or answers an item twice, or the form repeats an item
 * @example
 * ```ts
 * import { STARTER_BANK, scoreFixedForm } from "declics/assessment";
 * const [q1, q2] = STARTER_BANK.items;
 * const score = scoreFixedForm(STARTER_BANK, [{ itemId: q1!.id, correct: true }, { itemId: q2!.id, correct: false }]);
 * [score.raw, score.max];
 * // => [1, 2]
 * ```
 * @category Scoring
 */
export function scoreFixedForm(
  bank: unknown,
  responses: readonly FormResponse[],
  options: ScoreFixedFormOptions = {},
): FixedFormScore {
  const parsedBank = bankFrom(bank);
  const rs = parseWith(Responses, responses, { module: "assessment", what: "form responses" });
  const o = parseWith(Options, options, { module: "assessment", what: "fixed-form options" });
  const framework = frameworkFrom(o.framework);
  const engine = engineOf(parsedBank, o);
  const { p, cuts } = engine;
  const fail = (expected: Expectation, received: string): DeclicsError<"invalid_option"> =>
    assessmentError({
      code: "invalid_option",
      module: "assessment",
      details: { option: "responses", expected, received },
    });
  const form = o.itemIds ?? rs.map((r) => r.itemId);
  const inForm = new Set(form);
  if (inForm.size !== form.length)
    throw fail(
      rule("distinct item ids in the form", "des identifiants d'items distincts dans le test"),
      JSON.stringify(form.find((id, i) => form.indexOf(id) !== i)!),
    );
  for (const id of form)
    if (!p.indexById.has(id)) throw fail({ kind: "known_id", of: "bank_item" }, JSON.stringify(id));
  const byId = new Map<string, FormResponse>();
  for (const r of rs) {
    if (!inForm.has(r.itemId)) throw fail({ kind: "known_id", of: "form_item" }, JSON.stringify(r.itemId));
    if (byId.has(r.itemId)) throw fail(rule("one response per item", "une réponse par item"), JSON.stringify(r.itemId));
    byId.set(r.itemId, r);
  }
  const scored: { itemId: string; competence: string; correct: boolean }[] = [];
  const unanswered: string[] = [];
  for (const id of form) {
    const item = p.items[p.indexById.get(id)!]!;
    const r = byId.get(id);
    let correct: boolean | null = null;
    if (r !== undefined) {
      if ("correct" in r) correct = r.correct;
      else if (r.answer !== null) correct = isAnswerCorrect(item, r.answer);
    }
    if (correct === null) {
      unanswered.push(id);
      if (o.unanswered === "omit") continue;
      correct = false;
    }
    scored.push({ itemId: id, competence: item.competence, correct });
  }
  const overall = posteriorAfter(engine, scored);
  const raw = scored.filter((x) => x.correct).length;
  return {
    raw,
    max: scored.length,
    percent: scored.length > 0 ? raw / scored.length : null,
    unanswered,
    eap: {
      method: "eap",
      theta: overall.theta,
      se: overall.se,
      rule: scored.length === 0 ? "no_responses" : "interior",
      responses: scored.length,
    },
    level: levelOf(overall.theta, cuts),
    ...scoreGroups(engine, scored, overall, framework),
    bank: bankReference(parsedBank),
    libraryVersion: LIBRARY_VERSION,
  };
}
