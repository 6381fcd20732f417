import { parse as parseCsv } from "csv-parse/sync";
import type { ParticipantInput } from "../curriculum/index.js";
import { DeclicsError } from "../errors.js";
import { cliError } from "./exit-codes.js";
import { bandOfAge } from "../_lib/vocabulary.js";
import { detectDelimiter, type CsvDelimiter } from "./detect-delimiter.js";
import { detectEncoding, type CsvEncoding } from "./detect-encoding.js";
import { parseCalendarDate } from "./parse-cell.js";

/**
 * Reads the participants CSV of `declics plan` as partners export it: `;`, `,` or tab separated, UTF-8
 * (with or without BOM), Windows-1252 or UTF-16. Columns are recognised by their French or English
 * header, whatever the case and accents. Every data row becomes a participant or an error naming its line:
 * no row is dropped.
 * @module
 */

type Role =
  | "id"
  | "firstName"
  | "lastName"
  | "name"
  | "email"
  | "gender"
  | "territoryKind"
  | "ageBand"
  | "unavailableDays"
  | "remoteOnly";

/** Accepted headers per column, normalised (lowercase, no accents, letters and digits only). */
const HEADERS: Readonly<Record<Role, readonly string[]>> = {
  id: [
    "id",
    "identifiant",
    "ident",
    "numero",
    "num",
    "no",
    "ref",
    "reference",
    "participant",
    "participantid",
    "iddeclics",
  ],
  firstName: ["prenom", "firstname", "givenname"],
  lastName: ["nom", "nomdefamille", "lastname", "surname", "familyname"],
  name: ["nomcomplet", "nometprenom", "prenometnom", "name", "fullname"],
  email: ["email", "mail", "courriel", "adressemail", "adresseemail", "adressecourriel", "adresseelectronique"],
  gender: ["genre", "sexe", "gender", "sex", "civilite"],
  territoryKind: ["territoire", "typedeterritoire", "typeterritoire", "zone", "territory", "territorykind"],
  ageBand: ["tranchedage", "trancheage", "age", "agerange", "ageband"],
  unavailableDays: [
    "indisponibilites",
    "indisponibilite",
    "joursindisponibles",
    "absences",
    "indisponible",
    "unavailabledays",
    "unavailable",
  ],
  remoteOnly: [
    "distanciel",
    "adistance",
    "distancieluniquement",
    "adistanceuniquement",
    "adistanceseulement",
    "adistancesulement",
    "remote",
    "remoteonly",
  ],
};

/** Lowercase, accents removed, letters and digits only: "Tranche d'âge" -> "tranchedage". */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The participants, and the columns of the file that were not used (said to the user, not ignored silently). */
export interface ReadParticipants {
  readonly participants: ParticipantInput[];
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  readonly ignoredColumns: readonly string[];
}

function bad(
  file: string,
  reason: string,
  values?: Readonly<Record<string, string | number>>,
): DeclicsError<"unreadable_input"> {
  return cliError("unreadable_input", { file, reason, ...(values === undefined ? {} : { values }) });
}

/** Decodes the bytes of a CSV file in its detected (or given) encoding. */
export function decodeCsv(bytes: Uint8Array, encoding?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  const enc = encoding ?? detectEncoding(bytes, true);
  const label = enc === "utf-8-bom" ? "utf-8" : enc;
  const text = new TextDecoder(label, { fatal: enc !== "windows-1252" }).decode(bytes);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: enc };
}

function mapColumns(header: readonly string[], file: string): { roles: Map<Role, number>; ignored: string[] } {
  const roles = new Map<Role, number>();
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const n = normaliseHeader(h);
    const role = (Object.keys(HEADERS) as Role[]).find((r) => HEADERS[r].includes(n));
    if (role === undefined || roles.has(role)) {
      if (h.trim() !== "") ignored.push(h);
      return;
    }
    roles.set(role, i);
  });
  if (!roles.has("id") && !roles.has("email") && !roles.has("name") && !roles.has("lastName")) {
    throw bad(file, "no_people_column", { header: header.map((h) => `"${h}"`).join(", ") });
  }
  return { roles, ignored };
}

/** Reads the participants of a CSV file. Throws `unreadable_input` (in French) naming the line and the column at fault. */
export function readParticipants(
  bytes: Uint8Array,
  file: string,
  given: { encoding?: CsvEncoding; delimiter?: CsvDelimiter } = {},
): ReadParticipants {
  let decoded: { text: string; encoding: CsvEncoding };
  try {
    decoded = decodeCsv(bytes, given.encoding);
  } catch {
    throw bad(file, "undecodable", { encoding: given.encoding ?? "auto" });
  }
  const delimiter = given.delimiter ?? detectDelimiter(decoded.text.slice(0, 65_536));
  let rows: string[][];
  try {
    rows = parseCsv(decoded.text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const csv = error as { lines?: number; message?: string };
    throw bad(file, "bad_csv", { line: csv.lines ?? "?", cause: csv.message ?? String(error) });
  }
  const header = rows[0];
  if (header === undefined) throw bad(file, "empty_file");
  const { roles, ignored } = mapColumns(header, file);
  const participants: ParticipantInput[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((c) => c.trim() === "")) return; // blank line: not a record
    const p = readRow(cells, roles, line, file);
    const first = seen.get(p.id);
    if (first !== undefined) throw bad(file, "duplicate_id", { line, id: p.id, first });
    seen.set(p.id, line);
    participants.push(p);
  });
  if (participants.length === 0) throw bad(file, "no_people");
  return { participants, encoding: decoded.encoding, delimiter, ignoredColumns: ignored };
}

