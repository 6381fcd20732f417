import { isDeclicsError } from "../errors.js";
import {
  carrierOf,
  carryText,
  isForeignCell,
  sameBytes,
  textOfCell,
  unencodableCharacter,
  type Carrier,
} from "./csv-codec.js";
import type { CsvEncoding } from "./detect-encoding.js";
import type { RowAnswer } from "./engine.js";
import type { OutputSink } from "./eligibility-output-target.js";
import { errorAnswer } from "./eligibility-answer-rows.js";
import { excelSafeCell } from "./excel-safe.js";
import { cliError } from "./exit-codes.js";
import { formatCsvRow } from "./format-csv-row.js";
import type { Lang } from "./messages.js";
import { REASON_SEPARATOR, RESULT_COLUMNS } from "./result-columns.js";

/**
 * Stage 4 of `declics eligibility`, *write rows*: every input row (its cells byte for byte unless another
 * output encoding or `--excel-safe` is asked for), then the result columns, encoded into pooled buffers and
 * handed to the sink (which commits atomically). It also keeps the counts of the summary.
 * @module
 */

/** How rows are written. */
export interface WriteOptions {
  readonly inputEncoding: CsvEncoding;
  readonly outputEncoding: CsvEncoding;
  readonly delimiter: string;
  readonly eol: string;
  readonly excelSafe: boolean;
  /** A UTF-8 file with rows in another encoding: flag those rows (reason `mixed_encoding`). */
  readonly mixed: boolean;
  readonly lang: Lang;
}

/** What the writer counted. */
export interface WriteCounts {
  readonly rows: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byReason: Readonly<Record<string, number>>;
  /** Rows (numbered as in a spreadsheet, the header being row 1) holding bytes of another encoding. */
  readonly foreignRows: number;
  readonly firstForeignRows: readonly number[];
}

/** Bytes of output encoded into one buffer before it is handed to the sink. */
const OUT_BYTES = 1 << 16;
/** Output buffers handed to the sink and not yet written (1 MiB): the writer waits for the disk beyond that. */
const IN_FLIGHT = 16;

/** The row writer of one run. */
export interface RowWriter {
  writeHeader(header: readonly string[], sepLine: boolean): Promise<void>;
  /**
   * Writes rows (cut to the header), the cells beyond the header of each (or null), their answers;
   * `firstRow` is the spreadsheet row number of rows[0] (the header is row 1).
   */
  writeRows(
    rows: readonly (readonly string[])[],
    extras: readonly (readonly string[] | null)[] | null,
    answers: readonly RowAnswer[],
    firstRow: number,
  ): Promise<void>;
  /** Waits until every byte is handed to the sink and written (then the sink may commit). */
  finish(): Promise<void>;
  counts(): WriteCounts;
}

/**
 * Creates the writer of one run.
 *
 * @param sink - where bytes go
 * @param options - encodings, delimiter, line ending, `--excel-safe`
 * @returns the writer
 * @example
 * ```ts
 * const options = { inputEncoding: "utf-8", outputEncoding: "utf-8", delimiter: ";", eol: "\r\n" } as const;
 * const writer = createRowWriter(sink, { ...options, excelSafe: false, mixed: false, lang: "en" });
 * await writer.writeHeader(["lon", "lat"], false);
 * ```
 */
