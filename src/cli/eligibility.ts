import type { Readable, Writable } from "node:stream";
import type { Geocoder } from "../territory/index.js";
import { textOfCell } from "./csv-codec.js";
import type { ColumnOverrides, ColumnRole } from "./detect-columns.js";
import type { CsvDelimiter } from "./detect-delimiter.js";
import type { CsvEncoding } from "./detect-encoding.js";
import type { CliEngine } from "./engine.js";
import { createRowAnswerer } from "./eligibility-answer-rows.js";
import { describeRejected, holdsData, planLayout, shapeRow, type Layout } from "./eligibility-layout.js";
import { openSink, OutputClosed, prepareOutput, type OutputSink } from "./eligibility-output-target.js";
import { inspectInput, openRecords, recordBatches, type InputPlan } from "./eligibility-read-rows.js";
import { errorRoute, routeRow, type Route, type RoutePlan } from "./eligibility-route-row.js";
import { createRowWriter, type WriteCounts } from "./eligibility-write-rows.js";
import { cliError, EXIT, exitCodeOf, failureLine, problemOf } from "./exit-codes.js";
import { t, type Lang } from "./messages.js";
import { sanitiseForTerminal } from "./terminal-text.js";
import type { Problem } from "../errors.js";

export { removePendingOutputs } from "./eligibility-output-target.js";

/**
 * `declics eligibility IN.csv [-o OUT.csv]`: every row of a spreadsheet, streamed in constant memory, in four
 * stages: read rows (eligibility-read-rows), route a row (eligibility-route-row), answer rows
 * (eligibility-answer-rows), write rows (eligibility-write-rows, eligibility-output-target). This file only
 * orchestrates them.
 * @module
 */

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
  /** Neutralise cells a spreadsheet would run as formulas (`--excel-safe`). */
  readonly excelSafe?: boolean;
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

/**
 * Rows per engine call. csv-parse turns each 64 KiB chunk it reads into records at once; small chunks and
 * batches keep the records of a step young, so memory stays flat with the size of the file (bench/cli).
 */
const DEFAULT_BATCH = 2048;
/** Rows read before the columns are chosen: the evidence that a column holds what its name says. */
const SAMPLE_ROWS = 200;
const GEOCODE_CONCURRENCY = 8;

/**
 * Runs the `eligibility` command and maps any failure to its exit code and one message (exit-codes.ts).
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
  try {
    await eligibility(options, io);
    return EXIT.done;
  } catch (error) {
    if (error instanceof OutputClosed) return EXIT.done;
    io.stderr.write(`${failureLine(error, options.lang)}\n`);
    return exitCodeOf(error);
  }
}

/** The four stages, in order. */
async function eligibility(options: EligibilityCommandOptions, io: EligibilityCommandIo): Promise<void> {
  const { lang } = options;
  const plan = await inspectInput(options.input, {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  });
  const target = await prepareOutput(options.output, { path: options.input, dev: plan.dev, ino: plan.ino });
  const input = openRecords(plan);
  const records = input.records;
  try {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    const head = await readHead(records, plan);
    const layout = planLayout(
      head.header,
      head.sample,
      plan.encoding,
      { ...options.columns, ...(options.dateColumn === undefined ? {} : { date: options.dateColumn }) },
      plan.path,
    );
    if (!options.quiet) announce(io, plan, layout, options, lang);
    const engine = await io.loadEngine();
    const sink = await openSink(target, io.stdout);
    try {
      const counts = await streamRows(sink, input, head.sample, plan, layout, engine, options, io, batchSize);
      await sink.commit();
      if (!options.quiet)
        report(io, counts, target.kind === "stdout" ? "-" : sink.label, lang, target.kind === "stdout");
    } catch (error) {
      await sink.abort();
      throw error;
    }
  } finally {
    records.destroy();
  }
}

/** The header and up to SAMPLE_ROWS records. */
async function readHead(records: Readable, plan: InputPlan): Promise<{ header: string[]; sample: string[][] }> {
  const head: string[][] = [];
  try {
    for await (const batch of recordBatches(records, SAMPLE_ROWS + 1, 1)) head.push(...batch);
  } catch (error) {
    throw unreadableCsv(error, plan.path);
  }
  const header = head.shift();
  if (header === undefined) throw cliError("unreadable_input", { file: plan.path, reason: "empty_file" });
  return { header, sample: head };
}

function unreadableCsv(error: unknown, file: string): Error {
  const csv = error as { code?: string; lines?: number; message?: string };
  const problem: Problem =
    typeof csv.code === "string" && csv.code.startsWith("CSV_")
      ? { reason: "bad_csv", values: { line: csv.lines ?? "?", cause: csv.message ?? csv.code } }
      : problemOf(error);
  return cliError("unreadable_input", { file, ...problem }, error);
}

