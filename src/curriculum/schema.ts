import * as z from "zod/v4";
import { IsoDate } from "../_lib/calendar-day.js";
import { AgeBand, CalendarZone, Gender, ParcoursStage, ParticipantId, TerritoryKind } from "../_lib/vocabulary.js";
import { isDayInput } from "../_lib/calendar-day.js";
import { expecting, rule } from "../_lib/messages/vocabulary.js";
import { schoolHolidayDates } from "./_calendar.js";
import { COHORT_DATES, cohortTimeZone, type DateReading as DateReadingType, readDatesAt } from "./_days.js";

/**
 * Curriculum vocabulary: parcours templates, cohorts, plans, attendance and progress. The zod schemas
 * are the types. Dates are calendar dates (`YYYY-MM-DD`) and wall-clock times (`HH:mm`) in the cohort's
 * time zone; instants are ISO strings in UTC (`...Z`). Nothing here reads the clock.
 * @module
 */

export const CurriculumSchemaVersion = z.literal(1);

/** A calendar date, `YYYY-MM-DD` (no time, no time zone): the library's one schema of a day. */
export { IsoDate };

/**
 * A calendar day as users give it: `"YYYY-MM-DD"` or a `Date`. A `Date` is an instant: the operation that
 * receives it reads it as the day it is in the cohort's time zone before this schema runs (and says so in
 * its result), so a `Date` reaching this schema is one no cohort situates, and is refused.
 */
export const DayInput = z
  .custom<string | Date>(isDayInput, {
    message: 'a calendar day "YYYY-MM-DD" that exists (e.g. "2025-01-01") or a valid Date',
    params: { expected: { kind: "calendar_day" } },
  })
  .transform((value, ctx): string => {
    if (typeof value === "string") return value;
    ctx.issues.push({
      code: "custom",
      ...expecting(
        'a calendar day "YYYY-MM-DD" (a Date is read in a cohort\'s time zone, so only where a cohort is known)',
        'un jour "AAAA-MM-JJ" (une Date se lit dans le fuseau horaire d\'une cohorte, donc seulement là où une cohorte ' +
          "est connue)",
      ),
      input: value,
    });
    return z.NEVER;
  });
export type DayInput = z.input<typeof DayInput>;

/** A `Date` input read as a calendar day: the field, the instant received, the day it is, in which time zone. */
export const DateReading = z.object({
  field: z.string(),
  instant: z.string(),
  day: IsoDate,
  timeZone: z.string(),
});
export type DateReading = DateReadingType;

/** A wall-clock time, `HH:mm` (24 h). */
export const LocalTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "a time HH:mm such as 09:30");
export type LocalTime = z.infer<typeof LocalTime>;

/** An IANA time zone name that the runtime knows (e.g. `Europe/Paris`, `America/Cayenne`). */
export const TimeZoneName = z.string().refine(
  (value) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      return true;
    } catch {
      return false;
    }
  },
  expecting("an IANA time zone name such as Europe/Paris", "un nom de fuseau horaire IANA tel que Europe/Paris"),
);

export const TemplateId = z.string().min(1).brand<"TemplateId">();
export type TemplateId = z.infer<typeof TemplateId>;
export const PhaseId = z.string().min(1).brand<"PhaseId">();
export type PhaseId = z.infer<typeof PhaseId>;
export const ActivityId = z.string().min(1).brand<"ActivityId">();
export type ActivityId = z.infer<typeof ActivityId>;
export const CohortId = z.string().min(1).brand<"CohortId">();
export type CohortId = z.infer<typeof CohortId>;
export { ParticipantId };
export const ResourceId = z.string().min(1).brand<"ResourceId">();
export type ResourceId = z.infer<typeof ResourceId>;
export const SessionId = z.string().min(1).brand<"SessionId">();
export type SessionId = z.infer<typeof SessionId>;
/** The id of an assessment of the assessment module (`declics/assessment`), kept as a plain string here. */
export const AssessmentRef = z.string().min(1);
export type AssessmentRef = z.infer<typeof AssessmentRef>;

