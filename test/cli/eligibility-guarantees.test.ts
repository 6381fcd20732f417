import { execFile, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { once } from "node:events";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellBytes, csvFile } from "../support/csv-files.js";
import { BUILT_CLI, runBuiltCli as declics } from "../support/built-cli.js";
import { buildPath, hasRealData } from "../support/real-data.js";

/**
 * The guarantees of `declics eligibility` (docs/cli.md, "What the command guarantees"), each a regression test
 * of issue #10 run on the BUILT CLI (dist/cli/main.js; `npm test` builds first). Cells are compared as bytes:
 * files are parsed as latin1 (one character per byte), with CRLF, LF and CR all ending a record.
 */

/** Records of a CSV file's bytes, each cell as a latin1 string (its exact bytes). */
function cellsOf(bytes: Buffer, delimiter: string): string[][] {
  return parse(bytes, {
    delimiter,
    encoding: "latin1",
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "declics-guarantees-"));
});
afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});
const path = (name: string): string => join(dir, name);
const write = (name: string, content: string | Buffer): string => {
  writeFileSync(path(name), content);
  return path(name);
};
const tmpFiles = (folder = dir): string[] => readdirSync(folder).filter((f) => f.endsWith(".tmp"));

/** A local stand-in for the address service (127.0.0.1 only). */
async function addressServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`, server };
}
const HIT = JSON.stringify({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [1.4025, 43.5712] },
      properties: {
        score: 0.97,
        type: "housenumber",
        label: "1 rue X 31100 Toulouse",
        citycode: "31555",
        postcode: "31100",
      },
    },
  ],
});

const ready = hasRealData(buildPath("manifest.json"), buildPath("qpv2024.layer.bin"));

describe.skipIf(!ready)("declics eligibility keeps every row (issue #10, items 1, 2)", () => {
  it("1. ends a record at CRLF, LF or CR outside quotes, whatever the first line used", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i};1,40${i % 10};43,57`);
    const endings = ["\r\n", "\n", "\r"];
    // A CRLF header with LF rows; then every ending mixed; a quoted cell keeps its own line breaks.
    const files = {
      "crlf-header-lf-rows.csv": `id;lon;lat\r\n${rows.join("\n")}\n`,
      "lf-header-crlf-rows.csv": `id;lon;lat\n${rows.join("\r\n")}\r\n`,
      "all-endings.csv": `id;lon;lat\r\n${rows.map((r, i) => r + endings[i % 3]).join("")}`,
      "quoted-breaks.csv": `id;lon;lat\r\n"a\nb\r\nc\rd";1,40;43,57\n${rows.join("\r")}`,
    };
    for (const [name, text] of Object.entries(files)) {
      const input = write(name, text);
      const run = await declics(["eligibility", input, "-o", path(`out-${name}`), "--on", "2024-05-01"]);
      expect(run.code, name).toBe(0);
      const sent = cellsOf(readFileSync(input), ";");
      const back = cellsOf(readFileSync(path(`out-${name}`)), ";");
      expect(back, name).toHaveLength(sent.length);
      back.forEach((cells, i) => expect(cells.slice(0, 3), `${name} row ${i}`).toEqual(sent[i]));
      expect(
        back.slice(1).every((cells) => !/\r|\n/.test(cells[2] ?? "") && cells[3] !== "error"),
        name,
      ).toBe(true);
      expect(run.stdout).toContain(`${sent.length - 1} lignes traitées`);
    }
  });

  it(
    "property: random CSV files (delimiters, quoting, mixed line endings, both encodings," +
      " empty and ragged rows) keep every record and every cell's bytes",
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(csvFile, async (file) => {
          const input = write(`random-${++run}.csv`, file.bytes);
          const result = await declics([
            "eligibility",
            input,
            "-o",
            path(`random-${run}-out.csv`),
            "--on",
            "2024-05-01",
            "-q",
            "--lon-column",
            "lon",
            "--lat-column",
            "lat",
          ]);
          expect(result.code).toBe(0);
          const sent = cellBytes(file.bytes, file.delimiter);
          const back = cellBytes(readFileSync(path(`random-${run}-out.csv`)), file.delimiter);
          expect(sent).toHaveLength(file.records);
          expect(back).toHaveLength(sent.length);
          sent.forEach((cells, i) =>
            expect([...(back[i] ?? []).slice(0, Math.min(cells.length, 4)), ...(back[i] ?? []).slice(13)]).toEqual(
              i === 0 ? [...cells] : cells,
            ),
          );
        }),
        { numRuns: 8 },
      );
    },
  );

  it("2. gives Windows-1252 cells back byte for byte, the five undefined bytes included", async () => {
    const name = Buffer.from([0x41, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xe9, 0x9c, 0x80]);
    const input = write(
      "cp1252.csv",
      Buffer.concat([Buffer.from("nom;lon;lat\r\n"), name, Buffer.from(";1,40;43,57\r\n")]),
    );
    const run = await declics(["eligibility", input, "-o", path("cp1252-out.csv"), "--on", "2024-05-01", "-q"]);
    expect(run.code).toBe(0);
    const out = readFileSync(path("cp1252-out.csv"));
    expect(cellsOf(out, ";")[1]?.[0]).toBe(name.toString("latin1"));
    expect(out.subarray(0, 13).toString()).toBe("nom;lon;lat;s");
  });

  it("2. keeps a UTF-8 file with one stray Windows-1252 byte as it is, and says so (summary and reason)", async () => {
    const input = write(
      "mixed.csv",
      Buffer.concat([
        Buffer.from("nom;lon;lat\nLOÏC;1,40;43,57\n"),
        Buffer.from([0x4c, 0xc9, 0x41]),
        Buffer.from(";1,40;43,57\nÉlodie;1,40;43,57\n"),
      ]),
    );
    const run = await declics(["eligibility", input, "-o", path("mixed-out.csv"), "--on", "2024-05-01"]);
    expect(run.code).toBe(0);
    const sent = cellsOf(readFileSync(input), ";");
    const back = cellsOf(readFileSync(path("mixed-out.csv")), ";");
    expect(back.map((r) => r[0])).toEqual(sent.map((r) => r[0]));
    expect(Buffer.from(back[1]?.[0] ?? "", "latin1").toString("utf8")).toBe("LOÏC");
    expect(back[2]?.at(-1)).toMatch(/mixed_encoding$/);
    expect(back[1]?.at(-1)).not.toMatch(/mixed_encoding/);
    expect(run.stderr).toContain("autre encodage");
    expect(run.stdout).toMatch(/1 ligne\(s\) \(3\)/);
  });

  it("2. refuses to write a character the output encoding lacks (Łukasz in Windows-1252), leaving no file", async () => {
    const input = write("polish.csv", "nom;lon;lat\nAnna;1,40;43,57\nŁukasz;1,40;43,57\n");
    const target = path("polish-out.csv");
    const run = await declics([
      "eligibility",
      input,
      "-o",
      target,
      "--output-encoding",
      "windows-1252",
      "--on",
      "2024-05-01",
      "--lang",
      "en",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("row 3");
    expect(run.stderr).toContain("Ł (U+0141)");
    expect(run.stderr).toContain("[unencodable_output]");
    expect(existsSync(target)).toBe(false);
    expect(tmpFiles()).toEqual([]);
    // The same file converts fine to UTF-8 with a BOM.
    expect(
      (
        await declics([
          "eligibility",
          input,
          "-o",
          target,
          "--output-encoding",
          "utf-8-bom",
          "-q",
          "--on",
          "2024-05-01",
        ])
      ).code,
    ).toBe(0);
  });
});

