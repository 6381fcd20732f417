/**
 * The one error type of declics.
 *
 * Domain outcomes ("not eligible", "uncertain", "suppressed cell") are results, never errors. A
 * `DeclicsError` means the caller gave something the library cannot work with, or the bundled data is
 * missing or corrupt. Its `code` is for programs, its `message` says what was expected and what arrived,
 * its `details` are typed by code.
 *
 * @module
 */

/** Where an error was raised. */
export type DeclicsModule = "core" | "territory" | "curriculum" | "assessment" | "diversity" | "data" | "cli";

/** The languages error messages are written in. */
export type ErrorLanguage = "fr" | "en";

/**
 * A short text given in both languages, for the rare detail that no code can name (a rule of one option,
 * a corrupt field of a compiled artefact). Details never hold text in one language only.
 */
export interface LocalisedText {
  readonly en: string;
  readonly fr: string;
}

/**
 * What was expected, as data: each `kind` is rendered in French or English by the message table
 * (see `docs/errors.md`). `type` names a JavaScript/zod type (`"string"`, `"number"`, `"array"`…);
 * `rule` is the fallback for a one-off expectation, written in both languages.
 */
export type Expectation =
  | { readonly kind: "type"; readonly type: string }
  | { readonly kind: "one_of"; readonly values: readonly (string | number | boolean | null)[] }
  | {
      readonly kind: "range";
      /** What is bounded: a number, a string's length, an array's size, a date… */
      readonly origin: string;
      readonly min?: number | string;
      readonly max?: number | string;
      /** Whether the bounds themselves are allowed (default true). */
      readonly inclusive?: boolean;
    }
  | { readonly kind: "pattern"; readonly pattern: string }
  | { readonly kind: "format"; readonly format: string }
  | { readonly kind: "no_extra_keys"; readonly keys: readonly string[] }
  | { readonly kind: "shape" }
  /**
   * A refinement of a schema that gives no expectation as data: `note` is the schema's own text (English),
   * shown in English messages only. Every refinement of declics gives one in both languages
   * (`params: { expected: { kind: "rule", rule: { en, fr } } }`): this kind is left for details read back
   * from JSON and written by an older version.
   */
  | { readonly kind: "custom"; readonly note?: string }
  | { readonly kind: "calendar_day" }
  | { readonly kind: "insee_code" }
  | { readonly kind: "postcode" }
  | { readonly kind: "qpv_code" }
  | { readonly kind: "wgs84_point" }
  | {
      readonly kind: "lambert93_point";
      readonly minX: number;
      readonly maxX: number;
      readonly minY: number;
      readonly maxY: number;
    }
  | { readonly kind: "bytes" }
  /** An eligibility subject of one accepted shape, named as in code (`"{ lon, lat }"`, `"GeoJSON Point"`). */
  | { readonly kind: "subject_shape"; readonly shape: string }
  | { readonly kind: "byte_count"; readonly bytes: number }
  | { readonly kind: "sha256"; readonly sha256: string }
  | { readonly kind: "json" }
  | { readonly kind: "gzip" }
  | { readonly kind: "known_id"; readonly of: KnownIdKind; readonly values?: readonly string[] }
  | { readonly kind: "rule"; readonly rule: LocalisedText };

/** The collections an id can be looked up in, for `{ kind: "known_id" }` expectations. */
export type KnownIdKind =
  | "bank_item"
  | "form_item"
  | "competence"
  | "participant"
  | "speaker"
  | "room"
  | "category"
  | "dimension"
  | "academie"
  | "zone"
  | "artefact"
  | "resource"
  | "session";

/** One problem found while validating an input against its schema. */
export interface InputIssue {
  /** Dotted path to the faulty field, `""` for the value itself (e.g. `"participants.3.gender"`). */
  readonly path: string;
  /** What was expected there, as data (rendered in the caller's language by `formatDeclicsError`). */
  readonly expected: Expectation;
  /** What arrived, in neutral notation: a JSON literal, `undefined`, `Array(3)`, `{ a, b }`, `Date(…)`. */
  readonly received: string;
}

