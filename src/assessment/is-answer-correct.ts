import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { assessmentError } from "./_errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { Answer, Item } from "./item.js";

const expectedShape: Record<Item["kind"], string> = {
  single_choice: "{ choice }",
  multiple_choice: "{ choices }",
  numeric: "{ value }",
  ordering: "{ order }",
  short_answer: "{ text }",
};

/**
 * Lower-cases (unless case-sensitive), strips accents, collapses spaces (non-breaking ones included),
 * reads every dash and minus sign (‐ ‑ ‒ – — ―, −, ﹣, －) as "-" and typographic apostrophes and quotes
 * (’ ‘ ʼ ′) as "'", for short answers: what a phone or a French keyboard types must count the same.
 */
export function normaliseText(text: string, caseSensitive: boolean): string {
  const t = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-")
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return caseSensitive ? t : t.toLowerCase();
}

/**
 * Whether an answer is correct for an item. Single choice: the key option. Multiple choice: exactly the
 * key options, in any order. Numeric: within the item's tolerance. Ordering: every option in the key's
 * order. Short answer: equal to an accepted answer once accents, extra spaces, dash and apostrophe
 * variants and (unless the item is case-sensitive) case are set aside.
 *
 * @param item - the item (from a validated bank)
 * @param answer - `{ choice }`, `{ choices }`, `{ value }`, `{ order }` or `{ text }`, matching the kind
 * @returns true when correct
 * @throws {DeclicsError} `invalid_input` when the answer is malformed; `invalid_option` when its shape
 *   does not match the item kind
 * @example
 * ```ts
 * import { Item, isAnswerCorrect } from "declics/assessment";
 * const item = Item.parse({ id: "q", competence: "A.1", level: 1, kind: "short_answer", stem: "Écrivez « bleu ».", accepted: ["bleu"], irt: { b: 0 } });
 * isAnswerCorrect(item, { text: " Bleu " });
 * // => true
 * ```
 * @category Scoring
 */
export function isAnswerCorrect(item: Item, answer: z.input<typeof Answer>): boolean {
  const a = parseWith(Answer, answer, { module: "assessment", what: "answer" });
  switch (item.kind) {
    case "single_choice":
      if ("choice" in a) return a.choice === item.answer;
      break;
    case "multiple_choice":
      if ("choices" in a) {
        const given = new Set(a.choices);
        return given.size === item.answer.length && item.answer.every((k) => given.has(k));
      }
      break;
    case "numeric":
      if ("value" in a) return Number.isFinite(a.value) && Math.abs(a.value - item.answer) <= item.tolerance + 1e-12;
      break;
    case "ordering":
      if ("order" in a) return a.order.length === item.answer.length && a.order.every((id, i) => id === item.answer[i]);
      break;
    case "short_answer":
      if ("text" in a) {
        const given = normaliseText(a.text, item.caseSensitive);
        return item.accepted.some((t) => normaliseText(t, item.caseSensitive) === given);
      }
      break;
  }
  throw assessmentError({
    code: "invalid_option",
    module: "assessment",
    details: {
      option: "answer",
      expected: rule(`an answer ${expectedShape[item.kind]}`, `une réponse ${expectedShape[item.kind]}`),
      received: `{ ${Object.keys(a).join(", ")} }`,
    },
  });
}
