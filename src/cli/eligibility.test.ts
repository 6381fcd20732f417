import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { cellBytes, csvFile } from "../../test/support/csv-files.js";
import { createFakeEngine } from "../../test/support/cli-fake-engine.js";
import type { CsvEncoding } from "./detect-encoding.js";
import { formatSummary, runEligibility, type EligibilityCommandOptions } from "./eligibility.js";
import { formatCsvRow } from "./format-csv-row.js";
import { RESULT_COLUMNS } from "./result-columns.js";

const dir = mkdtempSync(join(tmpdir(), "declics-cli-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = "";
  return stream;
}

async function run(bytes: Uint8Array, options: Partial<EligibilityCommandOptions> = {}) {
  const input = join(dir, `in-${++counter}.csv`);
  const output = join(dir, `out-${counter}.csv`);
  writeFileSync(input, bytes);
  const stdout = sink();
  const stderr = sink();
  const engine = createFakeEngine();
  const code = await runEligibility(
    {
      input,
      output,
      today: "2026-11-28",
      columns: {},
      geocode: false,
      quiet: false,
      lang: "fr",
      batchSize: 7,
      ...options,
    },
    { stdout, stderr, loadEngine: async () => engine },
  );
  return { code, input, output, stdout: stdout.text, stderr: stderr.text, engine };
}

function readOutput(path: string, encoding: CsvEncoding, delimiter: string): string[][] {
  const bytes = readFileSync(path);
  const text = iconv.decode(bytes, encoding === "windows-1252" ? "win1252" : "utf8");
  return parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

const encode = (text: string, encoding: CsvEncoding): Buffer =>
  encoding === "windows-1252"
    ? iconv.encode(text, "win1252")
    : Buffer.concat([
        encoding === "utf-8-bom" ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
        Buffer.from(text, "utf8"),
      ]);

describe("runEligibility (pipeline, on a stand-in engine)", () => {
  it("appends the result columns to every row, in order, keeping the input's delimiter and values", async () => {
    const csv = 'nom;lon;lat\n"Dupont; Jean";1,39;43,57\nMartin;1,45;43,60\n';
    const { code, output, stdout } = await run(Buffer.from(csv));
    expect(code).toBe(0);
    const rows = readOutput(output, "utf-8", ";");
    expect(rows[0]).toEqual(["nom", "lon", "lat", ...RESULT_COLUMNS]);
    expect(rows[1]?.slice(0, 5)).toEqual(["Dupont; Jean", "1,39", "43,57", "eligible", "QN03107M"]);
    expect(rows[2]?.slice(0, 4)).toEqual(["Martin", "1,45", "43,60", "not_eligible"]);
    expect(stdout).toContain("2 lignes traitées");
  });

  it("gives every undecidable row its reason: blank, missing, garbage, half a point, too many columns, bad date", async () => {
    const csv = [
      "id,lon,lat,code_insee,quand",
      "1,,,,2024-01-01",
      ",,,,",
      "3,abc,43.5,,2024-01-01",
      "4,1.39,,,2024-01-01",
      "5,,,99999,2024-01-01",
      "6,1.39,43.57,,demain",
      "7,1.39,43.57,,2024-01-01,extra",
      "8,,,31555,01/02/2024",
      "",
    ].join("\n");
    const { code, output } = await run(Buffer.from(csv), { dateColumn: "quand" });
    expect(code).toBe(0);
    const rows = readOutput(output, "utf-8", ",");
    const reasons = rows.slice(1).map((r) => [r[0], r[5], r[13]]);
    expect(reasons).toEqual([
      ["1", "error", "missing_location"],
      ["", "error", "empty_row"],
      ["3", "error", "invalid_coordinates"],
      ["4", "error", "invalid_coordinates"],
      ["5", "error", "unknown_code"],
      ["6", "error", "invalid_date"],
      ["7", "error", "too_many_columns"],
      ["8", "not_eligible", "outside_qpv"],
    ]);
    // Nothing dropped: the extra field follows the result columns.
    expect(rows[7]?.at(-1)).toBe("extra");
  });

  it("refuses a file without a location column (exit 2) and an unknown named column (exit 1), leaving no output", async () => {
    const none = await run(Buffer.from("nom;prenom\nA;B\n"));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("aucune colonne de localisation");
    const unknown = await run(Buffer.from("lon;lat\n1;43\n"), { dateColumn: "quand" });
    expect(unknown.code).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("says an empty or missing file is unreadable (exit 2)", async () => {
    expect((await run(new Uint8Array())).code).toBe(2);
    const stderr = sink();
    const code = await runEligibility(
      { input: join(dir, "nope.csv"), today: "2026-11-28", columns: {}, geocode: false, quiet: true, lang: "en" },
      { stdout: sink(), stderr, loadEngine: async () => createFakeEngine() },
    );
    expect(code).toBe(2);
    expect(stderr.text).toContain("Unreadable input file");
  });

  it("reports an unterminated quote as unreadable and removes the partial output", async () => {
    const { code, output, stderr } = await run(Buffer.from('lon,lat,nom\n1.39,43.57,"jamais fermé\n'.repeat(1)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/illisible/);
    expect(() => readFileSync(output)).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("detects Windows-1252 accents that only appear after the first 64 KiB", async () => {
    const head = "nom;lon;lat\n" + "Martin;1,39;43,57\n".repeat(5000);
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode("Hélène Cœur;1,45;43,60\n", "win1252")]);
    const { code, output } = await run(bytes, { quiet: true });
    expect(code).toBe(0);
    const rows = readOutput(output, "windows-1252", ";");
    expect(rows).toHaveLength(5002);
    expect(rows.at(-1)?.[0]).toBe("Hélène Cœur");
  });

  it("summarises by status and by reason, most frequent first", () => {
    const text = formatSummary(
      { rows: 3, byStatus: { eligible: 1, error: 2 }, byReason: { in_qpv: 1, empty_row: 2 } },
      "out.csv",
      "en",
    );
    expect(text).toBe(
      "3 rows processed, written to out.csv.\nBy status:\n  error     2\n  eligible  1\nBy reason:\n  empty_row  2\n  in_qpv     1",
    );
  });

  it("property: rows in = rows out, in order, values unchanged, whatever the delimiter, encoding and content", async () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "é", "È", "ç", " ", ";", ",", "\t", '"', "\n", "1", "€"),
      maxLength: 6,
    });
    const coordinate = fc.oneof(
      fc.double({ min: 1.3, max: 1.5, noNaN: true }).map((v) => v.toFixed(4)),
      fc.constantFrom("", "n/a", "1,4", " 43.6 ", "abc"),
    );
    const row = fc.tuple(cell, coordinate, coordinate, cell);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom<CsvEncoding>("utf-8", "utf-8-bom", "windows-1252"),
        fc.array(fc.oneof({ weight: 5, arbitrary: row }, { weight: 1, arbitrary: fc.constant(null) }), {
          minLength: 0,
          maxLength: 30,
        }),
        async (delimiter, encoding, rows) => {
          const input = rows.map((r) => (r === null ? ["", "", "", ""] : [...r]));
          const lines = [
            formatCsvRow(["nom", "lon", "lat", "note"], delimiter),
            ...input.map((r) => (r.every((f) => f === "") ? "" : formatCsvRow(r, delimiter))),
          ];
          // Garbage in the first rows is no evidence for the coordinate columns: name them.
          const { code, output } = await run(encode(`${lines.join("\r\n")}\r\n`, encoding), {
            quiet: true,
            columns: { lon: "lon", lat: "lat" },
          });
          expect(code).toBe(0);
          const back = readOutput(output, encoding, delimiter);
          expect(back).toHaveLength(input.length + 1);
          back.slice(1).forEach((fields, i) => {
            expect(fields.slice(0, 4)).toEqual(input[i]);
            expect(["eligible", "not_eligible", "uncertain", "error"]).toContain(fields[4]);
            expect(fields).toHaveLength(4 + RESULT_COLUMNS.length);
          });
          // Same encoding out as in: a BOM stays, Windows-1252 stays single-byte.
          const bytes = readFileSync(output);
          expect(bytes[0] === 0xef && bytes[1] === 0xbb).toBe(encoding === "utf-8-bom");
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("runEligibility keeps every record and every cell's bytes (issue #10)", () => {
  const title =
    "property: random CSV files (delimiters, quoting, mixed line endings, both encodings, empty and ragged rows): " +
    "records in = records out, every input cell byte-identical";
  it(title, async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (file) => {
        const { code, output } = await run(file.bytes, { quiet: true, columns: { lon: "lon", lat: "lat" } });
        expect(code).toBe(0);
        const sent = cellBytes(file.bytes, file.delimiter);
        expect(sent).toHaveLength(file.records);
        const back = cellBytes(readFileSync(output), file.delimiter);
        expect(back).toHaveLength(sent.length);
        sent.forEach((cells, i) => {
          if (i === 0) expect(back[0]?.slice(0, 4)).toEqual(cells);
          // A row's own cells come first; cells beyond the header's width follow the result columns.
          else
            expect([
              ...(back[i] ?? []).slice(0, Math.min(cells.length, 4)),
              ...(back[i] ?? []).slice(4 + RESULT_COLUMNS.length),
            ]).toEqual(cells);
        });
      }),
      { numRuns: 150 },
    );
  });
});