/** Why a template, plan, table, session or file was refused, as data: a snake_case reason and its values. */
export interface Problem<R extends string = string> {
  readonly reason: R;
  /** The ids, numbers and names the reason speaks of (language-neutral values only). */
  readonly values?: Readonly<Record<string, string | number>>;
}

/**
 * The typed details of each error code. Codes are snake_case; add a code here (grouped by module)
 * when a module needs a new kind of failure. Details hold data, never sentences in one language: the
 * message table (`formatDeclicsError`) renders them in French or English.
 */
export interface DeclicsErrorDetails {
  // --- any module
  /** An input failed its zod schema. `what` names the input (e.g. `"participant_record"`). */
  invalid_input: {
    readonly what: string;
    readonly issues: readonly InputIssue[];
    /** For a value that may take one of several shapes (an eligibility subject): the accepted shapes. */
    readonly accepted?: readonly string[];
    /** The accepted shape the value came nearest to; `issues` then name its fields that failed. */
    readonly nearest?: string;
    /** A coded hint for a usual mistake, e.g. `"use_lon_not_lng"` (territory: see SubjectShapeHint). */
    readonly hint?: string;
  };
  /** An option or argument combination cannot be honoured. */
  invalid_option: { readonly option: string; readonly expected: Expectation; readonly received: string };

  // --- territory
  /** Coordinates are not finite numbers or are outside their valid range. */
  invalid_coordinates: { readonly expected: Expectation; readonly received: string };
  /**
   * The coordinates look swapped: `[lat, lon]` instead of `[lon, lat]` (`system: "wgs84"`), Lambert-93
   * `x`/`y` swapped (`"lambert93"`), or WGS84 degrees given as Lambert-93 metres (`"wgs84_as_lambert93"`).
   * `lon`/`lat` are the values as given.
   */
  swapped_coordinates: {
    readonly lon: number;
    readonly lat: number;
    readonly system?: "wgs84" | "lambert93" | "wgs84_as_lambert93";
  };
  /** A point lies outside France (mainland, Corsica and the overseas territories covered). */
  outside_france: { readonly lon: number; readonly lat: number };
  /** A commune code or postcode is not well formed. */
  malformed_code: {
    readonly kind: "codeInsee" | "postcode" | "qpv";
    readonly received: string;
    readonly expected: Expectation;
  };
  /** A well-formed commune code or postcode that no reference knows. */
  unknown_code: { readonly kind: "codeInsee" | "postcode"; readonly received: string };
  /**
   * An address was given but no geocoder (`no_geocoder`), a synchronous call cannot geocode
   * (`sync_call`), the geocoder failed (`failed`, `status` for an HTTP status, `cause` for the error's
   * name or system code) or answered something that is not a hit (`invalid_answer`).
   */
  geocoder_unavailable: {
    readonly address: string;
    readonly reason: "no_geocoder" | "sync_call" | "failed" | "invalid_answer";
    readonly status?: number;
    readonly cause?: string;
    /** For `invalid_answer`: what the answer should have been (default: a GeocodeHit or null), and what it was. */
    readonly expected?: Expectation;
    readonly received?: string;
  };
  /** A date the data cannot speak for (before its oldest list, or past the supported range). */
  date_out_of_range: {
    readonly field: string;
    readonly received: string;
    readonly from: string;
    readonly to: string;
    readonly timeZone: string | null;
  };

  // --- data
  /** A dataset or compiled artefact is missing. */
  data_missing: {
    readonly dataset: string;
    readonly location: string;
    /**
     * Node loaders: where the data was looked for, which decides the advice: `"checkout"` (run `npm run
     * build:data`), `"installed_package"` (reinstall declics), `"bundled"` (a bundle without the package's data
     * folder: pass `{ dir }`), `"custom_dir"` (the `dir` given holds no compiled data).
     */
    readonly situation?: "checkout" | "installed_package" | "bundled" | "custom_dir";
    /** Where no situation applies (artefacts given as bytes, web data, build sources): what fixes it. */
    readonly remedy?: "build_data" | "reinstall" | "pass_bytes" | "copy_web_data" | "sources_dir";
  };
  /** A dataset or artefact does not match its manifest (checksum, count, version, format). */
  data_integrity: {
    readonly dataset: string;
    /** Where in the artefact, for a schema mismatch (dotted path). */
    readonly path?: string;
    readonly expected: Expectation;
    readonly received: string;
  };

