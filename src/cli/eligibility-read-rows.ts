import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { isAscii, isUtf8 } from "node:buffer";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { carrierOf, decodeWindows1252 } from "./csv-codec.js";
import { detectDelimiter, type CsvDelimiter } from "./detect-delimiter.js";
import { detectEncoding, type CsvEncoding } from "./detect-encoding.js";
import { cliError, problemOf } from "./exit-codes.js";
import type { Problem } from "../errors.js";

/**
 * Stage 1 of `declics eligibility`, *read rows*: inspect the input (encoding, delimiter, line ending, Excel's
 * `sep=` line), then stream its records as carrier strings (see csv-codec.ts) in batches.
 * @module
 */

/** What the read stage learnt about the input before streaming it. */
export interface InputPlan {
  readonly path: string;
  readonly size: number;
  /** Device and inode of the input, to refuse writing over it. */
  readonly dev: number;
  readonly ino: number;
  readonly encoding: CsvEncoding;
  /** A UTF-8 file that also holds bytes that are not UTF-8 (rows from another encoding). */
  readonly mixed: boolean;
  readonly delimiter: CsvDelimiter;
  /** The line ending of the first line, used for the output. */
  readonly eol: string;
  /** The file starts with Excel's `sep=X` line (kept in the output). */
  readonly sepLine: boolean;
  /** Byte where the records start (after a byte-order mark and a `sep=` line). */
  readonly start: number;
}

const SAMPLE_BYTES = 64 * 1024;
/** Bytes per read of the encoding scan. */
const SCAN_CHUNK = 1 << 20;
/** Bytes per read: bounds how far csv-parse runs ahead of the writer (memory stays flat; see bench/cli). */
const READ_CHUNK = 1 << 16;
/** Outside quotes, CRLF, LF and CR each end a record, whatever the first line used. */
export const RECORD_DELIMITERS = ["\r\n", "\n", "\r"];

function unreadable(file: string, problem: Problem, cause?: unknown): Error {
  return cliError("unreadable_input", { file, ...problem }, cause);
}

/**
 * Reads the start of the input and decides how to read it: encoding (forced, byte-order mark, or a scan of
 * the whole file), delimiter (forced, Excel's `sep=` line, or detected), line ending.
 *
 * @param path - the input file
 * @param forced - `--encoding` and `--delimiter`, when given
 * @returns the plan
 * @throws {DeclicsError} `unreadable_input` when the file is missing, a directory, unreadable or empty
 * @example
 * ```ts
 * const plan = await inspectInput("people.csv", {});
 * plan.delimiter; // => ";"
 * ```
 */
export async function inspectInput(
  path: string,
  forced: { encoding?: CsvEncoding; delimiter?: CsvDelimiter },
): Promise<InputPlan> {
  const { sample, size, dev, ino } = await readSample(path);
  if (sample.length === 0) throw unreadable(path, { reason: "empty_file" });
  const bom = detectEncoding(sample.subarray(0, 3));
  const hasBom = bom === "utf-8-bom" || bom === "utf-16le";
  let encoding: CsvEncoding = forced.encoding ?? (hasBom ? bom : "utf-8");
  let mixed = false;
  if (encoding === "utf-8" || encoding === "utf-8-bom") {
    const scan = await scanUtf8(path);
    // Bytes that are not UTF-8 and no UTF-8 character at all: a Windows-1252 file. Both: a mixed file.
    if (forced.encoding === undefined && !hasBom && scan.invalid && !scan.multibyte) encoding = "windows-1252";
    else mixed = scan.invalid;
  }
  const bomBytes =
    encoding === "utf-8-bom" && bom === "utf-8-bom" ? 3 : encoding === "utf-16le" && bom === "utf-16le" ? 2 : 0;
  const text = decodeSample(sample.subarray(bomBytes), encoding);
  const sep = /^sep=([;,\t])(\r\n|\n|\r)/i.exec(text);
  const body = sep === null ? text : text.slice(sep[0].length);
  const delimiter = forced.delimiter ?? (sep?.[1] as CsvDelimiter | undefined) ?? detectDelimiter(body);
  const sepBytes = sep === null ? 0 : encoding === "utf-16le" ? 2 * sep[0].length : sep[0].length;
  return {
    path,
    size,
    dev,
    ino,
    encoding,
    mixed,
    delimiter,
    eol: firstLineEnding(body),
    sepLine: sep !== null,
    start: bomBytes + sepBytes,
  };
}

async function readSample(path: string): Promise<{ sample: Buffer; size: number; dev: number; ino: number }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error("EISDIR: a directory, not a file");
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, Math.max(info.size, 0)) || SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return { sample: buffer.subarray(0, bytesRead), size: info.size, dev: info.dev, ino: info.ino };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, problemOf(error), error);
  }
}