/** What an activity is. */
export const ActivityKind = z.enum([
  "assessment",
  "role_model_meeting",
  "workshop",
  "training_organisation_meeting",
  "employer_meeting",
  "information_session",
  "individual_interview",
]);
export type ActivityKind = z.infer<typeof ActivityKind>;

/**
 * Where an activity happens: `on_site` (needs a room), `remote` (no room), or `either` (on site, with
 * remote sessions for participants who can only attend remotely).
 */
export const Modality = z.enum(["on_site", "remote", "either"]);
export type Modality = z.infer<typeof Modality>;

/** How a session actually happens. */
export const SessionModality = z.enum(["on_site", "remote"]);
export type SessionModality = z.infer<typeof SessionModality>;

/**
 * Equipment a room has and an activity or a participant needs: `computers` (one per seat),
 * `projector`, `step_free_access` (wheelchair access, lift), `hearing_loop`, `videoconference` (camera
 * and microphone so that remote people can join an on-site session).
 */
export const Equipment = z.enum(["computers", "projector", "step_free_access", "hearing_loop", "videoconference"]);
export type Equipment = z.infer<typeof Equipment>;

/** The kinds of resources a session can need. */
export const ResourceKind = z.enum(["room", "facilitator", "speaker"]);
export type ResourceKind = z.infer<typeof ResourceKind>;

/** What one session of an activity needs besides participants. */
export const ResourceNeeds = z.object({
  /** A room (only for on-site sessions); its capacity bounds the group. */
  room: z.boolean().default(true),
  /** Number of facilitators (counsellors, trainers). */
  facilitators: z.number().int().min(0).default(1),
  /** Number of speakers (role models, training organisations, employers). */
  speakers: z.number().int().min(0).default(0),
  /** Equipment the room must have (on-site sessions), e.g. `["computers"]` for a coding workshop. */
  equipment: z.array(Equipment).default([]),
});
export type ResourceNeeds = z.infer<typeof ResourceNeeds>;

/** One activity of a parcours template. */
export const Activity = z
  .object({
    id: ActivityId,
    kind: ActivityKind,
    title: z.string().min(1),
    phaseId: PhaseId,
    durationMinutes: z.number().int().min(5).max(600),
    minGroupSize: z.number().int().min(1).default(1),
    maxGroupSize: z.number().int().min(1),
    /** Activities each participant must have finished before this one starts. */
    prerequisites: z.array(ActivityId).default([]),
    modality: Modality.default("on_site"),
    needs: ResourceNeeds.default({ room: true, facilitators: 1, speakers: 0, equipment: [] }),
    /** Counted in completion and progress. Optional activities are still planned for everyone. */
    required: z.boolean().default(true),
    /** For `kind: "assessment"`: the assessment id (of `declics/assessment`). */
    assessmentId: AssessmentRef.optional(),
  })
  .refine((a) => a.minGroupSize <= a.maxGroupSize, {
    ...expecting(
      "a minGroupSize no greater than maxGroupSize",
      "une taille minimale de groupe (minGroupSize) au plus égale à la taille maximale (maxGroupSize)",
    ),
    path: ["minGroupSize"],
  })
  .refine((a) => a.kind !== "assessment" || a.assessmentId !== undefined, {
    ...expecting(
      "an assessmentId, for an activity of kind assessment",
      "un identifiant d'évaluation (assessmentId), pour une activité de type assessment",
    ),
    path: ["assessmentId"],
  });
export type Activity = z.infer<typeof Activity>;
export type ActivityInput = z.input<typeof Activity>;

/** A phase of the parcours: a window of working days (1-based, inclusive) and the stage it completes. */
export const Phase = z
  .object({
    id: PhaseId,
    title: z.string().min(1),
    /** First working day of the parcours on which this phase's sessions may happen (1 = start date). */
    fromDay: z.number().int().min(1),
    /** Last working day (inclusive). */
    toDay: z.number().int().min(1),
    /** The parcours stage a participant reaches by completing this phase (for diversity funnels). */
    stage: ParcoursStage.optional(),
  })
  .refine((p) => p.fromDay <= p.toDay, {
    ...expecting("a fromDay no later than toDay", "un premier jour (fromDay) au plus égal au dernier jour (toDay)"),
    path: ["fromDay"],
  });
