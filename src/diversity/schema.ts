import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { AgeBand, Gender, ParcoursStage, ParticipantId, TerritoryKind } from "../_lib/vocabulary.js";
import { DayInput } from "./_days.js";

/**
 * Diversity vocabulary. The zod schemas are the types.
 *
 * There is no ethnicity field, on purpose: French law forbids collecting ethnic origin. Territory (QPV,
 * ZRR, FRR), gender, age band, diploma level and the stages reached are the lawful dimensions.
 * @module
 */

/** A participant identifier (opaque, pseudonymous). */
export { ParticipantId };

/**
 * Highest diploma level in the national nomenclature of 2019 (décret 2019-14): `niveau_3` CAP/BEP,
 * `niveau_4` baccalauréat, `niveau_5` bac+2, `niveau_6` licence / bac+3, `niveau_7` master, `niveau_8`
 * doctorat; `infra_3` no diploma or below CAP (niveaux 1 and 2).
 */
export const DiplomaLevel = z.enum(["infra_3", "niveau_3", "niveau_4", "niveau_5", "niveau_6", "niveau_7", "niveau_8"]);
export type DiplomaLevel = z.infer<typeof DiplomaLevel>;

/**
 * A stage reached, with its date: `"YYYY-MM-DD"` or a `Date` (read in the zone of the record's overseas
 * département, else in the metric's `timeZone` option).
 */
export const StageReached = z.object({ stage: ParcoursStage, on: DayInput });
export type StageReached = z.infer<typeof StageReached>;

/** One participant, as analysts export it from the programme's tools. */
export const ParticipantRecord = z
  .object({
    id: ParticipantId,
    gender: Gender,
    /**
     * Birth date, `"YYYY-MM-DD"` or a `Date` (read as a calendar day like the stages' dates); the age band
     * is then computed on a reference date the caller passes.
     */
    birthDate: DayInput.optional(),
    /** Age band, when the birth date is not known (or to override it). */
    ageBand: AgeBand.optional(),
    /** As the territory module reports it (`checkEligibility(...).territoryKind`). */
    territoryKind: TerritoryKind,
    /** INSEE commune code. */
    codeInsee: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/, "a 5-character INSEE commune code")
      .optional(),
    /** Département code (01-95, 2A, 2B, 971-976). */
    departement: z
      .string()
      .regex(/^(\d{2}|2[AB]|97\d)$/, "a département code such as 31, 2A or 974")
      .optional(),
    diplomaLevel: DiplomaLevel.optional(),
    /** Cohort label (e.g. "2020-09 Toulouse"). */
    cohort: z.string().min(1).optional(),
    /** Stages reached, with dates. A person who reached a later stage counts as having passed the earlier ones. */
    stages: z.array(StageReached),
  })
  .refine((r) => r.birthDate !== undefined || r.ageBand !== undefined, {
    ...expecting("an ageBand or a birthDate", "une tranche d'âge (ageBand) ou une date de naissance (birthDate)"),
    path: ["ageBand"],
  });
export type ParticipantRecord = z.infer<typeof ParticipantRecord>;

/** A list of participant records. */
export const ParticipantRecords = z.array(ParticipantRecord).superRefine((records, ctx) => {
  // A participant counted twice would make every figure wrong: each id once.
  const first = new Map<string, number>();
  records.forEach((r, i) => {
    const k = first.get(r.id);
    if (k === undefined) first.set(r.id, i);
    else
      ctx.addIssue({
        code: "custom",
        path: [i, "id"],
        ...expecting(
          `a participant id not seen before (${JSON.stringify(r.id)} is also record ${k}): each participant appears once`,
          `un identifiant de participant encore jamais vu (${JSON.stringify(r.id)} est aussi l'enregistrement ${k}) : ` +
            "chaque participant figure une seule fois",
        ),
        input: r.id,
      });
  });
});
export type ParticipantRecords = z.infer<typeof ParticipantRecords>;

/** The dimensions records can be grouped by. */
export const Dimension = z.enum([
  "gender",
  "ageBand",
  "territoryKind",
  "diplomaLevel",
  "departement",
  "cohort",
  "stage",
]);
export type Dimension = z.infer<typeof Dimension>;

/** The value shown for a record whose optional field is missing: counted, never dropped. */
export const NOT_STATED = "not_stated";

/** Interval methods for a single proportion. */
export const IntervalMethod = z.enum(["wilson", "clopper_pearson", "agresti_coull"]);
export type IntervalMethod = z.infer<typeof IntervalMethod>;

/** Why a metric cannot be computed. */
export const NotComputableReason = z.enum([
  "empty_group",
  "zero_denominator",
  "zero_count",
  "zero_reference",
  "no_reference",
  "no_target",
  "secret_statistique",
]);
export type NotComputableReason = z.infer<typeof NotComputableReason>;

