import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import * as z from "zod/v4";
import {
  type CohortPlan,
  formatIcs,
  listSchoolHolidays,
  PARCOURS_EXPRESS,
  planCohort,
  type SchoolCalendar,
  type SchoolHolidays,
} from "../curriculum/index.js";
import { DeclicsError, isDeclicsError } from "../errors.js";
import { cliError } from "./exit-codes.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { expecting, rule } from "../_lib/messages/vocabulary.js";
import { toInputIssues } from "../_lib/parse.js";
import type { CsvDelimiter } from "./detect-delimiter.js";
import type { CsvEncoding } from "./detect-encoding.js";
import { formatCsvRow } from "./format-csv-row.js";
import { readParticipants } from "./plan-participants.js";
import { describeUnmetFr } from "./plan-unmet-fr.js";

/**
 * `declics plan`: a participants CSV and a cohort file (JSON: venue, resources, start date, parcours) in;
 * a schedule CSV, a CSV per person, the unmet constraints in French and iCalendar files for the cohort,
 * each participant and each room out. For coordinators: every message is French and says what to fix.
 * @module
 */

/** Exit codes of `declics plan` (same meaning as the other commands'). */
export const PLAN_EXIT = { done: 0, usage: 1, unreadable: 2, failed: 3 } as const;

/** Options of the `plan` command, once the command line is parsed. */
export interface PlanCommandOptions {
  readonly participants: string;
  readonly cohortFile: string;
  /** Output directory; default: `<participants>-planning` beside the participants file. */
  readonly outDir?: string;
  readonly delimiter?: CsvDelimiter;
  readonly encoding?: CsvEncoding;
  /** Delimiter of the CSV written (default `;`, as French spreadsheets expect). */
  readonly outputDelimiter?: CsvDelimiter;
  /** When the calendars are generated (ICS DTSTAMP); the CLI passes the clock. */
  readonly now: Date;
}

/** What the command reads and writes through. */
export interface PlanCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** The compiled school calendar (only called when the cohort file asks to avoid school holidays). */
  readonly loadSchoolCalendar: () => SchoolCalendar;
}

const SchoolWhere = z.union([
  z.object({ commune: z.string() }).strict(),
  z.object({ academie: z.string() }).strict(),
  z.object({ zone: z.string() }).strict(),
]);

/** The cohort file: the parcours (default: the parcours express), the cohort without its participants, options. */
const PlanFile = z
  .object({
    parcours: z.union([z.literal("parcours-express"), z.record(z.string(), z.unknown())]).default("parcours-express"),
    cohort: z
      .record(z.string(), z.unknown())
      .refine(
        (c) => !("participants" in c),
        expecting(
          "a cohort without participants (they come from the CSV file)",
          "une cohorte sans participants (ils viennent du fichier CSV)",
        ),
      ),
    avoidSchoolHolidays: SchoolWhere.optional(),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

function fail(file: string, reason: string, values?: Readonly<Record<string, string | number>>): DeclicsError {
  return cliError("unreadable_input", { file, reason, ...(values === undefined ? {} : { values }) });
}

function readPlanFile(path: string): z.infer<typeof PlanFile> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw fail(path, "bad_json", { cause: error instanceof Error ? error.message : String(error) });
  }
  const parsed = PlanFile.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const issue = toInputIssues(parsed.error, json)[0];
    throw fail(path, "invalid_cohort_file", { field: issue?.path || "(racine)", received: issue?.received ?? "?" });
  }
  return parsed.data;
}

/** Runs `declics plan`; returns the exit code. Never throws for bad input: it says what to fix, in French. */
export async function runPlan(options: PlanCommandOptions, io: PlanCommandIo): Promise<number> {
  const say = (stream: { write(text: string): unknown }, line: string): void => void stream.write(`${line}\n`);
  try {
    for (const f of [options.participants, options.cohortFile]) if (!existsSync(f)) throw fail(f, "ENOENT");
    const read = readParticipants(new Uint8Array(readFileSync(options.participants)), options.participants, {
      encoding: options.encoding,
      delimiter: options.delimiter,
    });
    const file = readPlanFile(options.cohortFile);
    const cohortInput = { ...file.cohort, participants: read.participants } as Parameters<typeof planCohort>[1];
    if (file.avoidSchoolHolidays !== undefined) {
      const start = typeof file.cohort.startDate === "string" ? file.cohort.startDate : undefined;
      (cohortInput as { avoidSchoolHolidays?: SchoolHolidays }).avoidSchoolHolidays = listSchoolHolidays(
        io.loadSchoolCalendar(),
        file.avoidSchoolHolidays,
        start === undefined ? {} : { from: start },
      );
    }
    const template = file.parcours === "parcours-express" ? PARCOURS_EXPRESS : file.parcours;
    const plan = planCohort(template as Parameters<typeof planCohort>[0], cohortInput, file.options);
    checkSchoolCoverage(plan, (cohortInput as { avoidSchoolHolidays?: SchoolHolidays }).avoidSchoolHolidays);
    const outDir = resolve(
      options.outDir ??
        join(
          dirname(options.participants),
          `${basename(options.participants, extname(options.participants))}-planning`,
        ),
    );
    const written = writePlanOutputs(plan, outDir, options.outputDelimiter ?? ";", options.now);
    if (read.ignoredColumns.length > 0)
      say(io.stderr, `Colonnes non utilisées : ${read.ignoredColumns.map((c) => `« ${c} »`).join(", ")}`);
    for (const line of summary(plan, read.participants.length, outDir, written)) say(io.stdout, line);
    return PLAN_EXIT.done;
  } catch (error) {
    return report(error, say, io);
  }
}