export type Phase = z.infer<typeof Phase>;

/** A parcours template: phases and activities, as data users can copy and edit. */
export const ParcoursTemplate = z
  .object({
    id: TemplateId,
    title: z.string().min(1),
    /** Length of the parcours in working days. */
    workingDays: z.number().int().min(1).max(260),
    phases: z.array(Phase).min(1),
    activities: z.array(Activity).min(1),
  })
  .superRefine((template, ctx) => {
    // Consistency, reported on the faulty field: unique ids, known phases and prerequisites, no cycle.
    const phases = new Set<string>();
    template.phases.forEach((p, i) => {
      if (phases.has(p.id))
        ctx.addIssue({
          code: "custom",
          path: ["phases", i, "id"],
          ...expecting(
            `a unique phase id (${p.id} appears twice)`,
            `un identifiant de phase unique (${p.id} apparaît deux fois)`,
          ),
          input: p.id,
        });
      phases.add(p.id);
      if (p.toDay > template.workingDays) {
        ctx.addIssue({
          code: "custom",
          path: ["phases", i, "toDay"],
          ...expecting(
            `a day within the parcours' ${template.workingDays} working days`,
            `un jour parmi les ${template.workingDays} jours ouvrés du parcours`,
          ),
          input: p.toDay,
        });
      }
    });
    const ids = new Map<string, number>();
    template.activities.forEach((a, i) => {
      if (ids.has(a.id))
        ctx.addIssue({
          code: "custom",
          path: ["activities", i, "id"],
          ...expecting(
            `a unique activity id (${a.id} appears twice)`,
            `un identifiant d'activité unique (${a.id} apparaît deux fois)`,
          ),
          input: a.id,
        });
      ids.set(a.id, i);
      if (!phases.has(a.phaseId))
        ctx.addIssue({
          code: "custom",
          path: ["activities", i, "phaseId"],
          ...expecting("the id of a phase of the template", "l'identifiant d'une phase du modèle"),
          input: a.phaseId,
        });
    });
    template.activities.forEach((a, i) => {
      a.prerequisites.forEach((q, k) => {
        if (!ids.has(q))
          ctx.addIssue({
            code: "custom",
            path: ["activities", i, "prerequisites", k],
            ...expecting("the id of an activity of the template", "l'identifiant d'une activité du modèle"),
            input: q,
          });
      });
    });
    const state = new Map<string, 1 | 2>();
    const visit = (id: string, trail: string[]): boolean => {
      if (state.get(id) === 2) return false;
      if (state.get(id) === 1) {
        const i = ids.get(id) ?? 0;
        const cycle = [...trail, id].join(" -> ");
        ctx.addIssue({
          code: "custom",
          path: ["activities", i, "prerequisites"],
          ...expecting(`prerequisites without a cycle (${cycle})`, `des prérequis sans cycle (${cycle})`),
          input: id,
        });
        return true;
      }
      state.set(id, 1);
      const a = template.activities[ids.get(id) ?? -1];
      for (const q of a?.prerequisites ?? []) if (ids.has(q) && visit(q, [...trail, id])) return true;
      state.set(id, 2);
      return false;
    };
    for (const a of template.activities) if (visit(a.id, [])) break;
  });
export type ParcoursTemplate = z.infer<typeof ParcoursTemplate>;
export type ParcoursTemplateInput = z.input<typeof ParcoursTemplate>;