function cell(cells: readonly string[], roles: Map<Role, number>, role: Role): string {
  const i = roles.get(role);
  return i === undefined ? "" : (cells[i] ?? "").trim();
}

function readRow(cells: readonly string[], roles: Map<Role, number>, line: number, file: string): ParticipantInput {
  const get = (role: Role): string => cell(cells, roles, role);
  const name = get("name") || [get("firstName"), get("lastName")].filter((x) => x !== "").join(" ");
  const email = get("email");
  const id = get("id") || email || (roles.has("id") ? "" : `ligne-${line}`);
  if (id === "") throw bad(file, "empty_id", { line });
  const p: { -readonly [K in keyof ParticipantInput]: ParticipantInput[K] } = { id };
  if (name !== "") p.name = name;
  if (email !== "") p.email = email;
  const read = <T>(role: Role, column: string, parse: (v: string) => T | null, accepted: string): T => {
    const value = parse(get(role));
    if (value === null) throw bad(file, "unknown_cell", { line, column, value: get(role), accepted });
    return value;
  };
  const gender = read("gender", "genre", readGender, "F, H, autre, (vide)");
  if (gender !== undefined) p.gender = gender;
  const territory = read("territoryKind", "territoire", readTerritory, "QPV, ZRR, FRR, autre, (vide)");
  if (territory !== undefined) p.territoryKind = territory;
  const age = read("ageBand", "tranche d'âge", readAgeBand, "moins de 26, 26-49, 50 et plus, 0-120");
  if (age !== undefined) p.ageBand = age;
  const days = get("unavailableDays");
  if (days !== "") {
    const parsed = days
      .split(/[\s,;|]+/u)
      .filter((d) => d !== "")
      .map((d) => ({ d, iso: parseCalendarDate(d) }));
    const wrong = parsed.find((x) => x.iso === null);
    if (wrong !== undefined)
      throw bad(file, "unknown_cell", {
        line,
        column: "indisponibilités",
        value: wrong.d,
        accepted: "JJ/MM/AAAA, AAAA-MM-JJ",
      });
    p.unavailableDays = parsed.map((x) => x.iso as string);
  }
  const remote = read("remoteOnly", "distanciel", readYesNo, "oui, non, (vide)");
  if (remote) p.remoteOnly = true;
  return p;
}

function readGender(v: string): ParticipantInput["gender"] | null | undefined {
  const n = normaliseHeader(v);
  if (n === "") return undefined;
  if (["f", "femme", "female", "woman", "mme", "madame"].includes(n)) return "female";
  if (["h", "m", "homme", "male", "man", "mr", "monsieur"].includes(n)) return "male";
  if (["autre", "other", "x", "nonbinaire", "nonbinary"].includes(n)) return "other";
  if (["nonprecise", "nondeclare", "nsp", "undisclosed", "nonrenseigne"].includes(n)) return "undisclosed";
  return null;
}

function readTerritory(v: string): ParticipantInput["territoryKind"] | null | undefined {
  const n = normaliseHeader(v);
  if (n === "") return undefined;
  if (n.startsWith("qpv") || n === "quartierprioritaire") return "qpv";
  if (n.startsWith("zrr")) return "zrr";
  if (n.startsWith("frr")) return "frr";
  if (["autre", "other", "aucun", "hors", "horsqpv"].includes(n)) return "other";
  return null;
}

function readAgeBand(v: string): ParticipantInput["ageBand"] | null | undefined {
  const n = normaliseHeader(v);
  if (n === "") return undefined;
  if (/^\d{1,3}(ans)?$/.test(n)) {
    const age = Number.parseInt(n, 10);
    if (age < 15 || age > 110) return null;
    return bandOfAge(age);
  }
  if (["moinsde26", "moinsde26ans", "under26", "1625", "1825", "1625ans", "1825ans"].includes(n)) return "under_26";
  if (["2649", "2649ans"].includes(n)) return "26_49";
  if (["50etplus", "50ansetplus", "50", "50plus", "plusde50", "plusde50ans"].includes(n)) return "50_plus";
  return null;
}

function readYesNo(v: string): boolean | null {
  const n = normaliseHeader(v);
  if (["", "non", "no", "n", "0", "false", "faux"].includes(n)) return false;
  if (["oui", "yes", "o", "y", "1", "true", "vrai", "x"].includes(n)) return true;
  return null;
}
