import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPath, hasRealData, PROJECT_ROOT } from "../support/real-data.js";

/**
 * The built CLI (dist/cli/main.js) run as a child process on the fixtures of test/fixtures/cli and on the
 * real compiled data. `npm test` builds first; alone, run `npm run build` before `npx vitest run test/cli`.
 */

const CLI = resolve(PROJECT_ROOT, "dist", "cli", "main.js");
const FIXTURES = resolve(PROJECT_ROOT, "test", "fixtures", "cli");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function declics(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  if (!existsSync(CLI))
    throw new Error(`The built CLI is missing: ${CLI}. Run \`npm run build\` first (npm test does it).`);
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}

const fixture = (name: string): string => join(FIXTURES, name);
const readCsv = (path: string, delimiter: string, encoding = "utf8"): string[][] =>
  parse(iconv.decode(readFileSync(path), encoding), {
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "declics-cli-"));
});
afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});
const out = (name: string): string => join(dir, name);

describe("declics without data: usage, help and exit codes", () => {
  it("prints help with examples on every command, in French by default and in English with --lang en", async () => {
    const main = await declics(["--help"]);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain("Exemples :");
    expect(main.stdout).toContain("Codes de sortie");
    for (const command of ["check", "eligibility", "data"]) {
      const help = await declics([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`declics ${command}`);
      expect(help.stdout).toContain("Exemples :");
    }
    const english = await declics(["eligibility", "--help", "--lang", "en"]);
    expect(english.stdout).toContain("Examples:");
    expect(english.stdout).toContain("output file");
  });

  it("exits 1 on usage errors, with a French message", async () => {
    const unknown = await declics(["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("commande inconnue");
    const badDate = await declics(["eligibility", fixture("excel-utf8-bom-semicolon.csv"), "--on", "31/02/2024"]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain("n'est pas une date");
    const twoSubjects = await declics(["check", "1.4", "43.5", "--code-insee", "31555"]);
    expect(twoSubjects.code).toBe(1);
    expect(twoSubjects.stderr).toContain("exactement une localisation");
  });

  it("exits 2 when the input cannot be read", async () => {
    const missing = await declics(["eligibility", join(dir, "absent.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Fichier d'entrée illisible");
    const english = await declics(["eligibility", join(dir, "absent.csv"), "--lang", "en"]);
    expect(english.stderr).toContain("Unreadable input file");
  });
});

describe.skipIf(!hasRealData(buildPath("manifest.json"), buildPath("qpv2024.layer.bin")))(
  "declics on the real compiled data",
  () => {
    it("reads an Excel UTF-8 file (BOM, semicolons, decimal commas, CRLF) and writes it back the same way, plus the answers", async () => {
      const target = out("excel.csv");
      const run = await declics([
        "eligibility",
        fixture("excel-utf8-bom-semicolon.csv"),
        "-o",
        target,
        "--on",
        "2024-05-01",
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("3 lignes traitées");
      expect(run.stdout).toContain("Par statut");
      const bytes = readFileSync(target);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString("utf8")).toContain("\r\n");
      const input = readCsv(fixture("excel-utf8-bom-semicolon.csv"), ";");
      const rows = readCsv(target, ";");
      expect(rows.map((r) => r.slice(0, 5))).toEqual(input);
      expect(rows[0]?.slice(5)).toEqual([
        "status",
        "qpv_code",
        "qpv_name",
        "rural_regime",
        "rural_status",
        "commune_code",
        "commune_name",
        "distance_m",
        "reason",
      ]);
      expect(rows.slice(1).map((r) => [r[5], r[6], r[10]])).toEqual([
        ["eligible", "QN03107M", "31555"],
        ["not_eligible", "", "31555"],
        ["eligible", "QN07511M", "75056"],
      ]);
    });

    it("reads Windows-1252 accents and commune codes (a lost leading zero, an arrondissement, a postcode, an unknown code)", async () => {
      const target = out("cp1252.csv");
      const run = await declics([
        "eligibility",
        fixture("windows-1252-codes.csv"),
        "-o",
        target,
        "--on",
        "2024-05-01",
        "-q",
      ]);
      expect(run.code).toBe(0);
      const input = readCsv(fixture("windows-1252-codes.csv"), ";", "win1252");
      const rows = readCsv(target, ";", "win1252");
      expect(rows.map((r) => r.slice(0, 4))).toEqual(input);
      expect(rows[2]?.[0]).toBe("Anaïs Cœur");
      expect(rows.slice(1).map((r) => [r[4], r[9], r[12]])).toEqual([
        ["uncertain", "31555", "commune_has_qpv|zrr_not_classified"],
        ["uncertain", "01053", "commune_has_qpv|zrr_not_classified"],
        ["uncertain", "75056", "commune_has_qpv|zrr_not_classified"],
        [rows[4]?.[4], "31555", rows[4]?.[12]],
        ["error", "", "unknown_code"],
      ]);
    });

    it("keeps quoted fields with line breaks, delimiters and quotes intact", async () => {
      const target = out("quoted.csv");
      const run = await declics([
        "eligibility",
        fixture("quoted-multiline.csv"),
        "-o",
        target,
        "--on",
        "2024-05-01",
        "-q",
      ]);
      expect(run.code).toBe(0);
      const input = readCsv(fixture("quoted-multiline.csv"), ",");
      const rows = readCsv(target, ",");
      expect(rows).toHaveLength(input.length);
      expect(rows.map((r) => r.slice(0, 5))).toEqual(input);
      expect(rows.slice(1).map((r) => r[5])).toEqual(["eligible", "not_eligible", "eligible"]);
    });

    it("answers every row of a messy file, blank lines and garbage included, with the reason", async () => {
      const target = out("messy.csv");
      const run = await declics(["eligibility", fixture("blank-and-garbage.csv"), "-o", target, "--on", "2024-05-01"]);
      expect(run.code).toBe(0);
      const rows = readCsv(target, ";");
      expect(rows.slice(1).map((r) => [r[0], r[4], r[12]])).toEqual([
        ["A", "eligible", "in_qpv|zrr_not_classified"],
        ["", "error", "empty_row"],
        ["B", "error", "missing_location"],
        ["C", "error", "invalid_coordinates"],
        ["D", "error", "swapped_coordinates"],
        ["E", "error", "outside_france"],
        ["F", "error", "invalid_coordinates"],
        ["G", "error", "too_many_columns"],
        ["", "error", "empty_row"],
        ["H", "not_eligible", "outside_qpv|zrr_not_classified"],
      ]);
      expect(rows[8]?.at(-1)).toBe("surplus");
      expect(run.stdout).toMatch(/empty_row\s+2/);
    });

    it("reads Lambert-93 in a tab-separated file with a date per row (the 2015 -> 2024 QPV switch)", async () => {
      const target = out("l93.tsv");
      const run = await declics([
        "eligibility",
        fixture("lambert93-dates.tsv"),
        "-o",
        target,
        "--date-column",
        "date_inscription",
        "-q",
      ]);
      expect(run.code).toBe(0);
      const rows = readCsv(target, "\t");
      expect(rows.slice(1).map((r) => [r[3], r[4], r[11]])).toEqual([
        ["eligible", "QP031007", "in_qpv|zrr_not_classified"],
        ["eligible", "QN03107M", "in_qpv|zrr_not_classified"],
        ["not_eligible", "", "outside_qpv|zrr_not_classified"],
        ["error", "", "invalid_date"],
      ]);
    });

    it("converts delimiter and encoding when told, and writes to standard output with -o -", async () => {
      const run = await declics([
        "eligibility",
        fixture("windows-1252-codes.csv"),
        "-o",
        "-",
        "--output-delimiter",
        ",",
        "--output-encoding",
        "utf-8",
        "--on",
        "2024-05-01",
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout.split("\n")[1]).toMatch(/^François Lefèvre,Toulouse,31555,,uncertain,/);
      expect(run.stderr).toContain("5 lignes traitées");
    });

    it("writes the default output beside the input and never leaves a temporary file", async () => {
      const copy = out("personnes.csv");
      await once(createWriteStream(copy).end(readFileSync(fixture("excel-utf8-bom-semicolon.csv"))), "finish");
      const run = await declics(["eligibility", copy, "-q"]);
      expect(run.code).toBe(0);
      expect(existsSync(out("personnes-eligibilite.csv"))).toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    });

    it("streams 100,000 rows: rows in = rows out, in order", async () => {
      const input = out("big.csv");
      const stream = createWriteStream(input);
      stream.write("id;lon;lat\n");
      let chunk = "";
      for (let i = 0; i < 100_000; i++) {
        // Points spread over Toulouse, with a blank line and a garbage value now and then.
        if (i % 9973 === 0) chunk += `${i};;\n`;
        else if (i % 7919 === 0) chunk += `${i};n/a;43,6\n`;
        else
          chunk += `${i};${(1.35 + (i % 997) / 8000).toFixed(5).replace(".", ",")};${(43.55 + (i % 991) / 10000).toFixed(5).replace(".", ",")}\n`;
        if (chunk.length > 1 << 16) {
          stream.write(chunk);
          chunk = "";
        }
      }
      stream.end(chunk);
      await once(stream, "finish");
      const target = out("big-out.csv");
      const run = await declics(["eligibility", input, "-o", target, "--on", "2024-05-01", "-q"]);
      expect(run.code).toBe(0);
      const lines = readFileSync(target, "utf8").split("\n");
      expect(lines.at(-1)).toBe("");
      expect(lines).toHaveLength(100_002);
      let previous = -1;
      for (let i = 1; i < lines.length - 1; i++) {
        const id = Number((lines[i] as string).slice(0, (lines[i] as string).indexOf(";")));
        expect(id).toBe(previous + 1);
        previous = id;
      }
      const statuses = new Set(lines.slice(1, -1).map((l) => l.split(";")[3]));
      expect([...statuses].sort()).toEqual(
        ["eligible", "error", "not_eligible", "uncertain"].filter((s) => statuses.has(s)).sort(),
      );
      expect(statuses.has("eligible") && statuses.has("not_eligible") && statuses.has("error")).toBe(true);
    });

    it("property: rows in = rows out, in order, on generated files of every kind", async () => {
      const cell = fc.string({
        unit: fc.constantFrom("a", "é", "ç", " ", ";", ",", "\t", '"', "\n", "1"),
        maxLength: 5,
      });
      const coordinate = fc.oneof(
        fc.double({ min: 1.3, max: 1.5, noNaN: true }).map((v) => v.toFixed(5)),
        fc.constantFrom("", "x", "43,6"),
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(",", ";", "\t"),
          fc.constantFrom("utf8", "win1252"),
          fc.array(
            fc.tuple(
              cell,
              coordinate,
              fc.double({ min: 43.5, max: 43.7, noNaN: true }).map((v) => v.toFixed(5)),
              cell,
            ),
            { maxLength: 25 },
          ),
          async (delimiter, encoding, rows) => {
            const quote = (v: string): string => (/[";,\t\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
            const text =
              ["nom", "lon", "lat", "note"].join(delimiter) +
              "\r\n" +
              rows.map((r) => r.map(quote).join(delimiter)).join("\r\n") +
              "\r\n";
            const input = out(`prop-${++run}.csv`);
            await once(createWriteStream(input).end(iconv.encode(text, encoding)), "finish");
            const target = out(`prop-${run}-out.csv`);
            // Garbage in the first rows is no evidence for the coordinate columns (issue #10, item 6): name them.
            const result = await declics([
              "eligibility",
              input,
              "-o",
              target,
              "--on",
              "2024-05-01",
              "-q",
              "--lon-column",
              "lon",
              "--lat-column",
              "lat",
            ]);
            expect(result.code).toBe(0);
            const back = readCsv(target, delimiter, encoding);
            const sent = readCsv(input, delimiter, encoding);
            expect(back).toHaveLength(sent.length);
            // A blank line comes back as a row of empty cells (with its reason), so compare padded rows.
            const pad = (r: readonly string[] | undefined): string[] =>
              Array.from({ length: 4 }, (_, k) => r?.[k] ?? "");
            back.forEach((fields, i) => expect(pad(fields)).toEqual(pad(sent[i])));
          },
        ),
        { numRuns: 8 },
      );
    });

    it("checks one person and explains in French, or in English, or as JSON", async () => {
      const fr = await declics(["check", "1.4025", "43.5712", "--on", "2024-05-01"]);
      expect(fr.code).toBe(0);
      expect(fr.stdout).toContain("ÉLIGIBLE — 2024-05-01");
      expect(fr.stdout).toContain("QN03107M « Grand Mirail »");
      const en = await declics(["check", "1,4442", "43,6045", "--on", "2024-05-01", "--lang", "en"]);
      expect(en.stdout).toContain("NOT ELIGIBLE");
      const json = await declics(["check", "--code-insee", "31555", "--on", "2023-06-01", "--json"]);
      const result = JSON.parse(json.stdout) as { status: string; commune: { codeInsee: string } };
      expect(result).toMatchObject({ status: "uncertain", commune: { codeInsee: "31555" } });
      const l93 = await declics(["check", "--x", "570915.37", "--y", "6275987.74", "--on", "2024-05-01", "--json"]);
      expect((JSON.parse(l93.stdout) as { qpv: { zone: { code: string } } }).qpv.zone.code).toBe("QN03107M");
      const negative = await declics(["check", "-1.5536", "47.2184", "--on", "2024-05-01"]);
      expect(negative.stdout).toContain("Nantes (44109)");
    });

    it("refuses swapped coordinates with exit 1, and says when the address service cannot be reached (exit 3)", async () => {
      const swapped = await declics(["check", "43.5712", "1.4025"]);
      expect(swapped.code).toBe(1);
      expect(swapped.stderr).toContain("inversées");
      const offline = await declics([
        "check",
        "--address",
        "1 place du Capitole 31000 Toulouse",
        "--geocoder-url",
        "http://127.0.0.1:9",
      ]);
      expect(offline.code).toBe(3);
      expect(offline.stderr).toContain("injoignable");
    });

    it("geocodes addresses through the address API (a local stand-in serving a recorded answer)", async () => {
      const answer = readFileSync(resolve(PROJECT_ROOT, "test", "fixtures", "ban", "geoplateforme-housenumber.json"));
      const queries: string[] = [];
      const server: Server = createServer((request, response) => {
        queries.push(request.url ?? "");
        response.writeHead(200, { "content-type": "application/json" });
        response.end(answer);
      });
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      const address = server.address();
      const url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
      try {
        const one = await declics([
          "check",
          "--address",
          "20 avenue de Ségur 75007 Paris",
          "--geocoder-url",
          url,
          "--on",
          "2024-05-01",
          "--json",
        ]);
        expect(one.code).toBe(0);
        expect(JSON.parse(one.stdout)).toMatchObject({
          commune: { codeInsee: "75056" },
          point: { lon: 2.308628, lat: 48.850699 },
        });
        expect(queries[0]).toMatch(/^\/search\?q=20\+avenue\+de\+S%C3%A9gur/);
        const csv = out("adresses.csv");
        await once(createWriteStream(csv).end("nom;adresse\nA;20 avenue de Ségur 75007 Paris\nB;\n"), "finish");
        const target = out("adresses-out.csv");
        const without = await declics(["eligibility", csv, "-o", target, "--on", "2024-05-01", "-q"]);
        expect(without.code).toBe(0);
        expect(readCsv(target, ";").map((r) => r[r.length - 1])).toEqual([
          "reason",
          "address_not_geocoded",
          "missing_location",
        ]);
        const withGeocoder = await declics([
          "eligibility",
          csv,
          "-o",
          target,
          "--on",
          "2024-05-01",
          "-q",
          "--geocode",
          "--geocoder-url",
          url,
        ]);
        expect(withGeocoder.code).toBe(0);
        expect(readCsv(target, ";").map((r) => [r[2], r[7]])).toEqual([
          ["status", "commune_code"],
          ["not_eligible", "75056"],
          ["error", ""],
        ]);
      } finally {
        server.close();
      }
    });

    it("draws the evidence as a standalone SVG: point, QPV, commune, scale bar, legend", async () => {
      const svg = out("preuve.svg");
      const run = await declics(["check", "1.4025", "43.5712", "--on", "2024-05-01", "--svg", svg]);
      expect(run.code).toBe(0);
      const text = readFileSync(svg, "utf8");
      expect(text.startsWith("<?xml")).toBe(true);
      expect(text).toContain("<circle");
      expect(text).toContain("QPV QN03107M « Grand Mirail »");
      expect(text).toContain("Commune Toulouse (31555)");
      expect(text).toMatch(/<text[^>]*>\d+ (m|km)<\/text>/);
      expect(text).not.toMatch(/NaN|undefined|href=/);
      expect((text.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(3);
    });

    it("lists the bundled datasets with vintage, validity, coverage, accuracy and checksum", async () => {
      const text = await declics(["data"]);
      expect(text.code).toBe(0);
      for (const label of ["Millésime", "Validité", "Couverture", "Précision", "SHA-256"])
        expect(text.stdout).toContain(label);
      const json = await declics(["data", "--json"]);
      const datasets = JSON.parse(json.stdout) as { id: string; sha256: string }[];
      expect(datasets.length).toBeGreaterThan(3);
      expect(datasets.every((d) => /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
    });
  },
);
