import { ItemBank } from "./item-bank.js";
import { buildItems } from "./starter-bank/_build.js";
import { STARTER_EXPOSURE } from "./starter-bank/exposure.js";
import { STARTER_AREAS } from "./starter-bank/index.js";

/**
 * The starter bank: 311 original items written for declics in plain French, across the 18 competences
 * of {@link DEFAULT_FRAMEWORK} (16 Pix competences in the five DigComp areas and the 2 parcours
 * aptitudes), every competence at every level 1 to 8. No culture-dependent trivia.
 *
 * Written so that no surface cue gives the key away: the keyed option is the longest about as often as
 * chance, single-choice keys sit equally often on each position, multiple-choice items key one, two or
 * three options, ordering items are never shown in order, and no item's data answers another.
 *
 * Its IRT parameters are PROVISIONAL (`parametersStatus: "provisional"`): difficulty b at the middle of
 * the author's level band, discrimination a = 1.7 (a unit slope on the normal-ogive scale), guessing c
 * equal to the chance of a blind guess (1/4 for a four-option single choice, 1/14 for a four-option
 * multiple choice, 1/n! for ordering, 0 for typed answers). Calibrate them on real answers
 * (`calibrateItems`) before using the results for decisions.
 *
 * @example
 * ```ts
 * import { STARTER_BANK } from "declics/assessment";
 * STARTER_BANK.items.length >= 300 && STARTER_BANK.items.every((i) => i.parametersStatus === "provisional");
 * // => true
 * ```
 * @category Item bank
 */
export const STARTER_BANK: ItemBank = /* @__PURE__ */ ItemBank.parse({
  id: "declics-starter",
  name: "Banque de départ DéClics (paramètres provisoires)",
  version: "2026.2",
  frameworkId: "declics-pix-digcomp",
  items: buildItems(STARTER_AREAS, STARTER_EXPOSURE),
});