/** A participant of a cohort, with optional constraints and the attributes groups can be balanced on. */
export const Participant = z.object({
  id: ParticipantId,
  name: z.string().optional(),
  email: z.string().optional(),
  gender: Gender.optional(),
  territoryKind: TerritoryKind.optional(),
  ageBand: AgeBand.optional(),
  /** Days the person cannot attend. */
  unavailableDays: z.array(DayInput).default([]),
  /** The person can only attend remote sessions. */
  remoteOnly: z.boolean().default(false),
  /** Date of registration (stage `registered`); defaults to the cohort's start date. */
  registeredOn: DayInput.optional(),
  /** Room equipment the person needs to attend on site, e.g. `["step_free_access"]`. */
  requires: z.array(Equipment).default([]),
  /** The person left the programme: from this date on, they are in no session and planned for none. */
  withdrawnOn: DayInput.optional(),
});
export type Participant = z.infer<typeof Participant>;
export type ParticipantInput = z.input<typeof Participant>;

/** A room, facilitator or speaker, with its availability. */
export const Resource = z.object({
  id: ResourceId,
  kind: ResourceKind,
  name: z.string().min(1),
  /** Seats (rooms only). */
  capacity: z.number().int().min(1).optional(),
  /**
   * Rooms: the equipment they have. Absent = not described: the room is then used for any need, and the
   * plan says so in `adjustments` (`equipment_unverified`); people's own needs are never assumed met.
   */
  equipment: z.array(Equipment).optional(),
  /** Activity kinds this resource can serve; absent = all. */
  activityKinds: z.array(ActivityKind).optional(),
  /** When set, the only days the resource can be used. */
  availableDays: z.array(DayInput).optional(),
  /** Days the resource cannot be used. */
  unavailableDays: z.array(DayInput).default([]),
  email: z.string().optional(),
});
export type Resource = z.infer<typeof Resource>;
export type ResourceInput = z.input<typeof Resource>;

