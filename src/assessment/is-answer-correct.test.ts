import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { isAnswerCorrect } from "./is-answer-correct.js";
import { Item } from "./item.js";

const base = { competence: "A.1", level: 1, stem: "?", irt: { b: 0 } };
const options = [
  { id: "a", text: "A" },
  { id: "b", text: "B" },
  { id: "c", text: "C" },
];
const single = Item.parse({ ...base, id: "s", kind: "single_choice", options, answer: "b" });
const multiple = Item.parse({ ...base, id: "m", kind: "multiple_choice", options, answer: ["a", "c"] });
const numeric = Item.parse({ ...base, id: "n", kind: "numeric", answer: 12.5, tolerance: 0.1 });
const ordering = Item.parse({ ...base, id: "o", kind: "ordering", options, answer: ["c", "a", "b"] });
const short = Item.parse({ ...base, id: "t", kind: "short_answer", accepted: ["Mot de passe", "mdp"] });

describe("isAnswerCorrect", () => {
  it("scores each kind", () => {
    expect(isAnswerCorrect(single, { choice: "b" })).toBe(true);
    expect(isAnswerCorrect(single, { choice: "a" })).toBe(false);
    expect(isAnswerCorrect(multiple, { choices: ["c", "a"] })).toBe(true);
    expect(isAnswerCorrect(multiple, { choices: ["a"] })).toBe(false);
    expect(isAnswerCorrect(multiple, { choices: ["a", "b", "c"] })).toBe(false);
    expect(isAnswerCorrect(numeric, { value: 12.58 })).toBe(true);
    expect(isAnswerCorrect(numeric, { value: 12.7 })).toBe(false);
    expect(isAnswerCorrect(ordering, { order: ["c", "a", "b"] })).toBe(true);
    expect(isAnswerCorrect(ordering, { order: ["a", "c", "b"] })).toBe(false);
    expect(isAnswerCorrect(short, { text: "  MOT   de passé " })).toBe(true);
    expect(isAnswerCorrect(short, { text: "motdepasse" })).toBe(false);
  });

  it("refuses an answer shaped for another kind", () => {
    try {
      isAnswerCorrect(single, { text: "b" });
      expect.unreachable();
    } catch (e) {
      expect(isDeclicsError(e, "invalid_option")).toBe(true);
    }
  });

  it("multiple choice does not depend on the order of choices", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(["a", "b", "c"]), (choices) => {
        expect(isAnswerCorrect(multiple, { choices })).toBe(
          isAnswerCorrect(multiple, { choices: [...choices].reverse() }),
        );
      }),
    );
  });
});

describe("isAnswerCorrect: typed dashes and apostrophes", () => {
  it("reads an en dash, an em dash or a minus sign as the hyphen-minus key, and a curly apostrophe as a straight one", () => {
    const dash = Item.parse({
      id: "d",
      competence: "1.1",
      level: 6,
      kind: "short_answer",
      stem: "Quel caractère exclut un mot ?",
      accepted: ["-"],
      irt: { b: 0 },
    });
    for (const text of ["-", "–", "—", "−", " \u2212 ", "－"]) expect(isAnswerCorrect(dash, { text })).toBe(true);
    expect(isAnswerCorrect(dash, { text: "+" })).toBe(false);
    const apostrophe = Item.parse({
      id: "q",
      competence: "1.1",
      level: 1,
      kind: "short_answer",
      stem: "Écrivez « aujourd'hui ».",
      accepted: ["aujourd'hui"],
      irt: { b: 0 },
    });
    expect(isAnswerCorrect(apostrophe, { text: "Aujourd’hui" })).toBe(true);
  });
});
