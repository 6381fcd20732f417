/** Private option schema pieces shared by the metric functions. */
import * as z from "zod/v4";
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
  .refine((d) => new Set(d).size === d.length, { message: "dimensions must not repeat" });
