/**
 * The reasons of the message table: why a template, plan, table, item bank, command line or file was
 * refused, in English and French, from a snake_case `reason` and its `values` (ids, numbers, names).
 * @module
 */
import type { ErrorLanguage, Problem } from "../errors.js";
import { shown } from "./messages-values.js";

type V = (name: string) => string;
type Reason = readonly [en: (v: V) => string, fr: (v: V) => string];

const RESOURCE_KINDS_FR: Readonly<Record<string, string>> = {
  facilitator: "animateur",
  speaker: "intervenant",
  room: "salle",
};
const kindFr = (kind: string): string => RESOURCE_KINDS_FR[kind] ?? kind;

/** Curriculum: templates and plans. */
const CURRICULUM: Readonly<Record<string, Reason>> = {
  duplicate_activity: [
    (v) => `activity id ${v("activityId")} appears twice`,
    (v) => `l'activité ${v("activityId")} figure deux fois`,
  ],
  duplicate_phase: [
    (v) => `phase id ${v("phaseId")} appears twice`,
    (v) => `la phase ${v("phaseId")} figure deux fois`,
  ],
  phase_after_end: [
    (v) => `phase ${v("phaseId")} ends on day ${v("toDay")}, after the parcours' ${v("workingDays")} working days`,
    (v) =>
      `la phase ${v("phaseId")} finit le jour ${v("toDay")}, après les ${v("workingDays")} jours ouvrés du parcours`,
  ],
  unknown_phase: [
    (v) => `activity ${v("activityId")} names unknown phase ${v("phaseId")}`,
    (v) => `l'activité ${v("activityId")} nomme une phase inconnue, ${v("phaseId")}`,
  ],
  unknown_prerequisite: [
    (v) => `activity ${v("activityId")} has unknown prerequisite ${v("prerequisite")}`,
    (v) => `l'activité ${v("activityId")} a un prérequis inconnu, ${v("prerequisite")}`,
  ],
  prerequisite_too_late: [
    (v) =>
      `activity ${v("activityId")} (phase ${v("phaseId")}, days ${v("fromDay")}-${v("toDay")}) requires ${v("prerequisite")}, whose phase ` +
      `${v("prerequisitePhaseId")} only starts on day ${v("prerequisiteFromDay")}: it can never come first`,
    (v) =>
      `l'activité ${v("activityId")} (phase ${v("phaseId")}, jours ${v("fromDay")} à ${v("toDay")}) demande ${v("prerequisite")}, dont la phase ` +
      `${v("prerequisitePhaseId")} ne commence que le jour ${v("prerequisiteFromDay")} : elle ne peut jamais venir avant`,
  ],
  prerequisite_cycle: [
    (v) => `prerequisites form a cycle through ${v("activityId")}`,
    (v) => `les prérequis forment un cycle passant par ${v("activityId")}`,
  ],
  activity_too_long: [
    (v) =>
      `activity ${v("activityId")} lasts ${v("durationMinutes")} min, longer than the longest opening block (${v("longestMinutes")} min)`,
    (v) =>
      `l'activité ${v("activityId")} dure ${v("durationMinutes")} min, plus que la plus longue plage d'ouverture (${v("longestMinutes")} min)`,
  ],
  duplicate_session: [
    (v) => `session id ${v("sessionId")} appears twice`,
    (v) => `la séance ${v("sessionId")} figure deux fois`,
  ],
  unknown_activity: [
    (v) => `session ${v("sessionId")} is of activity ${v("activityId")}, which the template does not have`,
    (v) => `la séance ${v("sessionId")} relève de l'activité ${v("activityId")}, absente du modèle`,
  ],
  wrong_phase: [
    (v) =>
      `session ${v("sessionId")} says phase ${v("phaseId")}, its activity ${v("activityId")} is in phase ${v("activityPhaseId")}`,
    (v) =>
      `la séance ${v("sessionId")} indique la phase ${v("phaseId")}, son activité ${v("activityId")} est dans la phase ${v("activityPhaseId")}`,
  ],
  wrong_duration: [
    (v) => `session ${v("sessionId")} runs ${v("start")}-${v("end")}, its activity lasts ${v("durationMinutes")} min`,
    (v) =>
      `la séance ${v("sessionId")} va de ${v("start")} à ${v("end")}, son activité dure ${v("durationMinutes")} min`,
  ],
  unknown_participant: [
    (v) =>
      `session ${v("sessionId")} names participant ${v("participantId")}, who is not in the cohort (use a withdraw_participant change instead of ` +
      `deleting people)`,
    (v) =>
      `la séance ${v("sessionId")} nomme le participant ${v("participantId")}, absent de la cohorte (utilisez un changement withdraw_participant ` +
      `plutôt que de supprimer des personnes)`,
  ],
  video_not_participant: [
    (v) => `session ${v("sessionId")} has ${v("participantId")} joining by video without being a participant`,
    (v) => `la séance ${v("sessionId")} a ${v("participantId")} en visioconférence sans qu'il y participe`,
  ],
  unknown_resource: [
    (v) =>
      `session ${v("sessionId")} uses resource ${v("resourceId")}, which is not in the cohort (use a lose_resource change instead of deleting resources)`,
    (v) =>
      `la séance ${v("sessionId")} utilise la ressource ${v("resourceId")}, absente de la cohorte (utilisez un changement lose_resource plutôt que de ` +
      `supprimer des ressources)`,
  ],
  wrong_resource_kind: [
    (v) => `session ${v("sessionId")} uses ${v("resourceId")} as a ${v("expectedKind")}, but it is a ${v("kind")}`,
    (v) =>
      `la séance ${v("sessionId")} utilise ${v("resourceId")} comme ${kindFr(v("expectedKind"))}, or c'est : ${kindFr(v("kind"))}`,
  ],
  no_room: [
    (v) => `on-site session ${v("sessionId")} has no room`,
    (v) => `la séance sur site ${v("sessionId")} n'a pas de salle`,
  ],
  participant_twice: [
    (v) =>
      `participant ${v("participantId")} is in two sessions of ${v("activityId")} (${v("otherSessionId")} and ${v("sessionId")})`,
    (v) =>
      `le participant ${v("participantId")} est dans deux séances de ${v("activityId")} (${v("otherSessionId")} et ${v("sessionId")})`,
  ],
  assignment_mismatch: [
    (v) => `assignment of ${v("participantId")} to ${v("sessionId")} (${v("activityId")}) does not match the sessions`,
    (v) =>
      `l'affectation de ${v("participantId")} à ${v("sessionId")} (${v("activityId")}) ne correspond pas aux séances`,
  ],
  assignment_count: [
    (v) => `${v("assignments")} assignments for ${v("placements")} placements in the sessions`,
    (v) => `${v("assignments")} affectations pour ${v("placements")} places dans les séances`,
  ],
  double_booking: [
    (v) => `${v("holder")} is booked in ${v("otherSessionId")} and ${v("sessionId")} at the same time`,
    (v) => `${v("holder")} est réservé dans ${v("otherSessionId")} et ${v("sessionId")} en même temps`,
  ],
};

