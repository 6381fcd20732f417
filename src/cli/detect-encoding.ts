/**
 * Guesses the text encoding of a CSV file from its first bytes.
 * @module
 */

/** The encodings the CLI reads and writes. `utf-8-bom` is UTF-8 with a byte-order mark (as Excel writes it). */
export type CsvEncoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le";

/** Encoding names accepted by `--encoding`, mapped to the CLI's names. */
export const ENCODING_ALIASES: Readonly<Record<string, CsvEncoding>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-8-bom": "utf-8-bom",
  "utf8-bom": "utf-8-bom",
  "utf-8-sig": "utf-8-bom",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  win1252: "windows-1252",
  "latin-1": "windows-1252",
  latin1: "windows-1252",
  "iso-8859-1": "windows-1252",
  ansi: "windows-1252",
  "utf-16le": "utf-16le",
  "utf-16": "utf-16le",
  unicode: "utf-16le",
};

/**
 * Detects the encoding of a file from a sample of its first bytes: a UTF-8 or UTF-16 byte-order mark
 * wins; otherwise bytes that decode as strict UTF-8 are UTF-8, and anything else is Windows-1252 (what
 * Excel for Windows writes for "CSV (séparateur : point-virgule)"). A multi-byte character cut at the end
 * of the sample does not count against UTF-8.
 *
 * @param sample - the first bytes of the file (64 KiB is plenty)
 * @param wholeFile - true when the sample is the whole file (then a cut sequence at the end is not UTF-8)
 * @returns the encoding
 * @example
 * ```ts
 * detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // => "utf-8-bom"
 * detectEncoding(new Uint8Array([0x45, 0x9e, 0xe9])); // => "windows-1252"
 * ```
 */
export function detectEncoding(sample: Uint8Array, wholeFile = false): CsvEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8-bom";
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  return isUtf8(sample, wholeFile) ? "utf-8" : "windows-1252";
}

function isUtf8(bytes: Uint8Array, wholeFile: boolean): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let extra: number;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    // A sequence cut by the end of the sample is not evidence either way.
    if (i + extra >= n) return !wholeFile;
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}
