import { textOfCell } from "./csv-codec.js";
import {
  detectColumns,
  type ColumnMap,
  type ColumnOverrides,
  type ColumnRole,
  type RejectedColumn,
} from "./detect-columns.js";
import type { CsvEncoding } from "./detect-encoding.js";
import { cliError } from "./exit-codes.js";
import { t, type Lang } from "./messages.js";
import { RESULT_COLUMNS } from "./result-columns.js";

/**
 * The columns of a run: which input columns hold the location (detected from names AND values, or named on
 * the command line), the result columns of a previous run to replace, and how each row is cut to the header.
 * @module
 */

/** The layout of the input, fixed for a run. */
export interface Layout {
  /** The header as carried, without a previous run's result columns. */
  readonly header: readonly string[];
  /** The header's text (decoded), same length as `header`. */
  readonly headerText: readonly string[];
  /** Cells per row in the input (the header's width). */
  readonly width: number;
  /** A previous run's result columns found in the input: where they start (they are replaced). */
  readonly previousResults: number | null;
  readonly columns: ColumnMap;
  readonly rejected: readonly RejectedColumn[];
}

/** Where a previous run's nine result columns are in a header, or null. */
export function findPreviousResults(header: readonly string[]): number | null {
  for (let start = header.length - RESULT_COLUMNS.length; start >= 0; start--) {
    if (RESULT_COLUMNS.every((name, k) => (header[start + k] ?? "").trim() === name)) return start;
  }
  return null;
}

/**
 * Cuts a row to the header's width, in place: pads a short row with empty cells, takes the cells beyond the
 * header off (returned, to be kept after the result columns) and removes a previous run's result cells. No
 * allocation for a row of the header's width.
 *
 * @param fields - the record's cells (changed in place)
 * @param layout - the run's width and previous result columns
 * @returns the cells beyond the header's width, or null
 * @example
 * ```ts
 * const row = ["a", "1", "2", "x"];
 * shapeRow(row, { width: 3, previousResults: null }); // => ["x"] (row is now ["a", "1", "2"])
 * ```
 */
export function shapeRow(fields: string[], layout: Pick<Layout, "width" | "previousResults">): string[] | null {
  const width = layout.width;
  let extras: string[] | null = null;
  if (fields.length > width) {
    extras = fields.slice(width);
    fields.length = width;
  } else while (fields.length < width) fields.push("");
  if (layout.previousResults !== null) fields.splice(layout.previousResults, RESULT_COLUMNS.length);
  return extras;
}

/** Whether cells beyond the header hold data (then the row is `too_many_columns`). */
export function holdsData(extras: readonly string[] | null): boolean {
  if (extras !== null) for (const cell of extras) if (cell.trim() !== "") return true;
  return false;
}

/**
 * Plans the layout from the header and the first rows.
 *
 * @param header - the header as carried
 * @param sample - the first records as carried (the evidence for column detection)
 * @param encoding - the input's encoding
 * @param overrides - columns named on the command line
 * @returns the layout
 * @throws {DeclicsError} `usage` for a named column that is not in the header, `unreadable_input` when no
 *   column holds a location
 * @example
 * ```ts
 * planLayout(["nom", "lon", "lat"], [["A", "1.4", "43.6"]], "utf-8", {}, "in.csv").columns.lon; // => 1
 * ```
 */
export function planLayout(
  header: readonly string[],
  sample: readonly string[][],
  encoding: CsvEncoding,
  overrides: ColumnOverrides,
  file: string,
): Layout {
  const allText = header.map((cell) => textOfCell(cell, encoding));
  const previousResults = findPreviousResults(allText);
  const kept =
    previousResults === null
      ? header
      : header.filter((_, k) => k < previousResults || k >= previousResults + RESULT_COLUMNS.length);
  const headerText =
    previousResults === null
      ? allText
      : allText.filter((_, k) => k < previousResults || k >= previousResults + RESULT_COLUMNS.length);
  const shape = { width: header.length, previousResults };
  const evidence = sample.map((record) => {
    const cells = record.slice();
    shapeRow(cells, shape);
    return cells.map((cell) => textOfCell(cell, encoding));
  });
  const detected = detectColumns(headerText, overrides, evidence);
  const shown = headerText.map((h) => `"${h}"`).join(", ");
  if (!detected.ok && detected.problem === "unknown_column") {
    const flag =
      detected.role === "date" ? "date-column" : `${detected.role === "codeInsee" ? "insee" : detected.role}-column`;
    throw cliError("usage", {
      reason: "unknown_column",
      values: { name: detected.name, flag: `--${flag}`, header: shown },
    });
  }
  if (!detected.ok) {
    const rejected = detected.rejected.map((r) => `"${headerText[r.index] ?? ""}" (${FLAG[r.role]})`).join(", ");
    throw cliError("unreadable_input", {
      file,
      reason: "no_location_column",
      values: { header: shown, ...(rejected === "" ? {} : { rejected }) },
    });
  }
  return {
    header: kept,
    headerText,
    width: header.length,
    previousResults,
    columns: detected.columns,
    rejected: detected.rejected,
  };
}

const FLAG: Record<ColumnRole, string> = {
  lon: "--lon-column",
  lat: "--lat-column",
  x: "--x-column",
  y: "--y-column",
  codeInsee: "--insee-column",
  postcode: "--postcode-column",
  address: "--address-column",
  date: "--date-column",
};

/** One sentence per column whose name matched but whose values did not. */
export function describeRejected(
  rejected: readonly RejectedColumn[],
  headerText: readonly string[],
  lang: Lang,
): string[] {
  return rejected.map((r) =>
    t(lang, "eligibility.rejectedColumn", {
      name: headerText[r.index] ?? "",
      role: t(lang, `role.${r.role}`),
      matching: r.matching,
      values: r.values,
      flag: FLAG[r.role],
    }),
  );
}