/** Assessment: item banks. */
const ASSESSMENT: Readonly<Record<string, Reason>> = {
  empty_bank: [
    () => "the bank has no items (a test on it would only return the prior)",
    () => "la banque n'a aucun item (un test ne rendrait que la loi a priori)",
  ],
  duplicate_item: [
    (v) => `item ${v("index")} (${v("itemId")}): duplicate id`,
    (v) => `item ${v("index")} (${v("itemId")}) : identifiant en double`,
  ],
  unknown_competence: [
    (v) => `item ${v("index")} (${v("itemId")}): unknown competence ${v("competence")}`,
    (v) => `item ${v("index")} (${v("itemId")}) : compétence inconnue ${v("competence")}`,
  ],
  bad_discrimination: [
    (v) =>
      `item ${v("index")} (${v("itemId")}): discrimination a must be a finite number > 0, received ${v("received")}`,
    (v) =>
      `item ${v("index")} (${v("itemId")}) : la discrimination a doit être un nombre fini > 0, reçu ${v("received")}`,
  ],
  bad_difficulty: [
    (v) => `item ${v("index")} (${v("itemId")}): difficulty b must be a finite number, received ${v("received")}`,
    (v) => `item ${v("index")} (${v("itemId")}) : la difficulté b doit être un nombre fini, reçu ${v("received")}`,
  ],
  bad_guessing: [
    (v) => `item ${v("index")} (${v("itemId")}): guessing c must be in [0, 1), received ${v("received")}`,
    (v) => `item ${v("index")} (${v("itemId")}) : la chance c doit être dans [0, 1), reçu ${v("received")}`,
  ],
  duplicate_option: [
    (v) => `item ${v("index")} (${v("itemId")}): option ids are not unique`,
    (v) => `item ${v("index")} (${v("itemId")}) : identifiants d'options en double`,
  ],
  key_not_option: [
    (v) => `item ${v("index")} (${v("itemId")}): answer key ${v("key")} is not an option`,
    (v) => `item ${v("index")} (${v("itemId")}) : la clé ${v("key")} n'est pas une option`,
  ],
  key_repeats: [
    (v) => `item ${v("index")} (${v("itemId")}): answer key repeats an option`,
    (v) => `item ${v("index")} (${v("itemId")}) : la clé répète une option`,
  ],
  ordering_incomplete: [
    (v) =>
      `item ${v("index")} (${v("itemId")}): ordering key must list all ${v("options")} options, lists ${v("listed")}`,
    (v) =>
      `item ${v("index")} (${v("itemId")}) : la clé d'ordre doit citer les ${v("options")} options, en cite ${v("listed")}`,
  ],
  key_selects_all: [
    (v) => `item ${v("index")} (${v("itemId")}): multiple choice key selects every option`,
    (v) => `item ${v("index")} (${v("itemId")}) : la clé du choix multiple coche toutes les options`,
  ],
  numeric_not_finite: [
    (v) => `item ${v("index")} (${v("itemId")}): numeric answer must be finite`,
    (v) => `item ${v("index")} (${v("itemId")}) : la réponse numérique doit être finie`,
  ],
  blank_accepted: [
    (v) => `item ${v("index")} (${v("itemId")}): accepted answers must not be blank`,
    (v) => `item ${v("index")} (${v("itemId")}) : les réponses acceptées ne doivent pas être vides`,
  ],
};

