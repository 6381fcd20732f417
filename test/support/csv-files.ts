import { parse } from "csv-parse/sync";
import fc from "fast-check";

/**
 * Random CSV files as bytes, for the round-trip property of `declics eligibility`: any delimiter, UTF-8 (with
 * or without BOM) or Windows-1252 (its five undefined bytes included), cells with delimiters, quotes and line
 * breaks (quoted when needed, sometimes when not), CRLF / LF / CR mixed from record to record, empty rows and
 * ragged rows (fewer or more cells than the header).
 */

export interface CsvFile {
  readonly bytes: Buffer;
  readonly delimiter: string;
  readonly encoding: "utf-8" | "utf-8-bom" | "windows-1252";
  /** Records written, header included. */
  readonly records: number;
}

// Each unit: its UTF-8 bytes and its Windows-1252 bytes (null when Windows-1252 has no such character).
const UNITS: readonly (readonly [string, number[] | null])[] = [
  ["a", [0x61]],
  ["Z", [0x5a]],
  ["1", [0x31]],
  [" ", [0x20]],
  ["-", [0x2d]],
  ["=", [0x3d]],
  ["é", [0xe9]],
  ["Ï", [0xcf]],
  ["œ", [0x9c]],
  ["€", [0x80]],
  ["Ł", null],
  ["\u{1F600}", null],
  ['"', [0x22]],
  [",", [0x2c]],
  [";", [0x3b]],
  ["\t", [0x09]],
  ["\n", [0x0a]],
  ["\r", [0x0d]],
];
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

const unit = fc.oneof(fc.constantFrom(...UNITS.keys()), fc.constantFrom(...UNDEFINED_1252.map((b) => -b)));
const cell = fc.array(unit, { maxLength: 6 });
const ending = fc.constantFrom("\r\n", "\n", "\r");

/** The arbitrary of CSV files: header `nom, lon, lat, note` then up to 25 rows. */
export const csvFile: fc.Arbitrary<CsvFile> = fc
  .record({
    delimiter: fc.constantFrom(",", ";", "\t"),
    encoding: fc.constantFrom("utf-8" as const, "utf-8-bom" as const, "windows-1252" as const),
    rows: fc.array(fc.tuple(fc.array(fc.tuple(cell, fc.boolean()), { maxLength: 6 }), ending), { maxLength: 25 }),
    headerEnding: ending,
    finalEnding: fc.boolean(),
  })
  .map(({ delimiter, encoding, rows, headerEnding, finalEnding }) => {
    const bytesOf = (units: readonly number[]): number[] =>
      units.flatMap((k) => {
        if (k < 0) return encoding === "windows-1252" ? [-k] : [...Buffer.from("ÿ", "utf8")];
        const [text, cp1252] = UNITS[k] as readonly [string, number[] | null];
        return encoding === "windows-1252" ? (cp1252 ?? [0x3f]) : [...Buffer.from(text, "utf8")];
      });
    const field = ([units, forceQuotes]: readonly [number[], boolean]): number[] => {
      const raw = bytesOf(units);
      const special = raw.some((b) => b === 0x22 || b === 0x0a || b === 0x0d || b === delimiter.charCodeAt(0));
      if (!special && !forceQuotes) return raw;
      return [0x22, ...raw.flatMap((b) => (b === 0x22 ? [0x22, 0x22] : [b])), 0x22];
    };
    const parts: number[] = encoding === "utf-8-bom" ? [0xef, 0xbb, 0xbf] : [];
    parts.push(...Buffer.from(["nom", "lon", "lat", "note"].join(delimiter) + headerEnding, "latin1"));
    rows.forEach(([cells, chosen], i) => {
      const record = cells.flatMap((c, k) => [...(k > 0 ? [delimiter.charCodeAt(0)] : []), ...field(c)]);
      parts.push(...record);
      // CR then LF is one CRLF: after a CR ending, an empty record cannot end with a lone LF.
      const end = record.length === 0 && parts.at(-1) === 0x0d && chosen === "\n" ? "\r" : chosen;
      // The last record may end without a line ending, unless it is empty (then it would not exist).
      if (i < rows.length - 1 || finalEnding || record.length === 0) parts.push(...Buffer.from(end, "latin1"));
    });
    return { bytes: Buffer.from(parts), delimiter, encoding, records: rows.length + 1 };
  });

/** The records of CSV bytes, each cell as a latin1 string (its exact bytes); CRLF, LF and CR end records. */
export function cellBytes(bytes: Buffer, delimiter: string): string[][] {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return parse(body, {
    delimiter,
    encoding: "latin1",
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}
