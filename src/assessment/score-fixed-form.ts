import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { DeclicsError } from "../errors.js";
import { isAnswerCorrect } from "./is-answer-correct.js";
import { frameworkFrom, scoreGroups } from "./_groups.js";
import { levelOf } from "./_irt.js";
import { bankFrom, bankReference, engineOf, posteriorAfter } from "./_session.js";
import { LIBRARY_VERSION } from "./_version.js";
import { type FixedFormScore, FormResponse, ScoreFixedFormOptions } from "./schema.js";

const Responses = z.array(FormResponse);

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
  responses: readonly z.input<typeof FormResponse>[],
  options: ScoreFixedFormOptions = {},
): FixedFormScore {
  const parsedBank = bankFrom(bank);
  const rs = parseWith(Responses, responses, { module: "assessment", what: "form responses" });
  const o = parseWith(ScoreFixedFormOptions, options, { module: "assessment", what: "fixed-form options" });
  const framework = frameworkFrom(o.framework);
  const engine = engineOf(parsedBank, o);
  const { p, cuts } = engine;
  const fail = (expected: string, received: string): DeclicsError<"invalid_option"> =>
    new DeclicsError({
      code: "invalid_option",
      module: "assessment",
      details: {
        option: "responses",
        expected: { kind: "custom", note: `${expected}, received ${received}` },
        received: "",
      },
    });
  const form = o.itemIds ?? rs.map((r) => r.itemId);
  const inForm = new Set(form);
  if (inForm.size !== form.length)
    throw fail("distinct item ids in the form", `item ${form.find((id, i) => form.indexOf(id) !== i)!} listed twice`);
  for (const id of form) if (!p.indexById.has(id)) throw fail("items of the bank", `item ${id}`);
  const byId = new Map<string, z.infer<typeof FormResponse>>();
  for (const r of rs) {
    if (!inForm.has(r.itemId)) throw fail("responses to items of the form", `a response to ${r.itemId}`);
    if (byId.has(r.itemId)) throw fail("one response per item", `two responses to ${r.itemId}`);
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