/** Diversity: tables. */
const DIVERSITY: Readonly<Record<string, Reason>> = {
  duplicate_label: [
    (v) => `the ${v("axis")} label ${v("label")} appears twice; each ${v("axis")} must have its own label`,
    (v) => `l'étiquette ${v("label")} (${v("axis")}) figure deux fois ; chaque ligne ou colonne doit avoir la sienne`,
  ],
  mismatched_margins: [
    (v) =>
      `linked tables disagree on the same count (${v("key")}): ${v("known")} in an earlier table, ${v("value")} in table ${v("table")}`,
    (v) =>
      `des tableaux liés donnent deux valeurs au même effectif (${v("key")}) : ${v("known")} dans un tableau précédent, ${v("value")} dans le tableau ` +
      `${v("table")}`,
  ],
  no_witness_cycle: [
    () => "no complementary suppression found (this is a bug in declics)",
    () => "aucun secret secondaire trouvé (c'est un bogue de declics)",
  ],
  missing_count: [
    (v) => `the report's tables do not hold ${v("count")} (this is a bug in declics)`,
    (v) => `les tableaux du rapport ne contiennent pas ${v("count")} (c'est un bogue de declics)`,
  ],
  too_many_groups: [
    (v) =>
      `crossing ${v("dimensions")} gives ${v("groups")} groups (more than ${v("max")}); group by fewer dimensions at a time`,
    (v) =>
      `croiser ${v("dimensions")} donne ${v("groups")} groupes (plus de ${v("max")}) ; regroupez par moins de dimensions à la fois`,
  ],
  unknown_dimension: [
    (v) => `dimension ${v("dimension")} was not tabulated (tabulated: ${v("tabulated")})`,
    (v) => `la dimension ${v("dimension")} n'a pas été tabulée (tabulées : ${v("tabulated")})`,
  ],
  same_dimension_twice: [
    (v) => `table ${v("table")} crosses ${v("dimension")} with itself`,
    (v) => `le tableau ${v("table")} croise ${v("dimension")} avec elle-même`,
  ],
  same_crossing_twice: [
    (v) => `table ${v("table")} crosses ${v("rows")} and ${v("columns")} again`,
    (v) => `le tableau ${v("table")} croise de nouveau ${v("rows")} et ${v("columns")}`,
  ],
  lookup_out_of_range: [
    () => "a lookup fell outside the suppression engine's tables (this is a bug in declics)",
    () => "une recherche est sortie des tableaux du moteur de secret statistique (c'est un bogue de declics)",
  ],
  repeated_label: [
    (v) => `table ${v("table")} repeats a label`,
    (v) => `le tableau ${v("table")} répète une étiquette`,
  ],
};