function decodeSample(sample: Buffer, encoding: CsvEncoding): string {
  if (encoding === "utf-16le") return sample.toString("utf16le");
  if (encoding === "windows-1252") return decodeWindows1252(sample.toString("latin1"));
  return sample.toString("utf8");
}

/** The line ending that ends the first record (outside quotes); LF when the sample has none. */
function firstLineEnding(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n") return "\n";
    else if (!quoted && ch === "\r") return text[i + 1] === "\n" ? "\r\n" : "\r";
  }
  return "\n";
}

/**
 * Scans the whole file: does it hold bytes that are not UTF-8 (`invalid`), and well-formed multi-byte UTF-8
 * characters (`multibyte`)? Both: a UTF-8 file with rows in another encoding. The file is read into one reused
 * buffer (fresh buffers per chunk cost ten times the CPU, in page faults), native checks do the work, and the
 * byte loop only runs on a chunk that fails them.
 */
async function scanUtf8(path: string): Promise<{ invalid: boolean; multibyte: boolean }> {
  const buffer = Buffer.allocUnsafe(SCAN_CHUNK);
  let kept = 0;
  let invalid = false;
  let multibyte = false;
  try {
    const handle = await open(path, "r");
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, kept, buffer.length - kept, null);
        if (bytesRead === 0) break;
        const bytes = buffer.subarray(0, kept + bytesRead);
        kept = 0;
        if (isAscii(bytes)) continue;
        // A sequence cut at the end of the buffer is kept back (at most 3 bytes) and read with what follows.
        const cut = completeLength(bytes);
        const whole = bytes.subarray(0, cut);
        if (isUtf8(whole)) multibyte ||= !isAscii(whole);
        else {
          const found = classifyBytes(whole);
          invalid ||= found.invalid;
          multibyte ||= found.multibyte;
        }
        kept = bytes.length - cut;
        buffer.copyWithin(0, cut, bytes.length);
        if (invalid && multibyte) break;
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, problemOf(error), error);
  }
  return { invalid: invalid || kept > 0, multibyte };
}

/** Length of the buffer without a UTF-8 sequence cut at its end (at most 3 bytes kept back). */
function completeLength(bytes: Buffer): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k] as number;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (k < need) return bytes.length - k;
    }
    break;
  }
  return bytes.length;
}

function classifyBytes(bytes: Buffer): { invalid: boolean; multibyte: boolean } {
  let invalid = false;
  let multibyte = false;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (extra > 0 && i + extra < bytes.length && isUtf8(bytes.subarray(i, i + extra + 1))) {
      multibyte = true;
      i += extra + 1;
    } else {
      invalid = true;
      i++;
    }
  }
  return { invalid, multibyte };
}

/**
 * Streams the records of the input as carrier strings (one character per byte for UTF-8 and Windows-1252).
 *
 * @param plan - from {@link inspectInput}
 * @returns csv-parse's readable stream of records (read errors are forwarded to it), and the bytes read so far
 * @example
 * ```ts
 * for await (const batch of recordBatches(openRecords(plan).records, 2048)) console.log(batch.length);
 * ```
 */
export function openRecords(plan: InputPlan): { readonly records: Readable; bytesRead(): number } {
  const file = createReadStream(plan.path, { start: plan.start, highWaterMark: READ_CHUNK });
  const parser = parse({
    delimiter: plan.delimiter,
    encoding: carrierOf(plan.encoding),
    record_delimiter: RECORD_DELIMITERS,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  file.on("error", (error) => parser.destroy(error));
  file.pipe(parser);
  return { records: parser, bytesRead: () => file.bytesRead };
}

/**
 * Pulls records in batches: synchronously while csv-parse has them buffered (one await per batch, not per
 * row), waiting for more otherwise.
 *
 * @param source - the record stream
 * @param size - records per batch
 * @param maxBatches - stop after this many batches (the rest stays in the stream)
 * @returns the batches, in order
 * @example
 * ```ts
 * for await (const batch of recordBatches(openRecords(plan), 2048)) rows += batch.length;
 * ```
 */
export async function* recordBatches(
  source: Readable,
  size: number,
  maxBatches = Infinity,
): AsyncGenerator<string[][]> {
  let batch: string[][] = [];
  let yielded = 0;
  for (;;) {
    let record: string[] | null;
    while (batch.length < size && (record = source.read() as string[] | null) !== null) batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
      if (++yielded >= maxBatches) return;
      continue;
    }
    if (source.errored !== null) throw source.errored;
    if (source.readableEnded || source.destroyed) break;
    await new Promise<void>((done) => {
      const finish = (): void => {
        source.off("readable", finish);
        source.off("end", finish);
        source.off("close", finish);
        source.off("error", finish);
        done();
      };
      source.on("readable", finish);
      source.on("end", finish);
      source.on("close", finish);
      source.on("error", finish);
    });
  }
  if (source.errored !== null) throw source.errored;
  if (batch.length > 0) yield batch;
}