/** Reads, routes, answers and writes every row after the header, batch by batch. */
async function streamRows(
  sink: OutputSink,
  input: ReturnType<typeof openRecords>,
  sample: string[][],
  plan: InputPlan,
  layout: Layout,
  engine: CliEngine,
  options: EligibilityCommandOptions,
  io: EligibilityCommandIo,
  batchSize: number,
): Promise<WriteCounts> {
  const writer = createRowWriter(sink, {
    inputEncoding: plan.encoding,
    outputEncoding: options.outputEncoding ?? plan.encoding,
    delimiter: options.outputDelimiter ?? plan.delimiter,
    eol: plan.eol,
    excelSafe: options.excelSafe === true,
    mixed: plan.mixed,
    lang: options.lang,
  });
  const answerer = createRowAnswerer(engine, {
    batchSize,
    exact: options.exact === true,
    geocodeConcurrency: GEOCODE_CONCURRENCY,
    ...(io.geocoder === undefined ? {} : { geocoder: io.geocoder }),
  });
  const routing: RoutePlan = {
    columns: layout.columns,
    defaultOn: options.on ?? options.today,
    geocode: options.geocode && io.geocoder !== undefined,
    textOf: (cell) => textOfCell(cell, plan.encoding),
  };
  const progress = createProgress(io, plan, options, input.bytesRead);
  await writer.writeHeader(layout.header, plan.sepLine);
  let row = 2;
  const handle = async (batch: string[][]): Promise<void> => {
    const routes: Route[] = new Array<Route>(batch.length);
    let extras: (string[] | null)[] | null = null;
    for (let i = 0; i < batch.length; i++) {
      const fields = batch[i] as string[];
      const beyond = shapeRow(fields, layout);
      if (beyond !== null) (extras ??= new Array<string[] | null>(batch.length).fill(null))[i] = beyond;
      routes[i] = holdsData(beyond) ? errorRoute("too_many_columns") : routeRow(fields, routing);
    }
    await writer.writeRows(batch, extras, await answerer.answer(routes), row);
    row += batch.length;
    progress.step(row - 2);
  };
  for (let k = 0; k < sample.length; k += batchSize) await handle(sample.slice(k, k + batchSize));
  try {
    for await (const batch of recordBatches(input.records, batchSize)) await handle(batch);
  } catch (error) {
    if (error instanceof OutputClosed || (error as { module?: string }).module === "cli") throw error;
    throw unreadableCsv(error, plan.path);
  }
  await writer.finish();
  progress.done(row - 2);
  return writer.counts();
}

function createProgress(
  io: EligibilityCommandIo,
  plan: InputPlan,
  options: EligibilityCommandOptions,
  bytesRead: () => number,
): { step(rows: number): void; done(rows: number): void } {
  const show = !options.quiet && io.stderr.isTTY === true && options.output !== "-";
  const now = io.now ?? (() => performance.now());
  let last = 0;
  const draw = (rows: number, final: boolean): void => {
    const fraction = final || plan.size === 0 ? 1 : Math.min(1, bytesRead() / plan.size);
    const filled = Math.round(fraction * 30);
    const bar = `${"#".repeat(filled)}${".".repeat(30 - filled)}`;
    const percent = String(Math.round(fraction * 100)).padStart(3);
    const count = rows.toLocaleString(options.lang === "en" ? "en-GB" : "fr-FR");
    io.stderr.write(`\r[${bar}] ${percent} % ${count}${final ? "\n" : ""}`);
  };
  return {
    step(rows) {
      if (show && now() - last > 200) {
        last = now();
        draw(rows, false);
      }
    },
    done(rows) {
      if (show) draw(rows, true);
    },
  };
}

/** The line that says how the input is read and which columns were chosen (and which were not, and why). */
function announce(
  io: EligibilityCommandIo,
  plan: InputPlan,
  layout: Layout,
  options: EligibilityCommandOptions,
  lang: Lang,
): void {
  const used = (Object.entries(layout.columns) as [ColumnRole, number][])
    .filter(([, index]) => index >= 0)
    .map(([role, index]) => `${role}=${layout.headerText[index] ?? ""}`)
    .join(", ");
  const delimiter = plan.delimiter === "\t" ? "tab" : `"${plan.delimiter}"`;
  const encoding = plan.mixed ? t(lang, "eligibility.mixedEncoding", { encoding: plan.encoding }) : plan.encoding;
  const lines = [t(lang, "eligibility.detected", { file: plan.path, encoding, delimiter, columns: used })];
  lines.push(...describeRejected(layout.rejected, layout.headerText, lang));
  if (layout.previousResults !== null)
    lines.push(
      t(lang, "eligibility.previousResults", { first: layout.previousResults + 1, last: layout.previousResults + 9 }),
    );
  for (const line of lines) io.stderr.write(`${sanitiseForTerminal(line)}\n`);
}

function report(io: EligibilityCommandIo, counts: WriteCounts, file: string, lang: Lang, toStdout: boolean): void {
  const lines = [formatSummary(counts, file, lang)];
  if (counts.foreignRows > 0) {
    const rows =
      counts.firstForeignRows.join(", ") + (counts.foreignRows > counts.firstForeignRows.length ? ", …" : "");
    lines.push(t(lang, "eligibility.foreignRows", { count: counts.foreignRows, rows }));
  }
  (toStdout ? io.stderr : io.stdout).write(`${sanitiseForTerminal(lines.join("\n"))}\n`);
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