  // --- curriculum
  /** A parcours template is inconsistent (unknown prerequisite, cycle, impossible capacity). */
  invalid_template: Problem<TemplateReason> & { readonly activityId?: string };
  /** A plan handed back for re-planning is inconsistent with itself or its cohort (what, and where). */
  invalid_plan: Problem<PlanReason> & { readonly sessionId?: string };

  // --- assessment
  /** An item bank is inconsistent (duplicate ids, unknown competence, impossible parameters). */
  invalid_item_bank: { readonly problems: readonly Problem<ItemBankReason>[] };
  /** An adaptive session was driven out of order (answer without a pending item, next after the end). */
  invalid_session_state: { readonly expected: Expectation; readonly received: string };

  // --- diversity
  /** Records or tables do not fit together (unknown dimension, mismatched margins). */
  invalid_table: Problem<TableReason>;

  // --- cli
  /** The command line was used wrongly. */
  usage: Problem;
  /** An input file cannot be read or decoded. `reason` is a snake_case cause or a system code (ENOENT). */
  unreadable_input: { readonly file: string } & Problem;
  /** An output file (or standard output) cannot be created, written or completed. */
  output_unavailable: { readonly file: string } & Problem;
  /** A cell cannot be written in the output encoding that was asked for (e.g. "Ł" in Windows-1252). */
  unencodable_output: {
    readonly encoding: string;
    readonly row: number;
    readonly column: string;
    readonly character: string;
  };

  // --- data, fetched over the network (createTerritoryDataSource)
  /** A data file could not be fetched: offline (`network`), or an HTTP error status (`http_status`). */
  data_unreachable: {
    readonly url: string;
    readonly reason: "network" | "http_status";
    readonly status?: number;
    readonly cause?: string;
  };
  /** A fetched data file is not data: a wrong content type, or an HTML page (a host's fallback or error page). */
  data_content_type: {
    readonly url: string;
    /** The accepted MIME types, `" | "`-separated. */
    readonly expected: string;
    /** The MIME type received (`text/html` for an HTML page, whatever its declared type). */
    readonly received: string;
    /** Which data file was asked for. */
    readonly file?: string;
  };
  /** A fetched data file is shorter than its manifest says (interrupted download, proxy limit). */
  data_truncated: {
    readonly url: string;
    /** Bytes expected, `null` when unknown (a JSON document cut short). */
    readonly expected: number | null;
    /** Bytes received, `null` when the download broke off. */
    readonly received: number | null;
    readonly cause?: string;
  };
  /** A synchronous answer needs data that was not fetched yet: call `prepare` first. */
  data_not_prepared: { readonly what: string };
}

/** Why a parcours template was refused (`invalid_template`). */
export type TemplateReason =
  | "duplicate_activity"
  | "duplicate_phase"
  | "phase_after_end"
  | "unknown_phase"
  | "unknown_prerequisite"
  | "prerequisite_too_late"
  | "prerequisite_cycle"
  | "activity_too_long";

/** Why a plan handed back for re-planning was refused (`invalid_plan`). */
export type PlanReason =
  | "duplicate_session"
  | "unknown_activity"
  | "wrong_phase"
  | "wrong_duration"
  | "unknown_participant"
  | "video_not_participant"
  | "unknown_resource"
  | "wrong_resource_kind"
  | "no_room"
  | "participant_twice"
  | "assignment_mismatch"
  | "assignment_count"
  | "double_booking";

