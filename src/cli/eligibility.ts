import { createReadStream, createWriteStream, unlinkSync, type WriteStream } from "node:fs";
import { open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { once } from "node:events";
import { isUtf8 } from "node:buffer";
import { finished, pipeline } from "node:stream/promises";
import type { Readable, Writable } from "node:stream";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { isDeclicsError } from "../errors.js";
import type { EligibilitySubject, Geocoder } from "../territory/index.js";
import { detectColumns, type ColumnOverrides, type ColumnRole } from "./detect-columns.js";
import { detectDelimiter, type CsvDelimiter } from "./detect-delimiter.js";
import { detectEncoding, type CsvEncoding } from "./detect-encoding.js";
import type { CliEngine, RowAnswer } from "./engine.js";
import { formatCsvRow } from "./format-csv-row.js";
import { t, type Lang } from "./messages.js";
import { parseCalendarDate, parseDecimal } from "./parse-cell.js";
import { errorFields, REASON_SEPARATOR, RESULT_COLUMNS, resultFields } from "./result-columns.js";

/**
 * `declics eligibility IN.csv [-o OUT.csv]`: every row of a spreadsheet, streamed in constant memory.
 * @module
 */

/** Exit codes of the CLI (documented in docs/cli.md). */
export const EXIT = { done: 0, usage: 1, unreadable: 2, failed: 3 } as const;

/** Options of the `eligibility` command, once the command line is parsed. */
export interface EligibilityCommandOptions {
  readonly input: string;
  /** Output path; "-" for standard output; undefined for INPUT-eligibilite.csv beside the input. */
  readonly output?: string;
  /** Date for every row, YYYY-MM-DD (already validated), or undefined for `today`. */
  readonly on?: string;
  /** Today in Europe/Paris, YYYY-MM-DD (the CLI reads the clock, the core never does). */
  readonly today: string;
  readonly dateColumn?: string;
  readonly delimiter?: CsvDelimiter;
  readonly encoding?: CsvEncoding;
  readonly outputDelimiter?: CsvDelimiter;
  readonly outputEncoding?: CsvEncoding;
  readonly columns: ColumnOverrides;
  /** Geocode rows that only have an address (network). */
  readonly geocode: boolean;
  /** Full result for every row: exact distances to the QPV edge (slower). */
  readonly exact?: boolean;
  readonly quiet: boolean;
  readonly lang: Lang;
  /** Rows per engine call. */
  readonly batchSize?: number;
}

/** Where the command reads its engine and writes its messages. */
export interface EligibilityCommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  /** Loads the engine (and its data) once the input's header has been read. */
  readonly loadEngine: () => Promise<CliEngine>;
  /** Geocoder for address-only rows (when `geocode` is set). */
  readonly geocoder?: Geocoder;
  /** Milliseconds clock for the progress bar (never for results). */
  readonly now?: () => number;
}

/** Counts the command reports at the end. */
export interface EligibilitySummary {
  readonly rows: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byReason: Readonly<Record<string, number>>;
}

const SAMPLE_BYTES = 64 * 1024;
/**
 * Rows per engine call, and bytes per read of the input. csv-parse turns each chunk it is given into records
 * at once, whatever the reader's backpressure, so the chunk size bounds how far the parser runs ahead of the
 * writer. Small chunks and batches keep the records of a step young: the young generation collects them, and
 * peak memory stays flat with the size of the file under Node's default heap settings (measured: 1 MiB chunks
 * and 8192-row batches let promoted garbage pile up to about 330 MiB at 1,000,000 rows; 64 KiB and 2048 stay
 * at about 185 MiB, as at 100,000 rows, and use less CPU).
 */
const DEFAULT_BATCH = 2048;
const READ_CHUNK = 1 << 16;
/** Bytes of output the writer may hold before the pipeline waits for the disk (bounded; lets writes overlap work). */
const WRITE_BUFFER = 1 << 20;
const GEOCODE_CONCURRENCY = 8;
/**
 * Characters of output text built before it is encoded and written. Small enough that the text (a rope of
 * many short strings) stays in the CPU cache while it is flattened and encoded: 64 Ki is measured faster
 * than 1 Mi, and the young generation collects it.
 */
