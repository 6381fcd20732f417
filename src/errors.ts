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

/** One problem found while validating an input against its schema. */
export interface InputIssue {
  /** Dotted path to the faulty field, `""` for the value itself (e.g. `"participants.3.gender"`). */
  readonly path: string;
  /** What was expected there, in words (e.g. `"number"`, `"one of eligible, not_eligible"`). */
  readonly expected: string;
  /** What arrived, summarised (e.g. `"string \"abc\""`, `"undefined"`). */
  readonly received: string;
  /** The validator's own message. */
  readonly message: string;
}

/**
 * The typed details of each error code. Codes are snake_case; add a code here (grouped by module)
 * when a module needs a new kind of failure.
 */
export interface DeclicsErrorDetails {
  // --- any module
  /** An input failed its zod schema. */
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
  invalid_option: { readonly option: string; readonly expected: string; readonly received: string };

  // --- territory
  /** Coordinates are not finite numbers or are outside their valid range. */
  invalid_coordinates: { readonly expected: string; readonly received: string };
  /** The coordinates look like [lat, lon] instead of [lon, lat]. */
  swapped_coordinates: { readonly lon: number; readonly lat: number };
  /** A point lies outside France (mainland, Corsica and the overseas territories covered). */
  outside_france: { readonly lon: number; readonly lat: number };
  /** A commune code or postcode is not well formed. */
  malformed_code: {
    readonly kind: "codeInsee" | "postcode" | "qpv";
    readonly received: string;
    readonly expected: string;
  };
  /** A well-formed commune code or postcode that no reference knows. */
  unknown_code: { readonly kind: "codeInsee" | "postcode"; readonly received: string };
  /** An address was given but no geocoder, or the geocoder failed. */
  geocoder_unavailable: { readonly address: string; readonly reason: string };
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
  };
  /** A dataset or artefact does not match its manifest (checksum, count, version, format). */
  data_integrity: { readonly dataset: string; readonly expected: string; readonly received: string };

  // --- curriculum
  /** A parcours template is inconsistent (unknown prerequisite, cycle, impossible capacity). */
  invalid_template: { readonly reason: string; readonly activityId?: string };
  /** A plan handed back for re-planning is inconsistent with itself or its cohort (what, and where). */
  invalid_plan: { readonly reason: string; readonly sessionId?: string };

  // --- assessment
  /** An item bank is inconsistent (duplicate ids, unknown competence, impossible parameters). */
  invalid_item_bank: { readonly problems: readonly string[] };
  /** An adaptive session was driven out of order (answer without a pending item, next after the end). */
  invalid_session_state: { readonly expected: string; readonly received: string };

  // --- diversity
  /** Records or tables do not fit together (unknown dimension, mismatched margins). */
  invalid_table: { readonly reason: string };

  // --- cli
  /** The command line was used wrongly. */
  usage: { readonly reason: string };
  /** An input file cannot be read or decoded. */
  unreadable_input: { readonly file: string; readonly reason: string };
  /** An output file (or standard output) cannot be created, written or completed. */
  output_unavailable: { readonly file: string; readonly reason: string };
  /** A cell cannot be written in the output encoding that was asked for (e.g. "Ł" in Windows-1252). */
  unencodable_output: {
    readonly encoding: string;
    readonly row: number;
    readonly column: string;
    readonly character: string;
  };

  // --- data, fetched over the network (createTerritoryDataSource)
  /** A data file could not be fetched: offline, network failure, or an HTTP error status. */
  data_unreachable: { readonly url: string; readonly reason: string; readonly status?: number };
  /** A fetched data file is not data: a wrong content type, or an HTML page (a host's fallback or error page). */
  data_content_type: { readonly url: string; readonly expected: string; readonly received: string };
  /** A fetched data file is shorter than its manifest says (interrupted download, proxy limit). */
  data_truncated: { readonly url: string; readonly expected: string; readonly received: string };
  /** A synchronous answer needs data that was not fetched yet: call `prepare` first. */
  data_not_prepared: { readonly what: string; readonly expected: string };
}

/** Every error code, as a union of snake_case strings. */
export type DeclicsErrorCode = keyof DeclicsErrorDetails;

/** What it takes to build a {@link DeclicsError}. */
export interface DeclicsErrorInit<C extends DeclicsErrorCode> {
  readonly code: C;
  readonly module: DeclicsModule;
  readonly message: string;
  readonly details: DeclicsErrorDetails[C];
  readonly cause?: unknown;
}

/**
 * The error every declics function throws for bad input or bad data.
 *
 * @example
 * ```ts
 * import { DeclicsError } from "declics";
 *
 * try {
 *   // ...
 * } catch (error) {
 *   if (error instanceof DeclicsError && error.code === "invalid_input") {
 *     console.log(error.details.issues[0]?.path);
 *   }
 * }
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
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
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
 * isDeclicsError(new DeclicsError({ code: "usage", module: "cli", message: "x", details: { reason: "x" } }), "usage");
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