describe.skipIf(!ready)("declics eligibility writes its output safely (items 3, 4, 5)", () => {
  const bigInput = (): string => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i};Personne ${i};1,40;43,57`).join("\n");
    return write("big.csv", `id;nom;lon;lat\n${rows}\n`);
  };

  it("3. exits 3 naming the output when its folder is missing or is a file (more than 1 MiB to write)", async () => {
    const input = bigInput();
    for (const target of [path("no/such/folder/out.csv"), join(input, "out.csv")]) {
      const run = await declics(["eligibility", input, "-o", target, "--on", "2024-05-01"]);
      expect(run.code, target).toBe(3);
      expect(run.stderr).toContain(target);
      expect(run.stderr).toContain("[output_unavailable]");
    }
  });

  it("3. exits 3 naming standard output when the disk is full (/dev/full), not blaming the input", async () => {
    const input = bigInput();
    const full = openSync("/dev/full", "w");
    try {
      const child = spawn(process.execPath, [BUILT_CLI, "eligibility", input, "-o", "-", "--on", "2024-05-01", "-q"], {
        stdio: ["ignore", full, "pipe"],
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, "close")) as [number];
      expect(code).toBe(3);
      expect(stderr).toContain("[output_unavailable]");
      expect(stderr).not.toContain("illisible");
    } finally {
      closeSync(full);
    }
  });

  it("3. ends quietly, exit 0, when the reader of standard output goes away (| head)", async () => {
    const input = bigInput();
    const child = spawn(process.execPath, [BUILT_CLI, "eligibility", input, "-o", "-", "--on", "2024-05-01"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const [code] = (await once(child, "close")) as [number];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Erreur|illisible/);
  });

  it("4. refuses an output that is the input through a symbolic or hard link (device + inode), leaving the input intact", async () => {
    const input = write("precious.csv", "id;lon;lat\n1;1,40;43,57\n");
    symlinkSync(input, path("link-to-precious.csv"));
    linkSync(input, path("hard-link-to-precious.csv"));
    for (const target of [path("link-to-precious.csv"), path("hard-link-to-precious.csv"), input]) {
      const run = await declics(["eligibility", input, "-o", target, "--on", "2024-05-01"]);
      expect(run.code, target).toBe(1);
      expect(run.stderr).toContain("[usage]");
      expect(readFileSync(input, "utf8")).toBe("id;lon;lat\n1;1,40;43,57\n");
    }
  });

  it("5. refuses targets that are not regular files (FIFOs, sockets, folders), and writes through a link to a regular file", async () => {
    // Devices are checked the same way (src/cli/eligibility-output-target.test.ts) without pointing a build at
    // them here: a build with the old bug, run as root, would replace /dev/null or /dev/stdout with a file.
    const input = write("small.csv", "id;lon;lat\n1;1,40;43,57\n");
    mkdirSync(path("a-folder"));
    await new Promise((done) => execFile("mkfifo", [path("fifo")], done));
    const socket = createNetServer().listen(path("socket"));
    await once(socket, "listening");
    for (const target of [path("a-folder"), path("socket"), ...(existsSync(path("fifo")) ? [path("fifo")] : [])]) {
      const run = await declics(["eligibility", input, "-o", target, "--on", "2024-05-01"]);
      expect(run.code, target).toBe(1);
      expect(run.stderr, target).toContain("[usage]");
    }
    // A link to a regular file: the file it points to is replaced, the link stays a link.
    write("real-target.csv", "old");
    symlinkSync(path("real-target.csv"), path("link-target.csv"));
    expect(
      (await declics(["eligibility", input, "-o", path("link-target.csv"), "-q", "--on", "2024-05-01"])).code,
    ).toBe(0);
    expect(readFileSync(path("real-target.csv"), "utf8")).toContain("status");
    expect(tmpFiles()).toEqual([]);
    socket.close();
  });
});

describe.skipIf(!ready)("declics eligibility chooses columns on evidence and geocodes with care (items 6, 7)", () => {
  it("6. does not take a comments column named Com. for the commune code, nor names for addresses: nothing is sent", async () => {
    const queries: string[] = [];
    const { url, server } = await addressServer((request, response) => {
      queries.push(request.url ?? "");
      response.writeHead(200, { "content-type": "application/json" }).end(HIT);
    });
    try {
      const input = write("names.csv", "Nom;Com.;Label;cp\nAna;rappeler lundi;Ana Martin;31100\nLéo;ok;Léo Petit;\n");
      const run = await declics([
        "eligibility",
        input,
        "-o",
        path("names-out.csv"),
        "--geocode",
        "--geocoder-url",
        url,
        "--on",
        "2024-05-01",
      ]);
      expect(run.code).toBe(0);
      expect(queries).toEqual([]);
      expect(run.stderr).toContain("postcode=cp");
      expect(run.stderr).toContain("« Com. »");
      expect(run.stderr).toContain("« Label »");
      // Named explicitly, the column is used (and only its cells are sent).
      const named = await declics([
        "eligibility",
        input,
        "-o",
        path("names-out.csv"),
        "--geocode",
        "--geocoder-url",
        url,
        "--address-column",
        "Label",
        "--on",
        "2024-05-01",
        "-q",
      ]);
      expect(named.code).toBe(0);
      expect(queries.map((q) => new URL(q, url).searchParams.get("q"))).toEqual(["Léo Petit"]);
    } finally {
      server.close();
    }
  });

  it("7. gives up on a service that never answers (timeout), retries 429/503 with backoff, and codes each row's reason", async () => {
    let inFlight = 0;
    let most = 0;
    const seen = new Map<string, number>();
    const { url, server } = await addressServer((request, response) => {
      const q = new URL(request.url ?? "/", "http://x").searchParams.get("q") ?? "";
      const n = (seen.get(q) ?? 0) + 1;
      seen.set(q, n);
      inFlight++;
      most = Math.max(most, inFlight);
      response.on("close", () => inFlight--);
      if (q.startsWith("silence")) return; // never answers
      if (q.startsWith("busy") && n === 1) return void response.writeHead(429, { "retry-after": "0" }).end();
      if (q.startsWith("down")) return void response.writeHead(503).end();
      setTimeout(() => response.writeHead(200, { "content-type": "application/json" }).end(HIT), 20);
    });
    try {
      const rows = [
        ...Array.from({ length: 20 }, (_, i) => `${i} rue des Lilas 31100 Toulouse`),
        "silence 1 rue X",
        "busy 2 rue Y",
        "down 3 rue Z",
      ];
      const input = write("addresses.csv", `adresse\n${rows.join("\n")}\n`);
      const started = Date.now();
      const run = await declics([
        "eligibility",
        input,
        "-o",
        path("addresses-out.csv"),
        "--geocode",
        "--geocoder-url",
        url,
        "--geocode-timeout",
        "2",
        "--geocode-retries",
        "2",
        "--on",
        "2024-05-01",
      ]);
      expect(run.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      const back = cellsOf(readFileSync(path("addresses-out.csv")), ",");
      const reason = (prefix: string): string | undefined => back.find((r) => r[0]?.startsWith(prefix))?.at(-1);
      expect(reason("silence")).toBe("geocoder_timeout");
      expect(reason("down")).toBe("geocoder_server_error");
      expect(reason("busy")).not.toMatch(/^geocoder_/);
      expect(seen.get("busy 2 rue Y")).toBe(2);
      expect(seen.get("down 3 rue Z")).toBe(3);
      expect(most).toBeLessThanOrEqual(8);
      expect(
        back
          .slice(1, 21)
          .filter((r) => r[1] === "error")
          .map((r) => r.at(-1)),
      ).toEqual([]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe.skipIf(!ready)("declics eligibility reads Excel's quirks and its own results (item 8)", () => {
  it("8. reads Excel's sep=; line (and writes it back), a header without final newline, a very long header", async () => {
    const sep = write("sep.csv", "sep=;\r\nid;lon;lat\r\n1;1,40;43,57\r\n");
    const run = await declics(["eligibility", sep, "-o", path("sep-out.csv"), "--on", "2024-05-01", "-q"]);
    expect(run.code).toBe(0);
    const text = readFileSync(path("sep-out.csv"), "latin1");
    expect(text.startsWith("sep=;\r\nid;lon;lat;status;")).toBe(true);
    expect(cellsOf(Buffer.from(text, "latin1"), ";")).toHaveLength(3);

    const bare = write("bare.csv", "id;lon;lat");
    const headerOnly = await declics(["eligibility", bare, "-o", path("bare-out.csv"), "--on", "2024-05-01"]);
    expect(headerOnly.code).toBe(0);
    expect(readFileSync(path("bare-out.csv"), "utf8").startsWith("id;lon;lat;status;")).toBe(true);

    const wide = Array.from({ length: 8000 }, (_, i) => `colonne_${i}`);
    const long = write(
      "long.csv",
      `${[...wide, "lon", "lat"].join(";")}\n${[...wide.map(() => ""), "1,40", "43,57"].join(";")}\n`,
    );
    const longRun = await declics(["eligibility", long, "-o", path("long-out.csv"), "--on", "2024-05-01", "-q"]);
    expect(longRun.code).toBe(0);
    expect(cellsOf(readFileSync(path("long-out.csv")), ";")[1]?.[8002]).toBe("eligible");
  });

  it("8. replaces its own result columns when run again on a previous result, and says so", async () => {
    const input = write("again.csv", "id;lon;lat\n1;1,40;43,57\n");
    expect((await declics(["eligibility", input, "-o", path("again-1.csv"), "--on", "2024-05-01", "-q"])).code).toBe(0);
    const second = await declics(["eligibility", path("again-1.csv"), "-o", path("again-2.csv"), "--on", "2015-06-01"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("exécution précédente");
    const first = cellsOf(readFileSync(path("again-1.csv")), ";");
    const back = cellsOf(readFileSync(path("again-2.csv")), ";");
    expect(back[0]?.filter((c) => c === "status")).toHaveLength(1);
    expect(back[0]).toEqual(first[0]);
    expect(back[1]?.slice(0, 3)).toEqual(["1", "1,40", "43,57"]);
  });
});

describe.skipIf(!ready)(
  "declics eligibility --excel-safe, hostile headers, check --svg, signals (items 10, 11)",
  () => {
    it("10. keeps formula-like cells unchanged by default and neutralises them with --excel-safe (numbers stay numbers)", async () => {
      const input = write(
        "formulas.csv",
        'nom;lon;lat\n"=HYPERLINK(""http://x"")";-1,5536;47,2184\n+33 6;1,40;43,57\n@SUM(A1);1,40;43,57\n"\tx";1,40;43,57\n-x;1,40;43,57\n',
      );
      expect(
        (await declics(["eligibility", input, "-o", path("formulas-plain.csv"), "--on", "2024-05-01", "-q"])).code,
      ).toBe(0);
      expect(cellsOf(readFileSync(path("formulas-plain.csv")), ";").map((r) => r[0])).toEqual(
        cellsOf(readFileSync(input), ";").map((r) => r[0]),
      );
      expect(
        (
          await declics([
            "eligibility",
            input,
            "-o",
            path("formulas-safe.csv"),
            "--excel-safe",
            "--on",
            "2024-05-01",
            "-q",
          ])
        ).code,
      ).toBe(0);
      const safe = cellsOf(readFileSync(path("formulas-safe.csv")), ";");
      expect(safe.slice(1).map((r) => r[0])).toEqual([
        '\'=HYPERLINK("http://x")',
        "'+33 6",
        "'@SUM(A1)",
        "'\tx",
        "'-x",
      ]);
      expect(safe[1]?.[1]).toBe("-1,5536");
    });

    it("11. never sends a hostile header's escape sequences raw to the terminal", async () => {
      const input = write("hostile.csv", "nom\u001b[2J\u001b[31m\u0007\u009b1m;lon;lat\n\u001b[31mA;1,40;43,57\n");
      const run = await declics([
        "eligibility",
        input,
        "-o",
        path("hostile-out.csv"),
        "--on",
        "2024-05-01",
        "--address-column",
        "nom\u001b[2J\u001b[31m\u0007\u009b1m",
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr + run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(run.stderr).toContain("address=nom\\x1B[2J\\x1B[31m\\x07\\x9B1m");
      const none = await declics([
        "eligibility",
        write("hostile2.csv", "\u001b[2Jnom;prenom\nA;B\n"),
        "--on",
        "2024-05-01",
      ]);
      expect(none.code).toBe(2);
      expect(none.stderr).not.toContain("\u001b");
      // The message table escapes control characters as \uXXXX before the terminal sees them.
      expect(none.stderr).toContain("\\u001b[2Jnom");
    });

    it("11. check --svg into a missing folder: a clean coded error, exit 3, no stack trace", async () => {
      const run = await declics([
        "check",
        "1.4025",
        "43.5712",
        "--on",
        "2024-05-01",
        "--svg",
        path("missing/dir/map.svg"),
      ]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("[output_unavailable]");
      expect(run.stderr).toContain(path("missing/dir/map.svg"));
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      it(`11. ${signal} removes the temporary file and exits ${code}`, async () => {
        const { url, server } = await addressServer(() => undefined); // never answers: the run waits on the network
        const folder = path(`signal-${signal}`);
        mkdirSync(folder);
        try {
          const input = write(`signal-${signal}.csv`, "adresse\n1 rue des Lilas 31100 Toulouse\n");
          const child = spawn(
            process.execPath,
            [
              BUILT_CLI,
              "eligibility",
              input,
              "-o",
              join(folder, "out.csv"),
              "--geocode",
              "--geocoder-url",
              url,
              "--geocode-timeout",
              "60",
            ],
            { stdio: "ignore" },
          );
          for (let k = 0; k < 300 && tmpFiles(folder).length === 0; k++)
            await new Promise((done) => setTimeout(done, 50));
          expect(tmpFiles(folder)).toHaveLength(1);
          expect(tmpFiles(folder)[0]).toMatch(/^\.out\.csv\.[0-9a-f]{16}\.tmp$/);
          child.kill(signal);
          const [exit] = (await once(child, "close")) as [number];
          expect(exit).toBe(code);
          expect(readdirSync(folder)).toEqual([]);
        } finally {
          server.closeAllConnections();
          server.close();
        }
      });
    }
  },
);