/** Daily opening hours, with breaks no session may overlap (e.g. lunch). */
export const OpeningHours = z.object({
  opens: LocalTime.default("09:00"),
  closes: LocalTime.default("17:30"),
  breaks: z
    .array(
      z.object({ start: LocalTime, end: LocalTime }).refine((b) => b.start < b.end, {
        ...expecting(
          "a break that ends after it starts (e.g. 12:30-13:30)",
          "une pause qui finit après son début (ex. 12:30-13:30)",
        ),
        path: ["end"],
      }),
    )
    .default([{ start: "12:30", end: "13:30" }]),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

/**
 * School holidays a cohort avoids (parents' constraint): what `listSchoolHolidays` returns for a commune,
 * an académie or a zone. The planner treats every day of the periods from the start date on as a closing
 * day; `coveredFrom`..`coveredUntil` is the span the official calendar describes, and the start date
 * must fall inside it.
 */
export const SchoolHolidays = z
  .object({
    /** What the periods are for, in words (e.g. `académie de Toulouse (Zone C)`). */
    area: z.string().min(1),
    coveredFrom: IsoDate,
    coveredUntil: IsoDate,
    periods: z.array(z.object({ description: z.string().min(1), firstDay: IsoDate, lastDay: IsoDate })),
    /** `from`/`to` given as `Date` instants, and the calendar day each was read as. */
    datesRead: z.array(DateReading).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.coveredUntil < value.coveredFrom)
      ctx.addIssue({
        code: "custom",
        path: ["coveredUntil"],
        ...expecting(
          `a date on or after coveredFrom ${value.coveredFrom}`,
          `une date égale ou postérieure à coveredFrom ${value.coveredFrom}`,
        ),
        input: value.coveredUntil,
      });
    value.periods.forEach((p, i) => {
      if (p.lastDay < p.firstDay)
        ctx.addIssue({
          code: "custom",
          path: ["periods", i, "lastDay"],
          ...expecting(
            `a date on or after firstDay ${p.firstDay}`,
            `une date égale ou postérieure à firstDay ${p.firstDay}`,
          ),
          input: p.lastDay,
        });
    });
  });
export type SchoolHolidays = z.infer<typeof SchoolHolidays>;

const CohortShape = z
  .object({
    id: CohortId,
    title: z.string().min(1),
    startDate: DayInput,
    calendarZone: CalendarZone.default("mainland"),
    /** IANA time zone of the sessions; defaults to the calendar zone's own (Europe/Paris for mainland). */
    timeZone: TimeZoneName.optional(),
    location: z.string().optional(),
    openingHours: OpeningHours.default({ opens: "09:00", closes: "17:30", breaks: [{ start: "12:30", end: "13:30" }] }),
    /** Extra closing days (besides weekends and public holidays). */
    closedDays: z.array(DayInput).default([]),
    /**
     * School holidays to avoid (from `listSchoolHolidays`): their days from the start date on are added to
     * `closedDays` when the cohort is parsed, so the planner never schedules on them.
     */
    avoidSchoolHolidays: SchoolHolidays.optional(),
    participants: z.array(Participant),
    resources: z.array(Resource),
    /** The dates given as `Date` instants, and the calendar day each was read as (in the cohort's time zone). */
    datesRead: z.array(DateReading).optional(),
  })
  .superRefine((cohort, ctx) => {
    const school = cohort.avoidSchoolHolidays;
    if (school !== undefined && (cohort.startDate < school.coveredFrom || cohort.startDate > school.coveredUntil)) {
      ctx.addIssue({
        code: "custom",
        path: ["startDate"],
        message: `a start date the school calendar of ${school.area} covers (${school.coveredFrom} to ${school.coveredUntil}); load a newer calendar export`,
        input: cohort.startDate,
        params: {
          expected: rule(
            `a start date the school calendar of ${school.area} covers (${school.coveredFrom} to ${school.coveredUntil}); ` +
              "load a newer calendar export",
            `une date de début couverte par le calendrier scolaire (${school.area}) (du ${school.coveredFrom} au ` +
              `${school.coveredUntil}) ; chargez un export plus récent du calendrier`,
          ),
        },
      });
    }
    for (const [field, list] of [
      ["participants", cohort.participants],
      ["resources", cohort.resources],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({
            code: "custom",
            path: [field, i, "id"],
            ...expecting(
              `a unique id (${item.id} appears twice)`,
              `un identifiant unique (${item.id} apparaît deux fois)`,
            ),
            input: item.id,
          });
        seen.add(item.id);
      });
    }
  })
  .transform((cohort) => {
    if (cohort.avoidSchoolHolidays === undefined) return cohort;
    const closed = new Set([...cohort.closedDays, ...schoolHolidayDates(cohort.avoidSchoolHolidays, cohort.startDate)]);
    return { ...cohort, closedDays: [...closed].sort() };
  });

/** Reads the cohort's `Date` inputs as calendar days in its time zone, and records them in `datesRead`. */
function readCohortDates(raw: unknown): unknown {
  const timeZone = cohortTimeZone(raw);
  if (timeZone === null) return raw;
  const readings: DateReading[] = [];
  const read = readDatesAt(raw, COHORT_DATES, timeZone, readings) as Record<string, unknown>;
  if (readings.length === 0) return read;
  const before = Array.isArray(read.datesRead) ? (read.datesRead as unknown[]) : [];
  return { ...read, datesRead: [...before, ...readings] };
}

/**
 * A cohort: who, with what, from when, where. Its days (start date, closing days, people's and resources'
 * days) are calendar days `"YYYY-MM-DD"` or `Date` instants read in the cohort's time zone (listed in
 * `datesRead`).
 */
export const Cohort = z.preprocess<unknown, typeof CohortShape, z.input<typeof CohortShape>>(
  readCohortDates,
  CohortShape,
);
export type Cohort = z.infer<typeof Cohort>;
export type CohortInput = z.input<typeof Cohort>;

