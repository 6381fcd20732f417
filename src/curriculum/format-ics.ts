import { tzOffset, tzScan } from "@date-fns/tz";
import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { DeclicsError } from "../errors.js";
import { curriculumError } from "./_errors.js";
import { checkedPlan } from "./_checked-plan.js";
import type { CohortPlan, Session } from "./schema.js";

const Options = z.object({
  /** Whose calendar: the whole cohort (default), one participant, or one resource (room, facilitator, speaker). */
  audience: z
    .union([
      z.literal("cohort"),
      z.object({ participantId: z.string().min(1) }),
      z.object({ resourceId: z.string().min(1) }),
    ])
    .default("cohort"),
  /** DTSTAMP of every event: when the calendar is generated (the core has no clock, so pass it in). */
  stamp: z.union([
    z.date().refine((d) => !Number.isNaN(d.getTime()), expecting("a valid Date", "une Date valide")),
    z.iso.datetime({ offset: true }),
  ]),
  /** Include cancelled sessions as `STATUS:CANCELLED` events (default true), so subscribers drop them. */
  includeCancelled: z.boolean().default(true),
  /** Domain part of the UIDs (default `declics`). */
  uidDomain: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .default("declics"),
  /**
   * `publish` (default): the calendar to subscribe to (`METHOD:PUBLISH`), cancellations included as
   * `STATUS:CANCELLED`. `cancel`: only the cancellations, as an iTIP `METHOD:CANCEL` message to send.
   */
  method: z.enum(["publish", "cancel"]).default("publish"),
});
/** Options of {@link formatIcs}. */
export type FormatIcsOptions = z.input<typeof Options>;
type Settings = z.output<typeof Options>;

