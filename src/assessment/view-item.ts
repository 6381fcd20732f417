import { parseWith } from "../_lib/parse.js";
import { type ClientItem, Item } from "./item.js";

/**
 * The key-free view of an item, for a participant's screen: id, kind, competence, stem, options (choice
 * and ordering items), unit (numeric items) and time limit. Never the answer key (`answer`,
 * `accepted`), the tolerance, the case rule or the IRT parameters: send this, never the item itself.
 *
 * @param item - an item of a bank
 * @returns a new object with only what the participant must see
 * @throws {DeclicsError} `invalid_input` for a malformed item
 * @example
 * ```ts
 * import { STARTER_BANK, viewItem } from "declics/assessment";
 * const view = viewItem(STARTER_BANK.items[0]!);
 * ["answer" in view, "accepted" in view, view.stem.length > 0];
 * // => [false, false, true]
 * ```
 * @category Adaptive testing
 */
export function viewItem(item: unknown): ClientItem {
  const it = parseWith(Item, item, { module: "assessment", what: "item" });
  const base = { id: it.id as string, kind: it.kind, competence: it.competence as string, stem: it.stem };
  const time = it.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: it.timeLimitSeconds };
  if (it.kind === "single_choice" || it.kind === "multiple_choice" || it.kind === "ordering") {
    return { ...base, options: it.options.map((o) => ({ id: o.id, text: o.text })), ...time };
  }
  if (it.kind === "numeric") return { ...base, ...(it.unit === undefined ? {} : { unit: it.unit }), ...time };
  return { ...base, ...time };
}
