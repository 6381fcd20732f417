import * as z from "zod/v4";
import { AgeBand, Gender, ParcoursStage, TerritoryKind } from "../../_lib/vocabulary.js";
import type { ProgressReport as ProgressReportType } from "../compute-progress.js";
import {
  ActivityId,
  DateReading,
  IsoDate,
  LocalTime,
  OutcomeKind,
  ParticipantId,
  PhaseId,
  SessionId,
} from "../schema.js";

/**
 * Test support: the shape `computeProgress` promises, as zod schemas, so that property tests can check
 * every report it returns against it. Production declares the result types beside the function.
 */

/** Completion of one phase by one participant. */
const PhaseProgress = z.object({
  phaseId: PhaseId,
  stage: ParcoursStage.optional(),
  /** Required activities in the phase. */
  required: z.number().int().min(0),
  /** Required activities attended (present). */
  attended: z.number().int().min(0),
  /** attended / required, in [0, 1]; 1 for a phase without required activities. */
  completion: z.number().min(0).max(1),
  /** Date of the last attended session that completed the phase. */
  completedOn: IsoDate.optional(),
});

/** What the participant should do next. */
const NextStep = z.discriminatedUnion("kind", [
  /** Attend this planned session. */
  z.object({
    kind: z.literal("session"),
    activityId: ActivityId,
    sessionId: SessionId,
    date: IsoDate,
    start: LocalTime,
  }),
  /** This required activity needs a new session (missed, or never planned). */
  z.object({
    kind: z.literal("reschedule"),
    activityId: ActivityId,
    reason: z.enum(["absent", "excused", "not_planned", "session_cancelled"]),
  }),
  /** Every required activity is done: record what happened next. */
  z.object({ kind: z.literal("record_outcome") }),
  /** Done, outcome recorded. */
  z.object({ kind: z.literal("done") }),
]);

/** One participant's progress, shaped for declics/diversity (attributes, stages with dates, outcome). */
const ProgressRecord = z.object({
  participantId: ParticipantId,
  gender: Gender.optional(),
  territoryKind: TerritoryKind.optional(),
  ageBand: AgeBand.optional(),
  phases: z.array(PhaseProgress),
  /** Required activities attended / required activities, in [0, 1]. */
  completion: z.number().min(0).max(1),
  attendance: z.object({
    present: z.number().int().min(0),
    absent: z.number().int().min(0),
    excused: z.number().int().min(0),
    /** present / (present + absent); null when nothing was recorded yet (see `rateUnavailable`). */
    rate: z.number().min(0).max(1).nullable(),
    rateUnavailable: z.enum(["no_attendance_recorded", "all_excused"]).optional(),
  }),
  /** The furthest stage reached (in ParcoursStage order). */
  stage: ParcoursStage,
  /** Every stage reached, with its date, in ParcoursStage order. */
  stages: z.array(z.object({ stage: ParcoursStage, date: IsoDate })),
  outcome: z.object({ kind: OutcomeKind, date: IsoDate }).nullable(),
  nextStep: NextStep,
});

/** An input row {@link computeProgress} could not use, and why (never silently dropped). */
const ProgressIssue = z.object({
  source: z.enum(["attendance", "outcomes"]),
  /** Index of the row in its input array. */
  index: z.number().int().min(0),
  reason: z.enum([
    "unknown_participant",
    "unknown_session",
    "duplicate_record_superseded",
    "session_cancelled",
    "outcome_before_registration",
  ]),
});

/** The result of `computeProgress`. */
export const ProgressReport = z.object({
  records: z.array(ProgressRecord),
  issues: z.array(ProgressIssue),
  datesRead: z.array(DateReading).optional(),
});

/** The schema and the declared type agree: a compile-time check (tests and fixtures are type-checked). */
const SCHEMA_MATCHES_TYPE: [z.infer<typeof ProgressReport>] extends [ProgressReportType]
  ? [ProgressReportType] extends [z.infer<typeof ProgressReport>]
    ? true
    : false
  : false = true;
void SCHEMA_MATCHES_TYPE;
