import * as z from "zod/v4";
import { Level } from "./framework.js";

/**
 * Orientation rules: tech job families (with their ROME sheets and requirements) and parcours workshops.
 * @module
 */

/** A ROME job sheet (fiche) reference. */
export const RomeReference = z.object({
  code: z.string().regex(/^[A-N]\d{4}$/, "a ROME code such as M1805"),
  label: z.string().min(1),
  /** Where the code and label were checked, or why they could not be. */
  checked: z.string().min(1),
});
export type RomeReference = z.infer<typeof RomeReference>;

/** A competence requirement: at least `level` in `competence`, weighing `weight` in the match. */
export const Requirement = z.object({
  competence: z.string().min(1),
  level: Level,
  weight: z.number().positive().default(1),
});
export type Requirement = z.infer<typeof Requirement>;

/** A tech job family and what it asks for at entry (after a short training). */
export const JobFamily = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  rome: z.array(RomeReference).min(1),
  requirements: z.array(Requirement).min(1),
});
export type JobFamily = z.infer<typeof JobFamily>;

/** A parcours workshop and the competences it develops, up to `targetLevel`. */
export const Workshop = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  competences: z.array(z.string().min(1)).min(1),
  targetLevel: Level,
  durationHours: z.number().positive().optional(),
});
export type Workshop = z.infer<typeof Workshop>;

/** Orientation rules: job families and workshops. Data: replace them freely. */
export const OrientationRules = z.object({
  version: z.string().min(1),
  jobFamilies: z.array(JobFamily).min(1),
  workshops: z.array(Workshop),
  /** A family is "within reach" when no gap is left open and the match is at least this. */
  reachThreshold: z.number().min(0).max(1).default(0.75),
  /** A gap of at most this many levels can be closed by the parcours workshops. */
  maxGapClosable: z.number().int().min(0).max(7).default(2),
});
export type OrientationRules = z.infer<typeof OrientationRules>;