/** Octets of a code point in UTF-8. */
function utf8Size(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  let total = 0;
  for (let i = 0; i < line.length && total <= 75; i++)
    total += utf8Size(line.charCodeAt(i) >= 0xd800 ? 0x10000 : line.charCodeAt(i));
  if (total <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = utf8Size(ch.codePointAt(0) ?? 0);
    if (bytes + size > limit) {
      parts.push(current);
      current = "";
      bytes = 0;
      limit = 74; // continuation lines start with one space
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** Escapes a TEXT value (RFC 5545 §3.3.11); other control characters are not allowed there and are dropped. */
function text(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function utcStamp(ms: number): string {
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  return `${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** Local DATE-TIME (no Z) of a UTC instant at a fixed offset in minutes. */
function localStamp(ms: number, offsetMinutes: number): string {
  return utcStamp(ms + offsetMinutes * 60_000).slice(0, -1);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/**
 * A VTIMEZONE for the years the events span: one observance per actual offset change (read from the
 * runtime's time-zone database through @date-fns/tz), or one fixed observance for zones without DST.
 */
function vtimezone(timeZone: string, fromMs: number, toMs: number): string[] {
  const fromYear = new Date(fromMs).getUTCFullYear();
  const toYear = new Date(toMs).getUTCFullYear();
  // Scanning a zone's offset changes takes milliseconds; one calendar per person of a cohort asks for the same.
  const key = `${timeZone}|${fromYear}|${toYear}`;
  const known = VTIMEZONES.get(key);
  if (known !== undefined) return known;
  const lines = scanVtimezone(timeZone, fromYear, toYear);
  if (VTIMEZONES.size >= 64) VTIMEZONES.clear();
  VTIMEZONES.set(key, lines);
  return lines;
}

/** VTIMEZONE lines by zone and years (a pure function of them). */
const VTIMEZONES = new Map<string, string[]>();

function scanVtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const start = new Date(Date.UTC(fromYear - 1, 0, 1));
  const end = new Date(Date.UTC(toYear + 1, 0, 1));
  const changes = tzScan(timeZone, { start, end });
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  if (changes.length === 0) {
    const offset = tzOffset(timeZone, start);
    lines.push(
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      `TZOFFSETFROM:${offsetText(offset)}`,
      `TZOFFSETTO:${offsetText(offset)}`,
      "END:STANDARD",
    );
  } else {
    const standard = Math.min(...changes.map((c) => c.offset), ...changes.map((c) => c.offset - c.change));
    for (const c of changes) {
      const before = c.offset - c.change;
      const kind = c.offset > standard ? "DAYLIGHT" : "STANDARD";
      lines.push(
        `BEGIN:${kind}`,
        `DTSTART:${localStamp(c.date.getTime(), before)}`,
        `TZOFFSETFROM:${offsetText(before)}`,
        `TZOFFSETTO:${offsetText(c.offset)}`,
        `END:${kind}`,
      );
    }
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

/**
 * Exports a plan as an iCalendar file (RFC 5545) for the whole cohort, one participant or one resource,
 * ready to subscribe to. Each session is a VEVENT whose UID is derived from the cohort id and the session
 * id (stable across re-plans), whose SEQUENCE is the session's (it grows each time a re-plan changes the
 * session), with local times in the plan's time zone (`DTSTART;TZID=Europe/Paris:...`) and a VTIMEZONE
 * describing that zone's offsets (DST included) for the years concerned. Cancelled sessions come out as
 * `STATUS:CANCELLED` with their raised SEQUENCE, and so do, in a participant's or a resource's calendar,
 * the sessions a re-plan took them out of (never a silent removal). `method: "cancel"` writes only the
 * cancellations, as an iTIP `METHOD:CANCEL` message. Lines end in CRLF and are folded at 75 octets.
 *
 * The plan is validated once: the plan objects planCohort and replanCohort return (and any this function
 * has validated) are not validated again, so writing one calendar per person of a 2,000-person cohort
 * costs one validation. Edit a plan by copying it (`{ ...plan, … }`), not in place.
 *
 * @param plan - a plan from {@link planCohort} or {@link replanCohort}
 * @param options - {@link FormatIcsOptions}: `audience`, `stamp` (required), `includeCancelled`, `uidDomain`, `method`
 * @returns the `.ics` text
 * @throws {DeclicsError} `invalid_input` when the plan or options fail their schema; `invalid_option`
 *   when the audience names a participant or resource the cohort does not have
 * @example
 * ```ts
 * import { formatIcs, planCohort, PARCOURS_EXPRESS } from "declics/curriculum";
 *
 * const plan = planCohort(PARCOURS_EXPRESS, {
 *   id: "demo", title: "Démo", startDate: "2020-09-28",
 *   participants: [{ id: "p1" }, { id: "p2" }, { id: "p3" }, { id: "p4" }, { id: "p5" }],
 *   resources: [
 *     { id: "room", kind: "room", name: "Salle 1", capacity: 30 },
 *     { id: "f1", kind: "facilitator", name: "Conseillère" },
 *     { id: "f2", kind: "facilitator", name: "Conseiller" },
 *     { id: "s1", kind: "speaker", name: "Intervenante" },
 *   ],
 * });
 * const ics = formatIcs(plan, { audience: { participantId: "p1" }, stamp: new Date("2020-09-20T08:00:00Z") });
 * ics.split("BEGIN:VEVENT").length - 1;
 * // => 10
 * ```
 * @category Calendars
 */
export function formatIcs(plan: CohortPlan, options: FormatIcsOptions): string {
  const p = checkedPlan(plan);
  const o = parseWith(Options, options, { module: "curriculum", what: "formatIcs options" });
  const { sessions, calendarName } = audienceOf(p, o.audience);
  let selected = sessions;
  if (!o.includeCancelled && o.method === "publish") selected = selected.filter((s) => s.status === "scheduled");
  if (o.method === "cancel") selected = selected.filter((s) => s.status === "cancelled");
  const tz = p.timeZone;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//declics//curriculum//FR",
    "CALSCALE:GREGORIAN",
    `METHOD:${o.method === "cancel" ? "CANCEL" : "PUBLISH"}`,
    `X-WR-CALNAME:${text(calendarName)}`,
    `X-WR-TIMEZONE:${tz}`,
  ];
  if (selected.length > 0) {
    const times = selected.map((s) => Date.parse(s.startUtc));
    lines.push(...vtimezone(tz, Math.min(...times), Math.max(...times)));
  }
  const event = eventWriter(p, o);
  for (const s of selected) lines.push(...event(s));
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** The sessions of the calendar's audience (with those a re-plan took them out of, as cancelled) and its name. */
function audienceOf(p: CohortPlan, audience: Settings["audience"]): { sessions: Session[]; calendarName: string } {
  const { cohort } = p;
  if (audience === "cohort") return { sessions: p.sessions, calendarName: cohort.title };
  if ("participantId" in audience) {
    const person = cohort.participants.find((x) => x.id === audience.participantId);
    if (person === undefined) throw unknownAudience("participant", audience.participantId);
    // A session a re-plan took them out of is cancelled for them (same UID, its raised SEQUENCE).
    const sessions = p.sessions.flatMap((s) =>
      s.participantIds.includes(person.id)
        ? [s]
        : s.removedParticipantIds?.includes(person.id) === true
          ? [{ ...s, status: "cancelled" as const }]
          : [],
    );
    return { sessions, calendarName: `${cohort.title} — ${person.name ?? person.id}` };
  }
  const res = cohort.resources.find((x) => x.id === audience.resourceId);
  if (res === undefined) throw unknownAudience("resource", audience.resourceId);
  const holds = (s: Session): boolean =>
    s.roomId === res.id || s.facilitatorIds.includes(res.id) || s.speakerIds.includes(res.id);
  const sessions = p.sessions.flatMap((s) =>
    holds(s) ? [s] : s.removedResourceIds?.includes(res.id) === true ? [{ ...s, status: "cancelled" as const }] : [],
  );
  return { sessions, calendarName: `${cohort.title} — ${res.name}` };
}

/** Writes the VEVENT lines of one session. */
function eventWriter(p: CohortPlan, o: Settings): (s: Session) => string[] {
  const { cohort, template } = p;
  const stamp = utcStamp(typeof o.stamp === "string" ? Date.parse(o.stamp) : o.stamp.getTime());
  const activities = new Map(template.activities.map((a) => [a.id as string, a]));
  const phases = new Map(template.phases.map((ph) => [ph.id as string, ph]));
  const resources = new Map(cohort.resources.map((r) => [r.id as string, r]));
  const tz = p.timeZone;
  return (s) => {
    const activity = activities.get(s.activityId);
    const phase = phases.get(s.phaseId);
    const room = s.roomId === undefined ? undefined : resources.get(s.roomId);
    const where =
      s.modality === "remote" ? "À distance" : [room?.name, cohort.location].filter((x) => x !== undefined).join(", ");
    const people = [...s.facilitatorIds, ...s.speakerIds].map((r) => resources.get(r)?.name ?? r);
    const description = [
      phase === undefined ? undefined : `Phase : ${phase.title}`,
      s.modality === "remote" ? "Modalité : à distance" : "Modalité : sur place",
      people.length > 0 ? `Intervenants : ${people.join(", ")}` : undefined,
      `Participants : ${s.participantIds.length}`,
    ].filter((x): x is string => x !== undefined);
    const lines = [
      "BEGIN:VEVENT",
      `UID:${text(`${s.id}.${cohort.id}@${o.uidDomain}`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${tz}:${s.date.replace(/-/g, "")}T${s.start.replace(":", "")}00`,
      `DTEND;TZID=${tz}:${s.date.replace(/-/g, "")}T${s.end.replace(":", "")}00`,
      `SEQUENCE:${s.sequence}`,
      `STATUS:${s.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
      `SUMMARY:${text(activity?.title ?? s.activityId)}`,
      `DESCRIPTION:${text(description.join("\n"))}`,
    ];
    if (where !== "") lines.push(`LOCATION:${text(where)}`);
    if (activity !== undefined) lines.push(`CATEGORIES:${text(activity.kind)}`);
    lines.push("TRANSP:OPAQUE", "END:VEVENT");
    return lines;
  };
}

function unknownAudience(kind: "participant" | "resource", id: string): DeclicsError<"invalid_option"> {
  return curriculumError({
    code: "invalid_option",
    module: "curriculum",
    details: { option: "audience", expected: { kind: "known_id", of: kind }, received: id },
  });
}
