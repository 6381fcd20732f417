import { isUtf8 } from "node:buffer";
import type { CsvEncoding } from "./detect-encoding.js";

/**
 * How the eligibility command keeps every input cell byte for byte.
 *
 * Cells travel through the command as *carrier strings*, not as decoded text: for UTF-8 and Windows-1252 files
 * each byte becomes one character of the same code (Node's `latin1`), so the bytes written back are exactly
 * the bytes read, whatever they are (stray bytes, the five bytes Windows-1252 leaves undefined, invalid
 * UTF-8). The CSV syntax (delimiters, quotes, line breaks) is ASCII, and no byte of a UTF-8 multi-byte
 * character is ASCII, so parsing the carrier finds the same records as parsing the text. UTF-16LE files are
 * carried as their own code units (lossless too). Text is decoded only where the command must read it: the
 * header, commune codes, addresses sent to the geocoder, and when another output encoding is asked for.
 * @module
 */

/** The Node encoding used to carry cells of a file: one character per byte, or per UTF-16 code unit. */
export type Carrier = "latin1" | "utf16le";

/** The carrier of an encoding. */
export function carrierOf(encoding: CsvEncoding): Carrier {
  return encoding === "utf-16le" ? "utf16le" : "latin1";
}

/** Whether two encodings write the same bytes for the same text (a BOM apart). */
export function sameBytes(a: CsvEncoding, b: CsvEncoding): boolean {
  const family = (e: CsvEncoding): string => (e === "utf-8-bom" ? "utf-8" : e);
  return family(a) === family(b);
}

// Windows-1252 bytes 0x80-0x9F. The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// map to the C1 control of the same code, as the WHATWG Encoding Standard does, so they round-trip.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const CP1252_ENCODE = new Map<number, number>();
for (let b = 0; b < 256; b++) {
  const code = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
  CP1252_ENCODE.set(code, b);
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Decodes Windows-1252 bytes carried as a `latin1` string.
 *
 * @param carried - one character per byte
 * @returns the text
 * @example
 * ```ts
 * decodeWindows1252("C\u009cur"); // => "Cœur"
 * ```
 */
export function decodeWindows1252(carried: string): string {
  let text = "";
  for (let i = 0; i < carried.length; i++) {
    const b = carried.charCodeAt(i);
    text += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : carried[i];
  }
  return text;
}

/**
 * The text of a carried cell. A UTF-8 cell that is not valid UTF-8 (a stray Windows-1252 byte in a UTF-8
 * file) is read as Windows-1252; {@link isForeignCell} tells such cells apart.
 *
 * @param cell - the cell as carried
 * @param encoding - the file's encoding
 * @returns the text
 * @example
 * ```ts
 * textOfCell("LO\u00c3\u008fC", "utf-8"); // => "LOÏC"
 * ```
 */
export function textOfCell(cell: string, encoding: CsvEncoding): string {
  if (encoding === "utf-16le" || !NON_ASCII.test(cell)) return cell;
  if (encoding === "windows-1252") return decodeWindows1252(cell);
  const bytes = Buffer.from(cell, "latin1");
  return isUtf8(bytes) ? bytes.toString("utf8") : decodeWindows1252(cell);
}

/**
 * Whether a carried cell of a UTF-8 file holds bytes that are not valid UTF-8.
 *
 * @param cell - the cell as carried
 * @returns true for a cell in another encoding
 * @example
 * ```ts
 * isForeignCell("LO\u00cfC"); // => true
 * ```
 */
export function isForeignCell(cell: string): boolean {
  return NON_ASCII.test(cell) && !isUtf8(Buffer.from(cell, "latin1"));
}

/** The first character of `text` that `encoding` cannot write, or null. */
export function unencodableCharacter(text: string, encoding: CsvEncoding): string | null {
  if (encoding === "windows-1252") {
    for (const ch of text) if (!CP1252_ENCODE.has(ch.codePointAt(0) as number) || ch.length > 1) return ch;
    return null;
  }
  // A lone surrogate (possible in a UTF-16 file) has no UTF-8 form.
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  return lone === null ? null : lone[0];
}

/**
 * Carries text for writing in an encoding (its bytes as a `latin1` string, or the text itself for UTF-16LE).
 * The text must be encodable ({@link unencodableCharacter}).
 *
 * @param text - the text
 * @param encoding - the output encoding
 * @returns the carried form
 * @example
 * ```ts
 * carryText("é", "utf-8"); // => "\u00c3\u00a9"
 * ```
 */
export function carryText(text: string, encoding: CsvEncoding): string {
  if (encoding === "utf-16le" || !NON_ASCII.test(text)) return text;
  if (encoding !== "windows-1252") return Buffer.from(text, "utf8").toString("latin1");
  let carried = "";
  for (let i = 0; i < text.length; i++) carried += String.fromCharCode(CP1252_ENCODE.get(text.charCodeAt(i)) ?? 0x3f);
  return carried;
}