/** The settings a plan is made with (the options of `planCohort`, defaults filled in), kept in the plan. */
export const PlanSettings = z.object({
  /** Participant attributes groups are balanced on (stratified), e.g. `["gender", "territoryKind"]`. */
  balanceOn: z.array(z.enum(["gender", "territoryKind", "ageBand"])).default([]),
  /** Granularity of start times, in minutes. */
  slotMinutes: z.number().int().min(5).max(120).default(15),
  /** Optional seed: shuffles who goes in which group (deterministically). Without it, groups follow id order. */
  seed: z.union([z.number(), z.string()]).optional(),
  /**
   * Load objective. `balanced` (default): nobody above `maxDailyMinutes` in a day where avoidable, and
   * each activity's sessions start on the least-loaded days of its window first; `earliest`: every
   * activity as early as its window allows (the former behaviour, kept for comparison).
   */
  load: z.enum(["balanced", "earliest"]).default("balanced"),
  /** Balanced load: the most session time one person should have in a day, in minutes (default 5 h). */
  maxDailyMinutes: z.number().int().min(30).max(1440).default(300),
});
export type PlanSettings = z.infer<typeof PlanSettings>;

/** A scheduled (or cancelled) session of an activity. */
export const Session = z.object({
  id: SessionId,
  activityId: ActivityId,
  phaseId: PhaseId,
  /** Local date and wall-clock times in the plan's time zone. */
  date: IsoDate,
  start: LocalTime,
  end: LocalTime,
  /** The same instants in UTC. */
  startUtc: z.string(),
  endUtc: z.string(),
  modality: SessionModality,
  roomId: ResourceId.optional(),
  facilitatorIds: z.array(ResourceId),
  speakerIds: z.array(ResourceId),
  participantIds: z.array(ParticipantId),
  status: z.enum(["scheduled", "cancelled"]),
  /** iCalendar SEQUENCE: 0 when first planned, +1 on every change. */
  sequence: z.number().int().min(0),
  /** On-site sessions: the participants (also in `participantIds`) who join by video; they take no seat. */
  videoParticipantIds: z.array(ParticipantId).optional(),
  /** People a re-plan took out of this session: their calendars get a cancellation of it. */
  removedParticipantIds: z.array(ParticipantId).optional(),
  /** Resources a re-plan took out of this session: their calendars get a cancellation of it. */
  removedResourceIds: z.array(ResourceId).optional(),
});
export type Session = z.infer<typeof Session>;

/** One participant in one session. */
export const Assignment = z.object({ participantId: ParticipantId, activityId: ActivityId, sessionId: SessionId });
export type Assignment = z.infer<typeof Assignment>;

/** Why a constraint could not be met. */
export const UnmetReason = z.enum([
  "remote_only_on_site_activity",
  "participant_unavailable",
  "prerequisite_unscheduled",
  "no_qualified_resource",
  "no_capacity_in_window",
  "below_minimum_group_size",
  "moved_session_infeasible",
  "resource_lost",
]);
export type UnmetReason = z.infer<typeof UnmetReason>;

/** A constraint the plan does not meet: which, for whom, and why. */
export const UnmetConstraint = z.object({
  reason: UnmetReason,
  activityId: ActivityId.optional(),
  sessionId: SessionId.optional(),
  participantIds: z.array(ParticipantId),
  resourceIds: z.array(ResourceId).default([]),
  message: z.string(),
});
export type UnmetConstraint = z.infer<typeof UnmetConstraint>;

/** A rule the planner bent to place someone, or a check it could not make, said with the plan. */
export const PlanAdjustment = z.object({
  kind: z.enum(["joined_by_video", "minimum_relaxed", "equipment_unverified"]),
  activityId: ActivityId.optional(),
  sessionId: SessionId.optional(),
  participantIds: z.array(ParticipantId).default([]),
  message: z.string(),
});
export type PlanAdjustment = z.infer<typeof PlanAdjustment>;