/** Files (system codes) and the command line. */
const FILES: Readonly<Record<string, Reason>> = {
  ENOENT: [() => "no such file or folder", () => "fichier ou dossier introuvable"],
  EACCES: [() => "permission denied", () => "permission refusée"],
  EPERM: [() => "operation not permitted", () => "opération non permise"],
  EISDIR: [() => "it is a folder", () => "c'est un dossier"],
  ENOTDIR: [() => "a parent is not a folder", () => "un parent n'est pas un dossier"],
  ENOSPC: [() => "no space left on the device", () => "plus de place sur le disque"],
  EROFS: [() => "read-only file system", () => "système de fichiers en lecture seule"],
  EMFILE: [() => "too many open files", () => "trop de fichiers ouverts"],
  EPIPE: [() => "the reader closed the pipe", () => "le lecteur a fermé le tube"],
  EEXIST: [() => "the file already exists", () => "le fichier existe déjà"],
};

/** The command line: its files and options. */
const CLI: Readonly<Record<string, Reason>> = {
  failed: [(v) => `failed (${v("cause")})`, (v) => `échec (${v("cause")})`],
  empty_file: [() => "the file is empty, not even a header", () => "le fichier est vide, pas même un en-tête"],
  bad_csv: [
    (v) => `invalid CSV at line ${v("line")}: ${v("cause")}`,
    (v) => `CSV invalide ligne ${v("line")} : ${v("cause")}`,
  ],
  undecodable: [
    (v) => `the file cannot be read in the encoding ${v("encoding")} (try --encoding windows-1252)`,
    (v) => `le fichier n'est pas lisible dans l'encodage ${v("encoding")} (essayez --encoding windows-1252)`,
  ],
  no_location_column: [
    (v) =>
      `no location column in the header (${v("header")}); expected lon/lat, longitude/latitude, x/y, code_insee/codgeo, code_postal or ` +
      `adresse, or name it with --lon-column, --insee-column, etc.` +
      (v("rejected") === "?" ? "" : `; named like one but their values do not look like it: ${v("rejected")}`),
    (v) =>
      `aucune colonne de localisation dans l'en-tête (${v("header")}) ; attendu lon/lat, longitude/latitude, x/y, code_insee/codgeo, ` +
      `code_postal ou adresse, ou nommez-la avec --lon-column, --insee-column, etc.` +
      (v("rejected") === "?" ? "" : ` ; nommées comme telles mais leurs valeurs n'en ont pas l'air : ${v("rejected")}`),
  ],
  unknown_column: [
    (v) => `column "${v("name")}" (${v("flag")}) is not in the header (${v("header")})`,
    (v) => `la colonne « ${v("name")} » (${v("flag")}) n'existe pas dans l'en-tête (${v("header")})`,
  ],
  output_not_regular: [
    (v) =>
      `${v("file")} is not a regular file (device, pipe, socket or folder); give a file name, or "-o -" for standard output`,
    (v) =>
      `${v("file")} n'est pas un fichier ordinaire (périphérique, tube, socket ou dossier) ; donnez un nom de fichier, ou « -o - » pour la sortie standard`,
  ],
  output_is_input: [
    (v) =>
      `the output ${v("file")} is the input file ${v("input")} (the same file, through a link or not); it will not be overwritten`,
    (v) =>
      `la sortie ${v("file")} est le fichier d'entrée ${v("input")} (même fichier, par un lien ou non) ; il ne sera pas écrasé`,
  ],
  not_a_folder: [(v) => `${v("folder")} is not a folder`, (v) => `${v("folder")} n'est pas un dossier`],
  bad_json: [(v) => `unreadable JSON (${v("cause")})`, (v) => `JSON illisible (${v("cause")})`],
  invalid_cohort_file: [
    (v) => `invalid cohort file: field ${v("field")}, received ${v("received")}`,
    (v) => `fichier de cohorte invalide : champ ${v("field")}, reçu ${v("received")}`,
  ],
  no_people_column: [
    (v) => `no column names the people: expected "identifiant", "nom", "prénom" or "email", received ${v("header")}`,
    (v) =>
      `aucune colonne ne désigne les personnes : attendu « identifiant », « nom », « prénom » ou « email », reçu ${v("header")}`,
  ],
  no_people: [
    () => "no people: the file has only its header",
    () => "aucune personne : le fichier n'a que son en-tête",
  ],
  duplicate_id: [
    (v) => `line ${v("line")}: the id "${v("id")}" already appears on line ${v("first")}`,
    (v) => `ligne ${v("line")} : l'identifiant « ${v("id")} » figure déjà ligne ${v("first")}`,
  ],
  empty_id: [
    (v) => `line ${v("line")}: empty id (column "identifiant")`,
    (v) => `ligne ${v("line")} : identifiant vide (colonne « identifiant »)`,
  ],
  unknown_cell: [
    (v) =>
      `line ${v("line")}: "${v("value")}" in column "${v("column")}" is not recognised (expected ${v("accepted")})`,
    (v) =>
      `ligne ${v("line")} : « ${v("value")} » dans la colonne « ${v("column")} » n'est pas reconnu (attendu ${v("accepted")})`,
  ],
};

