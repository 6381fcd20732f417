/**
 * Guesses the field delimiter of a CSV file from its first lines.
 * @module
 */

/** The delimiters the CLI recognises. */
export type CsvDelimiter = "," | ";" | "\t";

const CANDIDATES: readonly CsvDelimiter[] = [";", "\t", ","];

/** Counts each candidate outside quotes, per record (quoted fields may span lines). */
function countPerRecord(text: string, maxRecords: number): Map<CsvDelimiter, number[]> {
  const counts = new Map<CsvDelimiter, number[]>(CANDIDATES.map((c) => [c, []]));
  let current: Record<string, number> = { ";": 0, "\t": 0, ",": 0 };
  let inQuotes = false;
  let recordHasContent = false;
  let records = 0;
  const flush = (): void => {
    if (recordHasContent) {
      for (const c of CANDIDATES) counts.get(c)?.push(current[c] ?? 0);
      records++;
    }
    current = { ";": 0, "\t": 0, ",": 0 };
    recordHasContent = false;
  };
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      if (inQuotes && text[i + 1] === '"') i++;
      else inQuotes = !inQuotes;
      recordHasContent = true;
    } else if (!inQuotes && (ch === "\n" || ch === "\r")) {
      flush();
    } else if (!inQuotes && (ch === ";" || ch === "\t" || ch === ",")) {
      current[ch] = (current[ch] ?? 0) + 1;
      recordHasContent = true;
    } else if (ch.trim() !== "") {
      recordHasContent = true;
    }
  }
  // The last record counts only if the sample ended it (otherwise it may be cut), unless it is the only one:
  // a header without a final newline, or a header longer than the sample, is still the best evidence there is.
  if (records === 0) flush();
  return counts;
}

/**
 * Detects the delimiter of a CSV text from its first records: the candidate (`;`, tab, `,`) that appears
 * in the header and the same number of times in the most records wins. That makes `;` files with comma
 * decimals (`1,4025;43,5712`) come out as `;`. A file with a single column gives `,`.
 *
 * @param sample - the start of the decoded file
 * @returns the delimiter
 * @example
 * ```ts
 * detectDelimiter("lon;lat\n1,40;43,57\n"); // => ";"
 * detectDelimiter("lon,lat\n1.40,43.57\n"); // => ","
 * ```
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const counts = countPerRecord(sample, 50);
  let best: CsvDelimiter = ",";
  let bestScore = -1;
  for (const c of CANDIDATES) {
    const perRecord = counts.get(c) ?? [];
    const header = perRecord[0] ?? 0;
    if (header === 0) continue;
    const consistent = perRecord.filter((k) => k === header).length / perRecord.length;
    // Consistency first, then the number of columns it yields.
    const score = consistent * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