export function createRowWriter(sink: OutputSink, options: WriteOptions): RowWriter {
  const carrier: Carrier = carrierOf(options.outputEncoding);
  const tally = createTally();
  const cells = createCellEncoder(options);
  const tails = createTails(options, cells.cellOut, tally);
  let foreignRows = 0;
  const firstForeignRows: number[] = [];
  const out = createBufferedOutput(sink, carrier, carrier === "latin1" ? 1 : 2);
  return {
    async writeHeader(header, sepLine) {
      cells.setHeader(header.map((c) => textOfCell(c, options.inputEncoding)));
      if (options.outputEncoding === "utf-8-bom") await out.put("\u00ef\u00bb\u00bf");
      if (options.outputEncoding === "utf-16le") await out.put("\ufeff");
      if (sepLine) await out.put(`sep=${options.delimiter}${options.eol}`);
      const results = RESULT_COLUMNS.map((c) => cells.cellOut(c, 1, c, false));
      await out.put(
        cells.text(header, 1, 0) + options.delimiter + formatCsvRow(results, options.delimiter) + options.eol,
      );
    },
    async writeRows(rows, extras, answers, firstRow) {
      for (let i = 0; i < rows.length; i++) {
        const fields = rows[i] as readonly string[];
        const beyond = extras?.[i] ?? null;
        const n = firstRow + i;
        const foreign = options.mixed && (fields.some(isForeignCell) || (beyond?.some(isForeignCell) ?? false));
        if (foreign && foreignRows++ < 10) firstForeignRows.push(n);
        // The row's cells, its answer, then the cells beyond the header's width (kept, never dropped); each
        // piece goes into the buffer on its own (no concatenated string to flatten).
        let pending = out.put(cells.text(fields, n, 0));
        if (pending !== undefined) await pending;
        pending = out.put(tails.tailOf(answers[i] as RowAnswer, n, foreign));
        if (pending !== undefined) await pending;
        if (beyond !== null) {
          pending = out.put(options.delimiter + cells.text(beyond, n, fields.length));
          if (pending !== undefined) await pending;
        }
        pending = out.put(options.eol);
        if (pending !== undefined) await pending;
      }
      tally.rows += rows.length;
    },
    finish: () => out.finish(),
    counts() {
      tails.flush();
      return {
        rows: tally.rows,
        byStatus: Object.fromEntries(tally.byStatus),
        byReason: Object.fromEntries(tally.byReason),
        foreignRows,
        firstForeignRows,
      };
    },
  };
}

type CellOut = (cell: string, row: number, column: string, carried: boolean) => string;

/**
 * How cells are written: byte for byte (`plain`), or decoded and re-encoded for another output encoding,
 * neutralised for `--excel-safe`, and refused when the output encoding cannot write them.
 */
function createCellEncoder(options: WriteOptions): {
  cellOut: CellOut;
  text(cells: readonly string[], row: number, offset: number): string;
  setHeader(header: readonly string[]): void;
} {
  const convert = !sameBytes(options.inputEncoding, options.outputEncoding);
  const plain = !convert && !options.excelSafe;
  let header: readonly string[] = [];
  const cellOut: CellOut = (cell, row, column, carried) => {
    let out = cell;
    if (convert || !carried) {
      const text = carried ? textOfCell(cell, options.inputEncoding) : cell;
      const bad = unencodableCharacter(text, options.outputEncoding);
      if (bad !== null) throw unencodable(options, row, column, bad);
      out = carryText(text, options.outputEncoding);
    }
    return options.excelSafe ? excelSafeCell(out) : out;
  };
  return {
    cellOut,
    text: (cells, row, offset) =>
      formatCsvRow(
        plain ? cells : cells.map((cell, k) => cellOut(cell, row, header[offset + k] ?? String(offset + k + 1), true)),
        options.delimiter,
      ),
    setHeader(text) {
      header = text;
    },
  };
}

/**
 * The result columns as written, cached by the identity of the answer's fields (the engine shares one frozen
 * array between rows with the same answer); each cached entry counts its rows for the summary.
 */
function createTails(
  options: WriteOptions,
  cellOut: CellOut,
  tally: Tally,
): { tailOf(answer: RowAnswer, row: number, foreign: boolean): string; flush(): void } {
  const tails = new Map<readonly string[], { readonly tail: string; rows: number }>();
  return {
    tailOf(answer, row, foreign) {
      let fields = Array.isArray(answer)
        ? (answer as readonly string[])
        : errorAnswer(isDeclicsError(answer) ? String(answer.code) : "engine_error");
      if (foreign) fields = withReason(fields, "mixed_encoding");
      const cached = tails.get(fields);
      if (cached !== undefined) {
        cached.rows++;
        return cached.tail;
      }
      const written = fields.map((f, k) => cellOut(f, row, RESULT_COLUMNS[k] ?? "", false));
      const tail = options.delimiter + formatCsvRow(written, options.delimiter);
      if (!Object.isFrozen(fields)) tally.add(fields, 1);
      else {
        if (tails.size > 100_000) flushTails(tails, tally);
        tails.set(fields, { tail, rows: 1 });
      }
      return tail;
    },
    flush: () => flushTails(tails, tally),
  };
}