const REASONS: Readonly<Record<string, Reason>> = { ...CURRICULUM, ...ASSESSMENT, ...DIVERSITY, ...FILES, ...CLI };

/** Every reason the table has words for, by family (for the tests that check each one in both languages). */
export const KNOWN_REASONS = {
  curriculum: Object.keys(CURRICULUM),
  assessment: Object.keys(ASSESSMENT),
  diversity: Object.keys(DIVERSITY),
  files: Object.keys(FILES),
  cli: Object.keys(CLI),
} as const;

/**
 * A problem in words of the language. An unknown reason (a newer version's, or a system code the table
 * does not know) is shown as its code with its values, so nothing is lost and nothing throws.
 */
export function renderProblem(problem: Problem, lang: ErrorLanguage): string {
  const reason = typeof problem?.reason === "string" ? problem.reason : "";
  const values = typeof problem?.values === "object" && problem.values !== null ? problem.values : {};
  const v: V = (name) => (Object.prototype.hasOwnProperty.call(values, name) ? shown(values[name]) : "?");
  const entry = Object.prototype.hasOwnProperty.call(REASONS, reason) ? REASONS[reason] : undefined;
  if (entry !== undefined) return lang === "fr" ? entry[1](v) : entry[0](v);
  const listed = Object.keys(values)
    .slice(0, 8)
    .map((k) => `${shown(k)}=${v(k)}`);
  return listed.length === 0 ? shown(reason) : `${shown(reason)} (${listed.join(", ")})`;
}