const OUT_CHUNK = 1 << 16;
/** Bytes of UTF-8 output encoded into one buffer before it is handed to the writer. */
const OUT_BYTES = 1 << 16;

/** Temporary outputs being written, removed if the process is interrupted. */
const pendingOutputs = new Set<string>();

/**
 * Removes the temporary output files of runs in progress (call it on SIGINT / SIGTERM), so that an
 * interrupted run never leaves a file that looks complete.
 *
 * @returns how many files were removed
 * @example
 * ```ts
 * process.on("SIGINT", () => { removePendingOutputs(); process.exit(130); });
 * ```
 */
export function removePendingOutputs(): number {
  let removed = 0;
  for (const path of pendingOutputs) {
    try {
      unlinkSync(path);
      removed++;
    } catch {
      // already gone
    }
  }
  pendingOutputs.clear();
  return removed;
}

class CommandFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

function iconvName(encoding: CsvEncoding): string {
  switch (encoding) {
    case "windows-1252":
      return "win1252";
    case "utf-16le":
      return "utf16le";
    default:
      return "utf8";
  }
}

function defaultOutputPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}-eligibilite${ext === "" ? ".csv" : ext}`);
}

function delimiterLabel(delimiter: string): string {
  return delimiter === "\t" ? "tab" : `"${delimiter}"`;
}

/** Pads codes Excel stripped of their leading zero (1001 -> 01001). */
function padCode(cell: string): string {
  const code = cell.trim().toUpperCase();
  return /^\d{4}$/.test(code) ? `0${code}` : code;
}

function isBlank(fields: readonly string[]): boolean {
  for (let k = 0; k < fields.length; k++) if ((fields[k] as string).trim() !== "") return false;
  return true;
}

const PAIR_EMPTY = 0;
const PAIR_OK = 1;
const PAIR_INVALID = 2;
// The parsed pair of the last pairOf call (module scratch: no tuple per row).
let pairA = 0;
let pairB = 0;
/** Both cells empty: no point; both numbers: a point (in pairA, pairB); anything else: invalid. */
function pairOf(a: string, b: string): number {
  const va = parseDecimal(a);
  const vb = parseDecimal(b);
  if (Number.isFinite(va) && Number.isFinite(vb)) {
    pairA = va;
    pairB = vb;
    return PAIR_OK;
  }
  return a.trim() === "" && b.trim() === "" ? PAIR_EMPTY : PAIR_INVALID;
}

/** The noon (UTC) of a calendar day: the same calendar day in every French time zone. */
export function dateOfDay(isoDay: string): Date {
  return new Date(`${isoDay}T12:00:00Z`);
}

/**
 * Runs the `eligibility` command: detects encoding, delimiter and columns, streams the rows through the
 * engine in batches, writes every input row followed by the result columns to a temporary file, renames it
 * when complete, and prints a summary.
 *
 * @param options - the parsed command line
 * @param io - streams, engine loader, geocoder
 * @returns the exit code (0 done, 1 usage, 2 unreadable input, 3 data or output unavailable)
 * @example
 * ```ts
 * const code = await runEligibility({ input: "people.csv", today: "2026-11-28", columns: {}, geocode: false, quiet: true, lang: "fr" }, io);
 * // => 0
 * ```
 */
export async function runEligibility(options: EligibilityCommandOptions, io: EligibilityCommandIo): Promise<number> {
  const lang = options.lang;
  const say = (stream: Writable, line: string): void => {
    stream.write(`${line}\n`);
  };
  let tmpPath: string | null = null;
  try {
    return await run(options, io, (path) => {
      tmpPath = path;
      pendingOutputs.add(path);
    });
  } catch (error) {
    if (tmpPath !== null) await unlink(tmpPath).catch(() => undefined);
    if (error instanceof CommandFailure) {
      say(io.stderr, error.message);
      return error.exitCode;
    }
    if (isDeclicsError(error, "data_missing") || isDeclicsError(error, "data_integrity")) {
      say(io.stderr, t(lang, "error.data", { message: error.message }));
      return EXIT.failed;
    }
    say(io.stderr, t(lang, "error.generic", { message: error instanceof Error ? error.message : String(error) }));
    return EXIT.failed;
  } finally {
    if (tmpPath !== null) pendingOutputs.delete(tmpPath);
  }
}

/** Whether every byte of the file is valid UTF-8 (chunk by chunk, carrying a sequence cut between chunks). */
async function wholeFileIsUtf8(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    // Keep back an incomplete trailing sequence (at most 3 bytes) for the next chunk.
    let cut = bytes.length;
    for (let k = 1; k <= 3 && k <= bytes.length; k++) {
      const b = bytes[bytes.length - k] as number;
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) {
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        if (k < need) cut = bytes.length - k;
      }
      break;
    }
    if (!isUtf8(bytes.subarray(0, cut))) return false;
    carry = Buffer.from(bytes.subarray(cut));
  }
  return carry.length === 0;
}

async function readSample(path: string, lang: Lang): Promise<{ sample: Buffer; size: number }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new Error("EISDIR: a directory, not a file");
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, info.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return { sample: buffer.subarray(0, bytesRead), size: info.size };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandFailure(EXIT.unreadable, t(lang, "eligibility.unreadable", { file: path, reason }));
  }
}

async function run(options: EligibilityCommandOptions, io: EligibilityCommandIo, registerTmp: (path: string) => void): Promise<number> {
  const lang = options.lang;
  const input = options.input;
  const { sample, size } = await readSample(input, lang);
  if (sample.length === 0) throw new CommandFailure(EXIT.unreadable, t(lang, "eligibility.unreadable", { file: input, reason: t(lang, "eligibility.empty") }));

  let encoding = options.encoding ?? detectEncoding(sample, sample.length === size);
  // The sample can be plain ASCII while accents further down are Windows-1252: check the whole file (fast).
  if (options.encoding === undefined && encoding === "utf-8" && sample.length < size && !(await wholeFileIsUtf8(input))) encoding = "windows-1252";
  const sampleText = iconv.decode(sample, iconvName(encoding));
  const delimiter = options.delimiter ?? detectDelimiter(sampleText);
  const firstNewline = sampleText.indexOf("\n");
  const eol = firstNewline > 0 && sampleText[firstNewline - 1] === "\r" ? "\r\n" : "\n";
  const outDelimiter = options.outputDelimiter ?? delimiter;
  const outEncoding = options.outputEncoding ?? encoding;

  const toStdout = options.output === "-";
  const outputPath = toStdout ? "-" : resolve(options.output ?? defaultOutputPath(input));
  if (!toStdout && outputPath === resolve(input)) {
    throw new CommandFailure(EXIT.usage, t(lang, "error.usage", { message: `-o ${options.output ?? ""} = ${input}` }));
  }
  const defaultOn = options.on ?? options.today;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);

  // Streams: file -> decoder (when not UTF-8) -> csv-parse -> batches -> engine -> encoder -> temp file.
  let bytesRead = 0;
  const fileStream = createReadStream(input, { highWaterMark: READ_CHUNK });
  fileStream.on("data", (chunk: Buffer | string) => {
    bytesRead += chunk.length;
  });
  const stages: (Readable | NodeJS.ReadWriteStream)[] = [fileStream];
  if (encoding === "windows-1252" || encoding === "utf-16le") stages.push(iconv.decodeStream(iconvName(encoding)));
  const parser = parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  stages.push(parser);

  let out: Writable;
  let fileOut: WriteStream | null = null;
  let tmpPath: string | null = null;
  const encodeOut = (text: string): Buffer => (outEncoding === "utf-8" || outEncoding === "utf-8-bom" ? Buffer.from(text, "utf8") : iconv.encode(text, iconvName(outEncoding)));
  const utf8Out = outEncoding === "utf-8" || outEncoding === "utf-8-bom";
  const outBuffers: Buffer[] = [];
  /** Writes the first `used` bytes of a pool buffer, and returns the buffer to the pool once written. */
  const writeBuffer = async (buffer: Buffer, used: number): Promise<void> => {
    if (!out.write(buffer.subarray(0, used), () => outBuffers.push(buffer))) await once(out, "drain");
  };
  const writeOut = async (text: string): Promise<void> => {
    if (!out.write(encodeOut(text))) await once(out, "drain");
  };

  let header: string[] | null = null;
  let width = 0;
  let engine: CliEngine | null = null;
  let columns: ReturnType<typeof detectColumns> | null = null;
  const byStatus = new Map<string, number>();
  const byReason = new Map<string, number>();
  let rows = 0;
  const now = io.now ?? (() => performance.now());
  const showProgress = !options.quiet && io.stderr.isTTY === true && !toStdout;
  let lastDraw = 0;
  const drawProgress = (final: boolean): void => {
    const fraction = size > 0 ? Math.min(1, bytesRead / size) : 1;
    const filled = Math.round(fraction * 30);
    const bar = `[${"#".repeat(filled)}${".".repeat(30 - filled)}] ${String(Math.round(fraction * 100)).padStart(3)} % ${rows.toLocaleString(lang === "en" ? "en-GB" : "fr-FR")}`;
    io.stderr.write(`\r${bar}${final ? "\n" : ""}`);
  };

  // Tails (the appended result columns, as written) cached by the identity of the answer's field array:
  // the engine shares one array between rows with the same answer.
  // Each entry also counts its rows (one map lookup per row).
  const tailCache = new Map<readonly string[], { readonly tail: string; rows: number }>();
  const errorFieldsCache = new Map<string, readonly string[]>();
  const fieldsOfError = (reason: string): readonly string[] => {
    let fields = errorFieldsCache.get(reason);
    if (fields === undefined) {
      fields = Object.freeze(errorFields(reason));
      errorFieldsCache.set(reason, fields);
    }
    return fields;
  };
  // Counted per answer array (and per distinct unshared answer); split into the two tallies once, at the end.
  const combos = new Map<string, number>();
  const countShared = (fields: readonly string[], n: number): void => {
    const key = `${fields[0] ?? ""}\u0000${fields[8] ?? ""}`;
    combos.set(key, (combos.get(key) ?? 0) + n);
  };
  const tailOf = (answer: RowAnswer): string => {
    const fields = Array.isArray(answer) ? (answer as readonly string[]) : fieldsOfError(isDeclicsError(answer) ? String(answer.code) : "engine_error");
    const cached = tailCache.get(fields);
    if (cached !== undefined) {
      cached.rows++;
      return cached.tail;
    }
    const tail = outDelimiter + formatCsvRow(fields, outDelimiter);
    if (Object.isFrozen(fields)) {
      if (tailCache.size > 100_000) {
        for (const [shared, entry] of tailCache) countShared(shared, entry.rows);
        tailCache.clear();
      }
      tailCache.set(fields, { tail, rows: 1 });
    } else {
      const key = `${fields[0] ?? ""}\u0000${fields[8] ?? ""}`;
      combos.set(key, (combos.get(key) ?? 0) + 1);
    }
    return tail;
  };
  const tally = (): void => {
    for (const [fields, entry] of tailCache) countShared(fields, entry.rows);
    tailCache.clear();
    for (const [key, n] of combos) {
      const [status = "", reasons = ""] = key.split("\u0000");
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
      if (reasons !== "") for (const code of reasons.split(REASON_SEPARATOR)) byReason.set(code, (byReason.get(code) ?? 0) + n);
    }
  };

  // Reused point columns, one set per (date, kind) group of a batch.
  interface PointGroup {
    kind: "lonlat" | "xy";
    a: Float64Array;
    b: Float64Array;
    index: Int32Array;
    count: number;
  }
  const pointPool: PointGroup[] = [];
  const takeGroup = (kind: "lonlat" | "xy"): PointGroup => {
    const group = pointPool.pop() ?? { kind, a: new Float64Array(batchSize), b: new Float64Array(batchSize), index: new Int32Array(batchSize), count: 0 };
    group.kind = kind;
    group.count = 0;
    return group;
  };

  const processBatch = async (batch: string[][]): Promise<void> => {
    const cols = columns !== null && columns.ok ? columns.columns : null;
    if (cols === null || engine === null) return;
    const current = engine;
    const n = batch.length;
    const tails: string[] = new Array<string>(n);
    let extras: Map<number, string[]> | null = null;
    const pointGroups = new Map<string, PointGroup>();
    const subjectGroups = new Map<string, { index: number[]; subjects: EligibilitySubject[] }>();
    const addressRows: { index: number; subject: EligibilitySubject; on: string }[] = [];
    const fail = (i: number, reason: string): void => {
      tails[i] = tailOf(fieldsOfError(reason));
    };
    // The group of the previous point: consecutive rows almost always share kind and date (no key per row).
    let lastGroup: PointGroup | null = null;
    let lastOn = "";
    const addPoint = (i: number, kind: "lonlat" | "xy", on: string, a: number, b: number): void => {
      let group: PointGroup | null | undefined = lastGroup;
      if (group === null || group.kind !== kind || lastOn !== on) {
        const key = kind + on;
        group = pointGroups.get(key);
        if (group === undefined) {
          group = takeGroup(kind);
          pointGroups.set(key, group);
        }
        lastGroup = group;
        lastOn = on;
      }
      group.a[group.count] = a;
      group.b[group.count] = b;
      group.index[group.count] = i;
      group.count++;
    };
    const { lon: cLon, lat: cLat, x: cX, y: cY, codeInsee: cInsee, postcode: cPostcode, address: cAddress, date: cDate } = cols;
    for (let i = 0; i < n; i++) {
      const fields = batch[i] as string[];
      if (fields.length !== width) {
        if (fields.length > width) {
          let extraHasData = false;
          for (let k = width; k < fields.length; k++) if ((fields[k] as string).trim() !== "") extraHasData = true;
          if (extraHasData) {
            (extras ??= new Map()).set(i, fields.slice(width));
            fields.length = width;
            fail(i, "too_many_columns");
            continue;
          }
          fields.length = width;
        } else while (fields.length < width) fields.push("");
      }
      let on = defaultOn;
      if (cDate >= 0) {
        const parsed = parseCalendarDate(fields[cDate] as string);
        if (parsed === null) {
          fail(i, isBlank(fields) ? "empty_row" : "invalid_date");
          continue;
        }
        on = parsed;
      }
      // Coordinates first (most precise), then commune code, postcode, address.
      if (cLon >= 0) {
        const p = pairOf(fields[cLon] as string, fields[cLat] as string);
        if (p === PAIR_INVALID) {
          fail(i, "invalid_coordinates");
          continue;
        }
        if (p === PAIR_OK) {
          addPoint(i, "lonlat", on, pairA, pairB);
          continue;
        }
      }
      if (cX >= 0) {
        const p = pairOf(fields[cX] as string, fields[cY] as string);
        if (p === PAIR_INVALID) {
          fail(i, "invalid_coordinates");
          continue;
        }
        if (p === PAIR_OK) {
          addPoint(i, "xy", on, pairA, pairB);
          continue;
        }
      }
      let subject: EligibilitySubject | null = null;
      if (cInsee >= 0 && (fields[cInsee] as string).trim() !== "") subject = { codeInsee: padCode(fields[cInsee] as string) };
      else if (cPostcode >= 0 && (fields[cPostcode] as string).trim() !== "") subject = { postcode: padCode(fields[cPostcode] as string) };
      else if (cAddress >= 0 && (fields[cAddress] as string).trim() !== "") {
        if (!options.geocode || io.geocoder === undefined) fail(i, "address_not_geocoded");
        else addressRows.push({ index: i, subject: { address: (fields[cAddress] as string).trim() }, on });
        continue;
      }
      if (subject === null) {
        fail(i, isBlank(fields) ? "empty_row" : "missing_location");
        continue;
      }
      let group = subjectGroups.get(on);
      if (group === undefined) {
        group = { index: [], subjects: [] };
        subjectGroups.set(on, group);
      }
      group.index.push(i);
      group.subjects.push(subject);
    }
    for (const [key, group] of pointGroups) {
      const on = dateOfDay(key.slice(group.kind.length));
      const points = group.kind === "lonlat" ? { lon: group.a, lat: group.b, count: group.count } : { x: group.a, y: group.b, count: group.count };
      const answers = current.checkPoints(points, on, options.exact === true);
      for (let k = 0; k < group.count; k++) tails[group.index[k] as number] = tailOf(answers[k] ?? fieldsOfError("engine_error"));
      pointPool.push(group);
    }
    for (const [on, group] of subjectGroups) {
      const answers = current.checkSubjects(group.subjects, dateOfDay(on));
      for (let k = 0; k < group.index.length; k++) tails[group.index[k] as number] = tailOf(answers[k] ?? fieldsOfError("engine_error"));
    }
    if (addressRows.length > 0) {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < addressRows.length) {
          const job = addressRows[next++] as (typeof addressRows)[number];
          let answer: RowAnswer;
          try {
            answer = resultFields(await current.check(job.subject, dateOfDay(job.on), io.geocoder));
          } catch (error) {
            answer = isDeclicsError(error) ? error : fieldsOfError("engine_error");
          }
          tails[job.index] = tailOf(answer);
        }
      };
      await Promise.all(Array.from({ length: Math.min(GEOCODE_CONCURRENCY, addressRows.length) }, worker));
    }
    if (utf8Out && extras === null) {
      // UTF-8 output: each piece encoded straight into a buffer, with no rope of strings to flatten. Buffers
      // come back to the pool once written, so their number is bounded by the writer's buffer.
      let buffer = outBuffers.pop() ?? Buffer.allocUnsafe(OUT_BYTES);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const row = formatCsvRow(batch[i] as string[], outDelimiter);
        const tail = tails[i] as string;
        // At most 3 bytes per UTF-16 unit.
        const most = 3 * (row.length + tail.length + eol.length);
        if (at + most > OUT_BYTES) {
          if (at > 0) {
            const full = buffer;
            const used = at;
            buffer = outBuffers.pop() ?? Buffer.allocUnsafe(OUT_BYTES);
            at = 0;
            await writeBuffer(full, used);
          }
          if (most > OUT_BYTES) {
            await writeOut(row + tail + eol);
            continue;
          }
        }
        at += buffer.write(row, at);
        at += buffer.write(tail, at);
        at += buffer.write(eol, at);
      }
      if (at > 0) await writeBuffer(buffer, at);
      else outBuffers.push(buffer);
    } else {
    let text = "";
    for (let i = 0; i < n; i++) {
      text += formatCsvRow(batch[i] as string[], outDelimiter) + tails[i];
      const extra = extras?.get(i);
      if (extra !== undefined) text += outDelimiter + formatCsvRow(extra, outDelimiter);
      text += eol;
      if (text.length > OUT_CHUNK) {
        await writeOut(text);
        text = "";
      }
    }
    if (text !== "") await writeOut(text);
    }
    rows += n;
    if (showProgress && now() - lastDraw > 200) {
      lastDraw = now();
      drawProgress(false);
    }
  };

  const onHeader = async (record: string[]): Promise<void> => {
    header = record;
    width = header.length;
    // A trailing delimiter on the header gives an empty last name: keep it (the rows have it too).
    columns = detectColumns(header, { ...options.columns, ...(options.dateColumn === undefined ? {} : { date: options.dateColumn }) });
    if (!columns.ok) {
      const shown = header.map((h) => `"${h}"`).join(", ");
      if (columns.problem === "unknown_column") {
        const flag = columns.role === "date" ? "date-column" : `${columns.role === "codeInsee" ? "insee" : columns.role}-column`;
        throw new CommandFailure(EXIT.usage, t(lang, "eligibility.unknownColumn", { name: columns.name, role: flag, header: shown }));
      }
      throw new CommandFailure(EXIT.unreadable, t(lang, "eligibility.noLocation", { header: shown }));
    }
    engine = await io.loadEngine();
    if (toStdout) out = io.stdout;
    else {
      tmpPath = join(dirname(outputPath), `.${basename(outputPath)}.${process.pid}.tmp`);
      registerTmp(tmpPath);
      fileOut = createWriteStream(tmpPath, { highWaterMark: WRITE_BUFFER });
      out = fileOut;
      fileOut.on("error", () => undefined);
    }
    if (!options.quiet) {
      const used = (Object.entries(columns.columns) as [ColumnRole, number][])
        .filter(([, index]) => index >= 0)
        .map(([role, index]) => `${role}=${header?.[index] ?? ""}`)
        .join(", ");
      const line = t(lang, "eligibility.detected", { file: input, encoding, delimiter: delimiterLabel(delimiter), columns: used });
      io.stderr.write(`${line}\n`);
    }
    if (outEncoding === "utf-8-bom") await writeOut("\ufeff");
    if (outEncoding === "utf-16le") await writeOut("\ufeff");
    await writeOut(formatCsvRow([...header, ...RESULT_COLUMNS], outDelimiter) + eol);
  };

  // Records are pulled synchronously while csv-parse has them buffered (one await per batch, not per row).
  const consume = async (source: Readable): Promise<void> => {
    let batch: string[][] = [];
    for (;;) {
      let record: string[] | null = null;
      while (batch.length < batchSize && (record = source.read() as string[] | null) !== null) {
        if (header === null) await onHeader(record);
        else batch.push(record);
      }
      if (batch.length >= batchSize) {
        await processBatch(batch);
        batch = [];
        continue;
      }
      if (source.readableEnded || source.destroyed) break;
      await new Promise<void>((done) => {
        const finish = (): void => {
          source.off("readable", finish);
          source.off("end", finish);
          source.off("close", finish);
          done();
        };
        source.on("readable", finish);
        source.on("end", finish);
        source.on("close", finish);
      });
    }
    if (batch.length > 0) await processBatch(batch);
  };

  try {
    await (pipeline as unknown as (...streams: unknown[]) => Promise<void>)(...stages, consume);
  } catch (error) {
    if (error instanceof CommandFailure) throw error;
    const csvError = error as { code?: string; lines?: number; message?: string };
    const reason =
      typeof csvError.code === "string" && csvError.code.startsWith("CSV_")
        ? t(lang, "eligibility.badCsv", { line: csvError.lines ?? "?", reason: csvError.message ?? csvError.code })
        : (csvError.message ?? String(error));
    throw new CommandFailure(EXIT.unreadable, t(lang, "eligibility.unreadable", { file: input, reason }));
  }
  if (header === null) throw new CommandFailure(EXIT.unreadable, t(lang, "eligibility.unreadable", { file: input, reason: t(lang, "eligibility.empty") }));

  if (fileOut !== null && tmpPath !== null) {
    const stream: WriteStream = fileOut;
    const target = tmpPath;
    try {
      stream.end();
      await finished(stream);
      await rename(target, outputPath);
    } catch (error) {
      throw new CommandFailure(EXIT.failed, t(lang, "eligibility.writeFailed", { file: outputPath, reason: error instanceof Error ? error.message : String(error) }));
    }
  }
  if (showProgress) drawProgress(true);
  tally();
  if (!options.quiet) {
    const report = toStdout ? io.stderr : io.stdout;
    report.write(`${formatSummary({ rows, byStatus: Object.fromEntries(byStatus), byReason: Object.fromEntries(byReason) }, toStdout ? "-" : outputPath, lang)}\n`);
  }
  return EXIT.done;
}

/**
 * The end-of-run summary: rows, counts by status, counts by reason (most frequent first).
 *
 * @param summary - the counts
 * @param file - where the output went
 * @param lang - fr or en
 * @returns the text
 * @example
 * ```ts
 * formatSummary({ rows: 2, byStatus: { eligible: 2 }, byReason: { in_qpv: 2 } }, "out.csv", "en");
 * // => "2 rows processed, written to out.csv.\nBy status:\n  eligible  2\nBy reason:\n  in_qpv  2"
 * ```
 */
export function formatSummary(summary: EligibilitySummary, file: string, lang: Lang): string {
  const locale = lang === "en" ? "en-GB" : "fr-FR";
  const lines = [t(lang, "eligibility.summary", { rows: summary.rows.toLocaleString(locale), file })];
  const block = (title: string, counts: Readonly<Record<string, number>>): void => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (entries.length === 0) return;
    lines.push(title);
    const widthOf = Math.max(...entries.map(([k]) => k.length));
    for (const [key, value] of entries) lines.push(`  ${key.padEnd(widthOf)}  ${value.toLocaleString(locale)}`);
  };
  block(t(lang, "eligibility.byStatus"), summary.byStatus);
  block(t(lang, "eligibility.byReason"), summary.byReason);
  return lines.join("\n");
}
