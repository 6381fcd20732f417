import * as z from "zod/v4";
import { CompetenceId, Level } from "./framework.js";

/**
 * Items: IRT parameters, the five item kinds, answers, and the key-free view a participant's screen may see.
 * @module
 */

/** An item identifier, unique within a bank. */
export const ItemId = z.string().min(1).max(100).brand<"ItemId">();
export type ItemId = z.infer<typeof ItemId>;

// Parameters are only checked for being numbers here: impossible values (a <= 0, c outside [0, 1),
// non-finite b) are reported together with the other bank problems by `parseItemBank`.
const numberValue = z.custom<number>((v) => typeof v === "number", {
  message: "a number",
  params: { expected: { kind: "type", type: "number" } },
});

/**
 * IRT parameters of an item: discrimination `a` (default 1), difficulty `b` (logits) and
 * pseudo-guessing `c` (default 0). Only `b` given = Rasch (1PL); `a` and `b` = 2PL; all three = 3PL.
 */
export const IrtParameters = z.object({
  a: numberValue.default(1),
  b: numberValue,
  c: numberValue.default(0),
});
export type IrtParameters = z.infer<typeof IrtParameters>;

/** One answer option of a choice or ordering item. */
export const ItemOption = z.object({ id: z.string().min(1), text: z.string().min(1) });
export type ItemOption = z.infer<typeof ItemOption>;

const itemBase = {
  id: ItemId,
  competence: CompetenceId,
  level: Level,
  /** The question, in plain French. */
  stem: z.string().min(1),
  irt: IrtParameters,
  /** `provisional` until the parameters are estimated from real answers (see `calibrateItems`). */
  parametersStatus: z.enum(["provisional", "calibrated"]).default("provisional"),
  /** Time limit in seconds, if any. */
  timeLimitSeconds: z.number().int().positive().optional(),
  tags: z.array(z.string()).optional(),
  /**
   * Sympson-Hetter exposure parameter computed for this bank (`computeSympsonHetterParameters`): the
   * probability of administering the item once selected. Sessions apply it unless told otherwise.
   */
  sympsonHetter: z.number().min(0).max(1).optional(),
};

/** One correct option among several. */
export const SingleChoiceItem = z.object({
  ...itemBase,
  kind: z.literal("single_choice"),
  options: z.array(ItemOption).min(2),
  answer: z.string(),
});
/** Several correct options; the answer is correct when exactly those are chosen. */
export const MultipleChoiceItem = z.object({
  ...itemBase,
  kind: z.literal("multiple_choice"),
  options: z.array(ItemOption).min(2),
  answer: z.array(z.string()).min(1),
});
/** A number, correct within `tolerance` (absolute). */
export const NumericItem = z.object({
  ...itemBase,
  kind: z.literal("numeric"),
  answer: z.number(),
  tolerance: z.number().nonnegative().default(0),
  unit: z.string().optional(),
});
/** Put all options in the right order; `answer` lists every option id in that order. */
export const OrderingItem = z.object({
  ...itemBase,
  kind: z.literal("ordering"),
  options: z.array(ItemOption).min(2),
  answer: z.array(z.string()),
});
/** A short text, compared with the accepted answers after normalisation (case, accents, spaces). */
export const ShortAnswerItem = z.object({
  ...itemBase,
  kind: z.literal("short_answer"),
  accepted: z.array(z.string().min(1)).min(1),
  caseSensitive: z.boolean().default(false),
});

/** An item of any kind. */
export const Item = z.discriminatedUnion("kind", [
  SingleChoiceItem,
  MultipleChoiceItem,
  NumericItem,
  OrderingItem,
  ShortAnswerItem,
]);
export type Item = z.infer<typeof Item>;
export type SingleChoiceItem = z.infer<typeof SingleChoiceItem>;
export type MultipleChoiceItem = z.infer<typeof MultipleChoiceItem>;
export type NumericItem = z.infer<typeof NumericItem>;
export type OrderingItem = z.infer<typeof OrderingItem>;
export type ShortAnswerItem = z.infer<typeof ShortAnswerItem>;
/** The item kinds. */
export const ItemKind = z.enum(["single_choice", "multiple_choice", "numeric", "ordering", "short_answer"]);
export type ItemKind = z.infer<typeof ItemKind>;

/** What an examinee answered, in the shape that matches the item kind. */
export const Answer = z.union([
  z.object({ choice: z.string() }),
  z.object({ choices: z.array(z.string()) }),
  z.object({ value: z.number() }),
  z.object({ order: z.array(z.string()) }),
  z.object({ text: z.string() }),
]);
export type Answer = z.infer<typeof Answer>;

/**
 * An item as a participant's screen may see it: no answer key (`answer`, `accepted`), no tolerance, no
 * IRT parameters. Build it with `viewItem` or `viewPendingItem`; send only this to a browser.
 */
export interface ClientItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly competence: string;
  readonly stem: string;
  /** The options, for choice and ordering items, in display order. */
  readonly options?: readonly ItemOption[];
  /** The unit, for numeric items. */
  readonly unit?: string;
  readonly timeLimitSeconds?: number;
}
