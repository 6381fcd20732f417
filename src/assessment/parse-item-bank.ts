import type { DeclicsError } from "../errors.js";
import { parseWith, safeParseWith } from "../_lib/parse.js";
import { bankError, findBankProblems } from "./_bank.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { CompetenceFramework } from "./framework.js";
import { ItemBank } from "./item-bank.js";

/** Options of {@link parseItemBank}: the framework the competences must belong to (null: not checked). */
export interface ParseItemBankOptions {
  readonly framework?: CompetenceFramework | null;
}

/** The result of {@link safeParseItemBank}. */
export type ItemBankParseResult =
  | { readonly success: true; readonly data: ItemBank }
  | { readonly success: false; readonly error: DeclicsError<"invalid_input"> | DeclicsError<"invalid_item_bank"> };

/**
 * Checks an item bank: its shape (zod schema), then its consistency: unique item ids, competences known
 * to the framework, possible IRT parameters (a > 0, finite b, c in [0, 1)) and answer keys that match the
 * options (single choice key is an option; multiple choice keys are distinct options and not all of
 * them; ordering key lists every option once).
 *
 * @param input - the bank, e.g. parsed from JSON
 * @param options - `framework` (default {@link DEFAULT_FRAMEWORK}; `null` skips the competence check)
 * @returns the validated bank, with defaults filled in (a = 1, c = 0, parametersStatus "provisional")
 * @throws {DeclicsError} `invalid_input` when the shape is wrong; `invalid_item_bank` with every
 *   consistency problem in `details.problems`
 * @example
 * ```ts
 * import { parseItemBank } from "declics/assessment";
 * const bank = parseItemBank({
 *   id: "demo",
 *   items: [{ id: "q1", competence: "A.1", level: 2, kind: "numeric", stem: "2 + 2 ?", answer: 4, irt: { b: -1.5 } }],
 * });
 * bank.items[0]?.irt;
 * // => { a: 1, b: -1.5, c: 0 }
 * ```
 * @category Item bank
 */
export function parseItemBank(input: unknown, options: ParseItemBankOptions = {}): ItemBank {
  const bank = parseWith(ItemBank, input, { module: "assessment", what: "item bank" });
  const framework = options.framework === undefined ? DEFAULT_FRAMEWORK : options.framework;
  const problems = findBankProblems(bank, framework);
  if (problems.length > 0) throw bankError(problems);
  return bank;
}

/**
 * Like {@link parseItemBank}, returning a result instead of throwing.
 *
 * @param input - the bank
 * @param options - see {@link parseItemBank}
 * @returns `{ success: true, data }` or `{ success: false, error }` (error code `invalid_input` or
 *   `invalid_item_bank`)
 * @example
 * ```ts
 * import { safeParseItemBank } from "declics/assessment";
 * const r = safeParseItemBank({ id: "x", items: [{ id: "q", competence: "9.9", level: 1, kind: "numeric", stem: "?", answer: 1, irt: { b: 0 } }] });
 * r.success === false && r.error.code;
 * // => "invalid_item_bank"
 * ```
 * @category Item bank
 */
export function safeParseItemBank(input: unknown, options: ParseItemBankOptions = {}): ItemBankParseResult {
  const parsed = safeParseWith(ItemBank, input, { module: "assessment", what: "item bank" });
  if (!parsed.success) return parsed;
  const framework = options.framework === undefined ? DEFAULT_FRAMEWORK : options.framework;
  const problems = findBankProblems(parsed.data, framework);
  if (problems.length > 0) return { success: false, error: bankError(problems) };
  return { success: true, data: parsed.data };
}