function withReason(fields: readonly string[], reason: string): string[] {
  const copy = fields.slice();
  const last = RESULT_COLUMNS.length - 1;
  copy[last] = copy[last] === "" ? reason : `${copy[last]}${REASON_SEPARATOR}${reason}`;
  return copy;
}

function unencodable(options: WriteOptions, row: number, column: string, character: string): Error {
  return cliError("unencodable_output", { encoding: options.outputEncoding, row, column, character });
}

interface Tally {
  rows: number;
  readonly byStatus: Map<string, number>;
  readonly byReason: Map<string, number>;
  add(fields: readonly string[], n: number): void;
}

function createTally(): Tally {
  const byStatus = new Map<string, number>();
  const byReason = new Map<string, number>();
  return {
    rows: 0,
    byStatus,
    byReason,
    add(fields, n) {
      const status = fields[0] ?? "";
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
      const reasons = fields[RESULT_COLUMNS.length - 1] ?? "";
      if (reasons !== "")
        for (const code of reasons.split(REASON_SEPARATOR)) byReason.set(code, (byReason.get(code) ?? 0) + n);
    },
  };
}

/** Counts the rows of the shared answers (each counted once per row that used it) and empties the cache. */
function flushTails(tails: Map<readonly string[], { readonly tail: string; rows: number }>, tally: Tally): void {
  for (const [fields, entry] of tails) tally.add(fields, entry.rows);
  tails.clear();
}

/**
 * Pooled output buffers: text is encoded straight into a buffer (no rope of strings to flatten), and a full
 * buffer goes to the sink while the next one fills, so the disk works while rows are parsed and answered. At
 * most IN_FLIGHT buffers wait for the sink; beyond that, `put` returns a promise to wait on (backpressure).
 * A piece larger than a buffer is written on its own.
 */
function createBufferedOutput(
  sink: OutputSink,
  carrier: Carrier,
  unit: number,
): { put(text: string): Promise<void> | undefined; finish(): Promise<void> } {
  const free: Buffer[] = [];
  const pending: Promise<void>[] = [];
  let buffer: Buffer = Buffer.allocUnsafe(OUT_BYTES);
  let at = 0;
  const send = (bytes: Buffer, reuse: Buffer | null): void => {
    const written = sink.write(bytes).then(() => void (reuse !== null && free.push(reuse)));
    // Awaited in order below; marked as handled now so that a failed write never goes unhandled meanwhile.
    written.catch(() => undefined);
    pending.push(written);
  };
  const ship = (): void => {
    if (at === 0) return;
    send(buffer.subarray(0, at), buffer);
    buffer = free.pop() ?? Buffer.allocUnsafe(OUT_BYTES);
    at = 0;
  };
  const settle = async (limit: number): Promise<void> => {
    while (pending.length > limit) await pending.shift();
  };
  return {
    /** Synchronous (no promise) unless IN_FLIGHT buffers are already waiting for the sink. */
    put(text) {
      const bytes = text.length * unit;
      if (at + bytes > OUT_BYTES) {
        ship();
        if (bytes > OUT_BYTES) send(Buffer.from(text, carrier), null);
      }
      if (bytes <= OUT_BYTES) at += buffer.write(text, at, carrier);
      return pending.length > IN_FLIGHT ? settle(IN_FLIGHT) : undefined;
    },
    async finish() {
      ship();
      await settle(0);
    },
  };
}
