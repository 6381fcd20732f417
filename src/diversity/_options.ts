/** Private option schema pieces shared by the metric functions. */
import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { DayInput, DayOptions } from "./_days.js";
import { Dimension, IntervalMethod } from "./schema.js";

export const CommonOptions = {
  /** Confidence level in (0, 1); default 0.95. */
  confidence: z.number().gt(0).lt(1).default(0.95),
  /** Interval method for single proportions; default Wilson score. */
  method: IntervalMethod.default("wilson"),
  /** Reference date for age bands computed from birth dates: `"YYYY-MM-DD"` or a `Date`. */
  referenceDate: DayInput.optional(),
  ...DayOptions,
};

export const Dimensions = z
  .array(Dimension)
  .refine(
    (d) => new Set(d).size === d.length,
    expecting("dimensions that do not repeat", "des dimensions sans répétition"),
  );

/** The options of the table protection functions (protectTable, protectLinkedTables). */
export const ProtectionOptions = z.object({
  /** Cells with a count from 1 to threshold - 1 are suppressed (primary). INSEE practice: 11. */
  threshold: z.number().int().min(1).default(11),
  /**
   * `publishable` (default): every hidden cell says `secret_statistique`, as INSEE's "s". `detailed`: the
   * primary / secondary reasons and counts, for internal review; do not publish those.
   */
  reasons: z.enum(["publishable", "detailed"]).default("publishable"),
  /**
   * The protection interval: every hidden count can take at least this many values (2 or more) given
   * everything published, a reader knowing that hidden counts are positive integers. Default 3: a hidden
   * count is never pinned to one value, nor to two.
   */
  protectionInterval: z.number().int().min(2).max(50).default(3),
});