/** The plan must end within the span the school calendar covers: beyond it, nobody knows which days are holidays. */
function checkSchoolCoverage(plan: CohortPlan, school: SchoolHolidays | undefined): void {
  const last = plan.days.at(-1);
  if (school === undefined || last === undefined || last <= school.coveredUntil) return;
  throw cliError("invalid_option", {
    option: "avoidSchoolHolidays",
    expected: rule(
      `a parcours ending by ${school.coveredUntil}, the last day the school calendar of ${school.area} covers ` +
        "(choose an earlier start or install a newer school calendar)",
      `un parcours qui finit au plus tard le ${frDate(school.coveredUntil)}, dernier jour couvert par le calendrier ` +
        `scolaire (${school.area}) (choisissez une date de début plus tôt ou installez un calendrier scolaire plus récent)`,
    ),
    received: last,
  });
}

function report(error: unknown, say: (s: { write(t: string): unknown }, l: string) => void, io: PlanCommandIo): number {
  if (isDeclicsError(error, "unreadable_input")) {
    say(io.stderr, `Erreur : ${formatDeclicsError(error, { language: "fr" })}`);
    return PLAN_EXIT.unreadable;
  }
  if (isDeclicsError(error, "data_missing") || isDeclicsError(error, "data_integrity")) {
    say(io.stderr, `Erreur de données : ${formatDeclicsError(error, { language: "fr" })}`);
    return PLAN_EXIT.failed;
  }
  if (isDeclicsError(error)) {
    say(
      io.stderr,
      `Erreur : le planning ne peut pas être calculé avec ces fichiers : ${formatDeclicsError(error, { language: "fr" })} [${error.code}]`,
    );
    return PLAN_EXIT.usage;
  }
  say(io.stderr, `Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`);
  return PLAN_EXIT.failed;
}

function summary(plan: CohortPlan, people: number, outDir: string, written: number): string[] {
  const scheduled = plan.sessions.filter((s) => s.status === "scheduled").length;
  const first = plan.days[0] ?? "";
  const last = plan.days.at(-1) ?? "";
  const lines = [
    `Planning de « ${plan.cohort.title} » : ${people} personnes, ${scheduled} séances sur ${plan.days.length} ` +
      `jours ouvrés (du ${frDate(first)} au ${frDate(last)}).`,
    `${written} fichiers écrits dans ${outDir}`,
  ];
  const unmet = describeUnmetFr(plan);
  if (unmet.length === 0)
    lines.push("Toutes les contraintes sont satisfaites : chaque personne a une place dans chaque activité.");
  else
    lines.push(
      `${unmet.length} contrainte${unmet.length > 1 ? "s" : ""} non satisfaite${unmet.length > 1 ? "s" : ""} (détail dans contraintes-non-satisfaites.csv) :`,
      ...unmet.map((u) => `  - ${u}`),
    );
  return lines;
}

