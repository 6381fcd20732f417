import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { dayUsed } from "../_lib/calendar-day.js";
import { invalid, STAGES } from "./_cube.js";
import { DayInput, DayOptions, recordDay } from "./_days.js";
import { notComputable } from "./_intervals.js";
import type { NotComputable, ParticipantRecord } from "./schema.js";

const Options = z
  .object({
    /** The stage that counts toward the target (default "registered": people accompanied). */
    stage: ParcoursStage.default("registered"),
    /** The target count (e.g. 5000 people). */
    target: z.number().int().positive(),
    /** When counting starts (`"YYYY-MM-DD"` or a `Date`), e.g. the launch date. */
    start: DayInput,
    /** When the target is due (`"YYYY-MM-DD"` or a `Date`). */
    deadline: DayInput,
    /** Dates at which to report progress (`"YYYY-MM-DD"` or `Date`s), e.g. month ends; reported in date order. */
    checkpoints: z.array(DayInput).min(1),
    ...DayOptions,
  })
  // Dates become calendar days first (a Date in `timeZone`), then are compared.
  .transform((o) => ({
    ...o,
    start: dayUsed(o.start, o.timeZone).day,
    deadline: dayUsed(o.deadline, o.timeZone).day,
    checkpoints: o.checkpoints.map((c) => dayUsed(c, o.timeZone).day),
    readInstants: [o.start, o.deadline, ...o.checkpoints].some((d) => typeof d !== "string"),
  }))
  .refine((o) => o.start < o.deadline, {
    ...expecting("a deadline after start", "une échéance (deadline) postérieure au début (start)"),
    path: ["deadline"],
  });

/** Options of {@link computeTargetProgress}. */
export type ComputeTargetProgressOptions = z.input<typeof Options>;

/** Progress at one checkpoint. */
export interface ProgressPoint {
  readonly on: string;
  /** People who had reached the stage on or before this date (cumulative). */
  readonly reached: number;
  /** reached / target. */
  readonly shareOfTarget: number;
  /** What a steady pace from start to deadline would have reached by this date. */
  readonly expected: number;
  /** Whether reached >= expected. */
  readonly onTrack: boolean;
}

/** Progress toward a target over time. */
export interface TargetProgress {
  readonly stage: ParcoursStage;
  readonly target: number;
  /** The calendar day counting starts from (`"YYYY-MM-DD"`). */
  readonly start: string;
  /** The calendar day the target is due (`"YYYY-MM-DD"`). */
  readonly deadline: string;
  /** The zone `Date` options were read in; null when every option date was a `"YYYY-MM-DD"`. */
  readonly timeZone: string | null;
  readonly points: ProgressPoint[];
  /** People still needed after the last checkpoint. */
  readonly remaining: number;
  /** People per day needed from the last checkpoint to meet the target (not computable at or after the deadline). */
  readonly requiredPerDay: number | NotComputable;
  /** Count at the deadline if the pace observed from start to the last checkpoint continues. */
  readonly projectedAtDeadline: number | NotComputable;
}

const DAY = 86_400_000;
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
}

