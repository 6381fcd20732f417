/**
 * The messages of the command line: usage, files it cannot read or write, characters it cannot encode.
 * @module
 */
import { type MessagePart } from "./part.js";
import { type Reason, renderProblem } from "./problem.js";
import { quote, shown } from "./values.js";

/** " (U+0141)": the code point of a character, for the characters that look alike. */
const codePoint = (c: unknown): string =>
  typeof c === "string" && c !== ""
    ? ` (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")})`
    : "";

/** Files (system codes) and the command line. */
export const FILE_REASONS: Readonly<Record<string, Reason>> = {
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
export const CLI_REASONS: Readonly<Record<string, Reason>> = {
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

/** The command line's usage, files and encodings. */
const REASONS = { ...FILE_REASONS, ...CLI_REASONS };

export const CLI_MESSAGES: MessagePart<"usage" | "unreadable_input" | "output_unavailable" | "unencodable_output"> = {
  usage: {
    en: (d) => `Usage error: ${renderProblem(d, "en", REASONS)}`,
    fr: (d) => `Erreur d'utilisation : ${renderProblem(d, "fr", REASONS)}`,
  },
  unreadable_input: {
    en: (d) => `Unreadable input file: ${shown(d.file)} (${renderProblem(d, "en", REASONS)}).`,
    fr: (d) => `Fichier d'entrée illisible : ${shown(d.file)} (${renderProblem(d, "fr", REASONS)}).`,
  },
  output_unavailable: {
    en: (d) => `Cannot write ${shown(d.file)}: ${renderProblem(d, "en", REASONS)}`,
    fr: (d) => `Impossible d'écrire ${shown(d.file)} : ${renderProblem(d, "fr", REASONS)}`,
  },
  unencodable_output: {
    en: (d) =>
      `Cannot write row ${shown(d.row)}, column ${quote(String(d.column))} in ${shown(d.encoding)}: ` +
      `the character ${shown(d.character)}${codePoint(d.character)} does not exist in that encoding. ` +
      "Nothing was written. Choose --output-encoding utf-8 or utf-8-bom.",
    fr: (d) =>
      `Impossible d'écrire en ${shown(d.encoding)} la ligne ${shown(d.row)}, colonne ${quote(String(d.column))} : ` +
      `le caractère ${shown(d.character)}${codePoint(d.character)} n'existe pas dans cet encodage. ` +
      "Rien n'a été écrit. Choisissez --output-encoding utf-8 ou utf-8-bom.",
  },
};