/** Why an item bank was refused (`invalid_item_bank`). */
export type ItemBankReason =
  | "empty_bank"
  | "duplicate_item"
  | "unknown_competence"
  | "bad_discrimination"
  | "bad_difficulty"
  | "bad_guessing"
  | "duplicate_option"
  | "key_not_option"
  | "key_repeats"
  | "ordering_incomplete"
  | "key_selects_all"
  | "numeric_not_finite"
  | "blank_accepted";

/** Why records or tables do not fit together (`invalid_table`). */
export type TableReason =
  | "duplicate_label"
  | "mismatched_margins"
  | "no_witness_cycle"
  | "missing_count"
  | "too_many_groups"
  | "unknown_dimension"
  | "same_dimension_twice"
  | "same_crossing_twice"
  | "repeated_label"
  | "lookup_out_of_range";

/** Every error code, as a union of snake_case strings. */
export type DeclicsErrorCode = keyof DeclicsErrorDetails;

/** What it takes to build a {@link DeclicsError}: no message, the table writes it from the details. */
export interface DeclicsErrorInit<C extends DeclicsErrorCode> {
  readonly code: C;
  readonly module: DeclicsModule;
  readonly details: DeclicsErrorDetails[C];
  readonly cause?: unknown;
}

/**
 * The error every declics function throws for bad input or bad data.
 *
 * @example
 * ```ts
 * import { DeclicsError, formatDeclicsError } from "declics";
 *
 * // A test double, built by hand: its message is its code and details until formatDeclicsError writes it.
 * const error = new DeclicsError({ code: "unknown_code", module: "territory", details: { kind: "postcode", received: "99999" } });
 * error.details.received;
 * // => "99999"
 * formatDeclicsError(error);
 * // => 'Unknown postcode: expected a code of the commune reference (COG 2026, former codes and arrondissements included), received "99999".'
 * ```
 * @category Errors
 */
export class DeclicsError<C extends DeclicsErrorCode = DeclicsErrorCode> extends Error {
  /** Machine-readable code (snake_case). */
  readonly code: C;
  /** The module that raised it. */
  readonly module: DeclicsModule;
  /** Structured details, typed by `code`. */
  readonly details: DeclicsErrorDetails[C];

  constructor(init: DeclicsErrorInit<C>) {
    // The errors declics raises carry their English message, written by the module's part of the message table
    // (src/_lib/messages); one built by hand (a test double) says its code and details until formatDeclicsError
    // writes it: the table is not imported here, so that a bundle carries only the words of its own errors.
    super(fallbackMessage(init.code, init.details), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "DeclicsError";
    this.code = init.code;
    this.module = init.module;
    this.details = init.details;
  }

  /** A plain-object form, for logs and JSON output. */
  toJSON(): { name: string; code: C; module: DeclicsModule; message: string; details: DeclicsErrorDetails[C] } {
    return { name: this.name, code: this.code, module: this.module, message: this.message, details: this.details };
  }
}

/**
 * Whether a value is a {@link DeclicsError}, optionally of one code. Works across bundle copies
 * (ESM and CJS builds of the same package), where `instanceof` may not.
 *
 * @param value - anything caught
 * @param code - the code to match, if any
 * @returns true when `value` is a DeclicsError (with that code)
 * @example
 * ```ts
 * import { DeclicsError, isDeclicsError } from "declics";
 *
 * isDeclicsError(new DeclicsError({ code: "usage", module: "cli", details: { reason: "no_subject" } }), "usage");
 * // => true
 * ```
 * @category Errors
 */
export function isDeclicsError<C extends DeclicsErrorCode>(value: unknown, code?: C): value is DeclicsError<C> {
  if (value instanceof DeclicsError) return code === undefined || value.code === code;
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  return (
    candidate.name === "DeclicsError" &&
    typeof candidate.code === "string" &&
    (code === undefined || candidate.code === code)
  );
}

/** `code: {details as JSON}`, at most 300 characters: the message of a DeclicsError built by hand. */
function fallbackMessage(code: unknown, details: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(details) ?? String(details);
  } catch {
    json = "{…}";
  }
  // JSON escapes C0 controls; escape the other characters that could forge a log line or reorder a terminal's text.
  const text = `${String(code)}: ${json}`.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