/** `2024-02-05` -> `05/02/2024`. */
function frDate(iso: string): string {
  return iso === "" ? "" : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading
 * apostrophe: names and ids come from partners' files and must not become formulas in Excel.
 */
export function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A file name from an id: letters, digits, `.`, `_`, `-`; a clash gets `-2`, `-3`… */
function fileNames(ids: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    const base =
      id
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .replace(/[^A-Za-z0-9._-]+/g, "_")
        .replace(/^[.]+/, "_")
        .slice(0, 80) || "_";
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}`;
    used.add(name.toLowerCase());
    out.set(id, `${name}.ics`);
  }
  return out;
}

/** Writes the CSV files and the calendars; returns how many files were written. */
export function writePlanOutputs(plan: CohortPlan, outDir: string, delimiter: string, now: Date): number {
  const participantsDir = join(outDir, "calendriers", "participants");
  const roomsDir = join(outDir, "calendriers", "salles");
  mkdirSync(participantsDir, { recursive: true });
  mkdirSync(roomsDir, { recursive: true });
  const csv = (rows: readonly (readonly string[])[]): string =>
    `\uFEFF${rows.map((r) => `${formatCsvRow(r.map(defuse), delimiter)}\r\n`).join("")}`;
  writeFileSync(join(outDir, "planning.csv"), csv(sessionRows(plan)));
  writeFileSync(join(outDir, "planning-par-personne.csv"), csv(personRows(plan)));
  const unmet = describeUnmetFr(plan);
  writeFileSync(
    join(outDir, "contraintes-non-satisfaites.csv"),
    csv([
      ["motif", "activité", "personnes", "explication"],
      ...plan.unmet.map((u, i) => [u.reason, u.activityId ?? "", u.participantIds.join(" "), unmet[i] ?? ""]),
    ]),
  );
  const stamp = now;
  writeFileSync(join(outDir, "calendriers", "cohorte.ics"), formatIcs(plan, { stamp }));
  let count = 4;
  // formatIcs validates a plan once (the plan planCohort returned is not validated again), so each calendar
  // costs only its own sessions.
  for (const [id, name] of fileNames(plan.cohort.participants.map((p) => p.id))) {
    writeFileSync(join(participantsDir, name), formatIcs(plan, { stamp, audience: { participantId: id } }));
    count++;
  }
  const rooms = fileNames(plan.cohort.resources.filter((r) => r.kind === "room").map((r) => r.id));
  for (const [id, name] of rooms) {
    writeFileSync(join(roomsDir, name), formatIcs(plan, { stamp, audience: { resourceId: id } }));
    count++;
  }
  return count;
}

const MODALITY_FR: Readonly<Record<string, string>> = { on_site: "sur place", remote: "à distance" };
const STATUS_FR: Readonly<Record<string, string>> = { scheduled: "prévue", cancelled: "annulée" };

function sessionRows(plan: CohortPlan): string[][] {
  const activities = new Map(plan.template.activities.map((a) => [a.id as string, a]));
  const phases = new Map(plan.template.phases.map((p) => [p.id as string, p.title]));
  const names = new Map(plan.cohort.resources.map((r) => [r.id as string, r.name]));
  const header = [
    "séance",
    "date",
    "début",
    "fin",
    "activité",
    "phase",
    "modalité",
    "salle",
    "animation",
    "intervenants",
    "nombre de personnes",
    "personnes",
    "statut",
  ];
  const rows = plan.sessions.map((s) => [
    s.id,
    frDate(s.date),
    s.start,
    s.end,
    activities.get(s.activityId)?.title ?? s.activityId,
    phases.get(s.phaseId) ?? s.phaseId,
    MODALITY_FR[s.modality] ?? s.modality,
    s.roomId === undefined ? "" : (names.get(s.roomId) ?? s.roomId),
    s.facilitatorIds.map((id) => names.get(id) ?? id).join(", "),
    s.speakerIds.map((id) => names.get(id) ?? id).join(", "),
    String(s.participantIds.length),
    s.participantIds.join(" "),
    STATUS_FR[s.status] ?? s.status,
  ]);
  return [header, ...rows];
}

function personRows(plan: CohortPlan): string[][] {
  const sessions = new Map(plan.sessions.map((s) => [s.id as string, s]));
  const activities = new Map(plan.template.activities.map((a) => [a.id as string, a.title]));
  const rooms = new Map(plan.cohort.resources.map((r) => [r.id as string, r.name]));
  const header = ["identifiant", "nom", "email", "date", "début", "fin", "activité", "modalité", "salle", "séance"];
  const byPerson = new Map<string, string[]>();
  for (const a of plan.assignments)
    byPerson.set(a.participantId, [...(byPerson.get(a.participantId) ?? []), a.sessionId]);
  const rows: string[][] = [];
  for (const p of plan.cohort.participants) {
    const mine = (byPerson.get(p.id) ?? []).map((id) => sessions.get(id)).filter((s) => s !== undefined);
    mine.sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0));
    for (const s of mine) {
      rows.push([
        p.id,
        p.name ?? "",
        p.email ?? "",
        frDate(s.date),
        s.start,
        s.end,
        activities.get(s.activityId) ?? s.activityId,
        MODALITY_FR[s.modality] ?? s.modality,
        s.roomId === undefined ? "" : (rooms.get(s.roomId) ?? s.roomId),
        s.id,
      ]);
    }
  }
  return [header, ...rows];
}