/** How the plan spreads the load (the objective of `load: "balanced"`), in figures. */
export const LoadReport = z.object({
  objective: z.string(),
  /** Per working day: sessions starting, participant-minutes and room-minutes booked. */
  days: z.array(
    z.object({
      date: IsoDate,
      sessions: z.number().int(),
      participantMinutes: z.number().int(),
      roomMinutes: z.number().int(),
    }),
  ),
  /** Person-days with at least one session. */
  personDays: z.number().int(),
  /** The longest day of any participant, and the mean over person-days, in minutes of sessions. */
  maxPersonDailyMinutes: z.number().int(),
  meanPersonDailyMinutes: z.number(),
  /** Person-days above `maxDailyMinutes`. */
  personDaysOverLimit: z.number().int(),
  /** Busiest and quietest day by sessions starting. */
  maxDaySessions: z.number().int(),
  minDaySessions: z.number().int(),
  /** Rooms: booked share of opening time (min, max) and coefficient of variation of booked minutes. */
  roomUse: z.object({ min: z.number(), max: z.number(), cv: z.number() }),
});
export type LoadReport = z.infer<typeof LoadReport>;

/** A dated schedule for a cohort. Carries its template and cohort so it can be re-planned and exported. */
export const CohortPlan = z.object({
  version: CurriculumSchemaVersion,
  template: ParcoursTemplate,
  cohort: Cohort,
  options: PlanSettings,
  timeZone: z.string(),
  /** The working days of the parcours, in order. */
  days: z.array(IsoDate),
  /** 0 for the first plan, +1 on each re-plan. */
  revision: z.number().int().min(0),
  sessions: z.array(Session),
  assignments: z.array(Assignment),
  unmet: z.array(UnmetConstraint),
  /** After a re-plan: the sessions that changed, were cancelled or were created by it. */
  changes: z.array(z.object({ sessionId: SessionId, kind: z.enum(["changed", "cancelled", "created"]) })).optional(),
  /** Rules bent to place people (joined by video, minimum relaxed) and checks that could not be made. */
  adjustments: z.array(PlanAdjustment).optional(),
  /** The load objective's figures. */
  load: LoadReport.optional(),
});
export type CohortPlan = z.infer<typeof CohortPlan>;

/** A change to re-plan for. */
export const PlanChange = z.discriminatedUnion("kind", [
  /** Move one session to another date and start time (same duration). */
  z.object({ kind: z.literal("move_session"), sessionId: SessionId, date: DayInput, start: LocalTime }),
  /** A resource is lost from a date on (inclusive; default: the whole parcours). */
  z.object({ kind: z.literal("lose_resource"), resourceId: ResourceId, fromDate: DayInput.optional() }),
  /** Cancel a session; its participants are re-seated in other sessions of the activity when possible. */
  z.object({ kind: z.literal("cancel_session"), sessionId: SessionId }),
  /** The venue closes on a date: its sessions are moved, the parcours gains a working day at its end. */
  z.object({ kind: z.literal("close_day"), date: DayInput }),
  /** A participant joins: placed in sessions with free seats, else in new sessions. */
  z.object({ kind: z.literal("add_participant"), participant: Participant }),
  /** A participant withdraws from a date on (inclusive; default: the whole parcours). */
  z.object({ kind: z.literal("withdraw_participant"), participantId: ParticipantId, fromDate: DayInput.optional() }),
]);
export type PlanChange = z.infer<typeof PlanChange>;
export type PlanChangeInput = z.input<typeof PlanChange>;

/** A public holiday of a calendar zone. */
export const PublicHoliday = z.object({
  date: IsoDate,
  /** Stable identifier, e.g. `easter_monday`, `abolition_of_slavery`. */
  id: z.string(),
  /** Official French name. */
  name: z.string(),
});
export type PublicHoliday = z.infer<typeof PublicHoliday>;

/** One attendance record. */
export const AttendanceRecord = z.object({
  participantId: ParticipantId,
  sessionId: SessionId,
  status: z.enum(["present", "absent", "excused"]),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;
export type AttendanceRecordInput = z.input<typeof AttendanceRecord>;

/** What a participant did after the parcours. */
export const OutcomeKind = z.enum(["training_entered", "job", "other"]);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

export const OutcomeRecord = z.object({
  participantId: ParticipantId,
  kind: OutcomeKind,
  date: DayInput,
  note: z.string().optional(),
});
export type OutcomeRecord = z.infer<typeof OutcomeRecord>;
export type OutcomeRecordInput = z.input<typeof OutcomeRecord>;