/**
 * Progress toward a target over time (e.g. 5,000 people accompanied by the end of 2021): the cumulative
 * count at each checkpoint, the share of the target, the steady pace it would take, and a projection at
 * the deadline. A person counts from the date they reached the stage (or, when that stage has no
 * date, the earliest date of a later stage they reached).
 *
 * @param records - validated participant records (array or iterable, read once)
 * @param options - `stage`, `target`, `start`, `deadline`, `checkpoints`
 * @returns the progress points and the projection
 * @throws {DeclicsError} `invalid_input` for bad options
 * @example
 * ```ts
 * import { computeTargetProgress, parseParticipantRecords } from "declics/diversity";
 *
 * const GENDERS = ["female", "male", "female", "male", "male", "female", "male", "other"] as const;
 * const STAGES = ["registered", "assessed", "workshops", "met_training_or_employers", "entered_training", "hired"] as const;
 * const records = parseParticipantRecords(
 *   Array.from({ length: 600 }, (_, i) => ({
 *     id: `p${i}`,
 *     gender: i % 97 === 0 ? "undisclosed" : GENDERS[i % 8]!,
 *     territoryKind: (["qpv", "qpv", "zrr", "qpv", "frr"] as const)[i % 5]!,
 *     ageBand: (["under_26", "26_49", "50_plus"] as const)[i % 3]!,
 *     cohort: i < 320 ? "2020-09" : "2021-01",
 *     stages: [{ stage: STAGES[i % 6]!, on: "2021-03-01" }],
 *   })),
 * ); // 600 participants in two cohorts, built deterministically
 * computeTargetProgress(records, {
 *   target: 5000,
 *   start: "2020-09-28",
 *   deadline: "2021-12-31",
 *   checkpoints: ["2021-03-31", "2021-06-30"],
 * }).points[0];
 * // => { on: "2021-03-31", reached: 600, shareOfTarget: 0.12, expected: 2004.36, onTrack: false }
 * ```
 * @category Progress
 */
export function computeTargetProgress(
  records: Iterable<ParticipantRecord>,
  options: ComputeTargetProgressOptions,
): TargetProgress {
  const o = parseWith(Options, options, { module: "diversity", what: "target progress options" });
  const from = STAGES.indexOf(o.stage);
  const dates = stageDates(records, from, o.timeZone);
  const checkpoints = [...o.checkpoints].sort();
  const start = dayNumber(o.start);
  const span = dayNumber(o.deadline) - start;
  let i = 0;
  const points = checkpoints.map((on) => {
    while (i < dates.length && (dates[i] as string) <= on) i++;
    const elapsed = Math.min(Math.max(dayNumber(on) - start, 0), span);
    const expected = (o.target * elapsed) / span;
    return { on, reached: i, shareOfTarget: i / o.target, expected, onTrack: i >= expected };
  });
  const last = points[points.length - 1] as ProgressPoint;
  const remaining = Math.max(0, o.target - last.reached);
  const daysLeft = dayNumber(o.deadline) - dayNumber(last.on);
  const daysDone = dayNumber(last.on) - start;
  return {
    stage: o.stage,
    target: o.target,
    start: o.start,
    deadline: o.deadline,
    timeZone: o.readInstants ? o.timeZone : null,
    points,
    remaining,
    requiredPerDay:
      daysLeft > 0
        ? remaining / daysLeft
        : notComputable("zero_denominator", "the last checkpoint is at or after the deadline"),
    projectedAtDeadline:
      daysDone > 0
        ? (last.reached * span) / daysDone
        : notComputable("zero_denominator", "the last checkpoint is not after the start"),
  };
}

/**
 * The day each record reached the stage (index `from`), sorted: the stage's own date, else the earliest
 * date of a later stage. A `Date` is read in the zone of the record (see `_days.ts`).
 */
function stageDates(records: Iterable<ParticipantRecord>, from: number, timeZone: string): string[] {
  const dates: string[] = [];
  let index = 0;
  for (const record of records) {
    let date: string | null = null;
    for (let k = 0; k < record.stages.length; k++) {
      const entry = record.stages[k] as ParticipantRecord["stages"][number];
      const s = STAGES.indexOf(entry.stage);
      if (s < from) continue;
      const on = typeof entry.on === "string" ? entry.on : recordDay(entry.on, record.departement, timeZone);
      if (on === null) throw invalid(index, `stages.${k}.on`, { kind: "calendar_day" }, entry.on);
      // The stage's own date wins; otherwise the earliest later stage.
      if (s === from) {
        date = on;
        break;
      }
      if (date === null || on < date) date = on;
    }
    if (date !== null) dates.push(date);
    index++;
  }
  return dates.sort();
}