/** A metric that cannot be computed says so and why (never NaN). */
export const NotComputable = z.object({
  computable: z.literal(false),
  reason: NotComputableReason,
  /** In English, for analysts. */
  message: z.string(),
});
export type NotComputable = z.infer<typeof NotComputable>;

/** A point estimate with its confidence interval. */
export const Estimate = z.object({
  computable: z.literal(true),
  value: z.number(),
  lower: z.number(),
  upper: z.number(),
  confidence: z.number(),
  /** Method of the interval, e.g. "wilson", "katz_log", "newcombe_hybrid_score". */
  method: z.string(),
});
export type Estimate = z.infer<typeof Estimate>;

/** An estimate, or the reason it could not be computed. */
export const Metric = z.union([Estimate, NotComputable]);
export type Metric = z.infer<typeof Metric>;

/** A group: the value of each grouping dimension. */
export type GroupKey = Partial<Record<Dimension, string>>;

/**
 * A reference population: the composition of the population participants are compared with (for
 * instance the residents of a QPV), as shares by dimension. Built from official statistics, passed in
 * as data.
 */
export const ReferencePopulation = z.object({
  id: z.string().min(1),
  label: z.string(),
  /** Where the figures come from (dataset id and vintage). */
  source: z.string(),
  /** Who is counted, e.g. "residents" (municipal population) or "job_seekers" (registered job seekers). */
  universe: z.string().optional(),
  /** Population size (e.g. municipal population), when known. */
  population: z.number().int().nonnegative().optional(),
  /** Shares by dimension then category, each in [0, 1]: `{ gender: { female: 0.535, male: 0.465 } }`. */
  shares: z.partialRecord(Dimension, z.record(z.string(), z.number().min(0).max(1))),
  /**
   * `fixed`: the shares are treated as known constants (an exhaustive census count); `sample`: as a
   * binomial sample of size `population` (its sampling error then enters the intervals).
   */
  treatAs: z.enum(["fixed", "sample"]).default("fixed"),
});
export type ReferencePopulation = z.infer<typeof ReferencePopulation>;
export type ReferencePopulationInput = z.input<typeof ReferencePopulation>;

/** A list of reference populations (the artefact the data layer loads). */
export const ReferencePopulations = z.array(ReferencePopulation);
export type ReferencePopulations = z.infer<typeof ReferencePopulations>;

/**
 * Why a table cell is not published. `secret_statistique` is what a publishable table says of every
 * hidden cell; `primary_small_count` (a count from 1 to threshold - 1) and `secondary_complementary`
 * (hidden so that a small count cannot be recomputed) are the detailed reasons, for the analyst's review
 * only: they tell readers which hidden counts are small, which can narrow them down (see protectTable).
 */
export const SuppressionReason = z.enum(["secret_statistique", "primary_small_count", "secondary_complementary"]);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/**
 * How a diversity report is protected: `publishable` (small counts hidden, every figure agrees with the
 * protected tables) or `none` (exact figures, for the analyst's own work, not for publication).
 */
export const ReportProtection = z.enum(["publishable", "none"]);
export type ReportProtection = z.infer<typeof ReportProtection>;

/** A cell of a protected table: published with its value, or suppressed with the reason (never zero). */
export const ProtectedCell = z.discriminatedUnion("status", [
  z.object({ status: z.literal("published"), value: z.number() }),
  z.object({ status: z.literal("suppressed"), value: z.null(), reason: SuppressionReason }),
]);
export type ProtectedCell = z.infer<typeof ProtectedCell>;

/** A two-way table of counts, rows by columns, before protection. */
export const CountTable = z
  .object({
    rowDimension: z.string(),
    columnDimension: z.string(),
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    /** counts[row][column], non-negative integers. */
    counts: z.array(z.array(z.number().int().nonnegative())),
  })
  .refine((t) => t.counts.length === t.rows.length && t.counts.every((r) => r.length === t.columns.length), {
    ...expecting(
      "counts with one row per row label and one value per column label",
      "des effectifs avec une ligne par libellé de ligne et une valeur par libellé de colonne",
    ),
    path: ["counts"],
  });
export type CountTable = z.infer<typeof CountTable>;

/** A table ready for publication: cells, row totals, column totals and grand total, each protected. */
export interface ProtectedTable {
  readonly rowDimension: string;
  readonly columnDimension: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly cells: readonly (readonly ProtectedCell[])[];
  readonly rowTotals: readonly ProtectedCell[];
  readonly columnTotals: readonly ProtectedCell[];
  readonly grandTotal: ProtectedCell;
  readonly threshold: number;
  /** How many entries (margins included) were suppressed; by reason only with `reasons: "detailed"`. */
  readonly suppressed: { readonly total: number; readonly primary?: number; readonly secondary?: number };
}
