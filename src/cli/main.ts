import { createRequire } from "node:module";
import { Command, InvalidArgumentError } from "commander";
import { copyWebData, describeDatasets, loadSchoolCalendar } from "../data/index.js";
import { createBanGeocoder, type Geocoder } from "../territory/index.js";
import { runCheck } from "./check.js";
import { runData, runDataCopy } from "./data.js";
import type { ColumnOverrides } from "./detect-columns.js";
import type { CsvDelimiter } from "./detect-delimiter.js";
import { ENCODING_ALIASES, type CsvEncoding } from "./detect-encoding.js";
import { removePendingOutputs, runEligibility } from "./eligibility.js";
import { EXIT, exitCodeOf, failureLine } from "./exit-codes.js";
import { createPatientFetch } from "./geocode-fetch.js";
import type { CliEngine } from "./engine.js";
import { detectLang, t, type Lang } from "./messages.js";
import { parseCalendarDate } from "./parse-cell.js";
import { runPlan } from "./plan.js";
import { loadTerritoryEngine } from "./territory-engine.js";

/**
 * The `declics` command line: `check`, `eligibility`, `data`, `plan`. Parses the arguments with commander, reads the
 * clock (today, Europe/Paris) and hands everything to the commands, which return exit codes.
 * @module
 */

const lang: Lang = detectLang(process.argv.slice(2), process.env);

function today(): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

function version(): string {
  try {
    // dist/cli/main.js and src/cli/main.ts are both two levels below the package root.
    return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

const parseDate = (value: string): string => {
  const iso = parseCalendarDate(value);
  if (iso === null) throw new InvalidArgumentError(t(lang, "error.badDate", { value }));
  return iso;
};
const parseDelimiter = (value: string): CsvDelimiter => {
  const v = value === "tab" || value === "\\t" ? "\t" : value;
  if (v !== ";" && v !== "," && v !== "\t") throw new InvalidArgumentError(t(lang, "error.badDelimiter", { value }));
  return v;
};
const parseEncoding = (value: string): CsvEncoding => {
  const encoding = ENCODING_ALIASES[value.toLowerCase()];
  if (encoding === undefined) throw new InvalidArgumentError(t(lang, "error.badEncoding", { value }));
  return encoding;
};

// Commander's own messages are English; translate the usual ones.
const COMMANDER_FR: readonly [RegExp, string][] = [
  [/^error: unknown option '(.*)'/, "erreur : option inconnue « $1 »"],
  [/^error: unknown command '(.*)'/, "erreur : commande inconnue « $1 »"],
  [/^error: missing required argument '(.*)'/, "erreur : argument obligatoire manquant « $1 »"],
  [/^error: option '(.*)' argument missing/, "erreur : il manque la valeur de l'option « $1 »"],
  [/^error: too many arguments.*/, "erreur : trop d'arguments"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. /, "erreur : valeur « $2 » invalide pour « $1 ». "],
];

const HELP_TITLES_FR: Readonly<Record<string, string>> = {
  "Usage:": "Utilisation :",
  "Arguments:": "Arguments :",
  "Options:": "Options :",
  "Commands:": "Commandes :",
  "Global Options:": "Options générales :",
};

/** The address geocoder, with a per-request timeout and retries on 429/5xx (geocode-fetch.ts). */
function geocoder(baseUrl: unknown, timeoutSeconds = 10, retries = 3): Geocoder {
  const fetch = createPatientFetch({ timeoutMs: timeoutSeconds * 1000, retries, backoffMs: 500 });
  return createBanGeocoder({ fetch, ...(typeof baseUrl === "string" ? { baseUrl } : {}) });
}
const parsePositive = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(t(lang, "error.badNumber", { value }));
  return n;
};
const parseCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new InvalidArgumentError(t(lang, "error.badCount", { value }));
  return n;
};

let engine: Promise<CliEngine> | null = null;
const loadEngine = (): Promise<CliEngine> => (engine ??= loadTerritoryEngine());

function examples(lines: readonly string[]): string {
  return `\n${t(lang, "help.examples")}\n${lines.map((l) => `  $ ${l}`).join("\n")}\n\n${t(lang, "help.exitCodes")}\n`;
}

const program = new Command();
program
  .name("declics")
  .description(t(lang, "program.description"))
  .version(version(), "-V, --version", t(lang, "option.version"))
  .helpOption("-h, --help", t(lang, "option.help"))
  .option("--lang <lang>", t(lang, "option.lang"), (value: string) => {
    if (value !== "fr" && value !== "en") throw new InvalidArgumentError(t(lang, "error.badLang", { value }));
    return value;
  })
  .helpCommand("help [command]", t(lang, "option.helpCommand"))
  .showHelpAfterError()
  .configureHelp({ styleTitle: (title: string) => (lang === "en" ? title : (HELP_TITLES_FR[title] ?? title)) })
  .configureOutput({
    outputError: (text, write) => {
      if (lang === "en") return write(text);
      let translated = text;
      for (const [pattern, replacement] of COMMANDER_FR) translated = translated.replace(pattern, replacement);
      write(translated);
    },
  })
  .addHelpText(
    "after",
    examples([
      "declics check 1.4025 43.5712 --on 2024-05-01",
      "declics eligibility personnes.csv -o personnes-eligibilite.csv",
      "declics data",
    ]),
  );

program
  .command("check")
  .description(t(lang, "check.description"))
  .argument("[lon]", t(lang, "check.args"))
  .argument("[lat]")
  .helpOption("-h, --help", t(lang, "option.help"))
  .option("--x <x>", t(lang, "check.x"))
  .option("--y <y>", t(lang, "check.y"))
  .option("--code-insee <code>", t(lang, "check.codeInsee"))
  .option("--postcode <cp>", t(lang, "check.postcode"))
  .option("--address <adresse>", t(lang, "check.address"))
  .option("--on <date>", t(lang, "check.on"), parseDate)
  .option("--json", t(lang, "check.json"))
  .option("--svg <file>", t(lang, "check.svg"))
  .option("--geocoder-url <url>", t(lang, "check.geocoderUrl"))
  .addHelpText(
    "after",
    examples([
      "declics check 1.4025 43.5712 --on 2024-05-01",
      "declics check -1.5536 47.2184",
      "declics check --x 574000 --y 6275000",
      "declics check --code-insee 31555 --json",
      "declics check --postcode 31100",
      'declics check --address "1 place du Capitole 31000 Toulouse"',
      "declics check 1.4025 43.5712 --svg preuve.svg",
    ]),
  )
  .action(async (lon: string | undefined, lat: string | undefined, opts: Record<string, unknown>) => {
    const lonLat = [lon, lat].filter((v): v is string => v !== undefined);
    process.exitCode = await runCheck(
      {
        lonLat,
        x: opts.x as string | undefined,
        y: opts.y as string | undefined,
        codeInsee: opts.codeInsee as string | undefined,
        postcode: opts.postcode as string | undefined,
        address: opts.address as string | undefined,
        on: opts.on as string | undefined,
        today: today(),
        json: opts.json === true,
        svg: opts.svg as string | undefined,
        lang,
      },
      {
        stdout: process.stdout,
        stderr: process.stderr,
        loadEngine,
        createGeocoder: () => geocoder(opts.geocoderUrl),
      },
    );
  });

const eligibility = program
  .command("eligibility")
  .description(t(lang, "eligibility.description"))
  .argument("<input>", t(lang, "eligibility.input"))
  .helpOption("-h, --help", t(lang, "option.help"))
  .option("-o, --output <file>", t(lang, "eligibility.output"))
  .option("--on <date>", t(lang, "eligibility.on"), parseDate)
  .option("--date-column <name>", t(lang, "eligibility.dateColumn"))
  .option("--delimiter <d>", t(lang, "eligibility.delimiter"), parseDelimiter)
  .option("--encoding <e>", t(lang, "eligibility.encoding"), parseEncoding)
  .option("--output-delimiter <d>", t(lang, "eligibility.outputDelimiter"), parseDelimiter)
  .option("--output-encoding <e>", t(lang, "eligibility.outputEncoding"), parseEncoding);
const COLUMN_FLAGS: readonly [string, keyof ColumnOverrides, string][] = [
  ["lon-column", "lon", "longitude"],
  ["lat-column", "lat", "latitude"],
  ["x-column", "x", "X Lambert-93"],
  ["y-column", "y", "Y Lambert-93"],
  ["insee-column", "codeInsee", "code INSEE"],
  ["postcode-column", "postcode", lang === "en" ? "postcode" : "code postal"],
  ["address-column", "address", lang === "en" ? "address" : "adresse"],
];
for (const [flag, , what] of COLUMN_FLAGS)
  eligibility.option(`--${flag} <name>`, t(lang, "eligibility.column", { what }));
eligibility
  .option("--exact", t(lang, "eligibility.exact"))
  .option("--geocode", t(lang, "eligibility.geocode"))
  .option("--geocoder-url <url>", t(lang, "check.geocoderUrl"))
  .option("--geocode-timeout <seconds>", t(lang, "eligibility.geocodeTimeout"), parsePositive)
  .option("--geocode-retries <n>", t(lang, "eligibility.geocodeRetries"), parseCount)
  .option("--excel-safe", t(lang, "eligibility.excelSafe"))
  .option("-q, --quiet", t(lang, "eligibility.quiet"))
  .addHelpText(
    "after",
    examples([
      "declics eligibility personnes.csv",
      "declics eligibility personnes.csv -o resultat.csv --on 2024-05-01",
      "declics eligibility inscriptions.csv --date-column date_inscription",
      'declics eligibility export.csv --lon-column "Longitude GPS" --lat-column "Latitude GPS"',
      "declics eligibility export.csv --output-encoding utf-8-bom -o pour-excel.csv",
      "declics eligibility adresses.csv --geocode",
      "declics eligibility personnes.csv -o - | head",
      "declics eligibility personnes.csv --excel-safe -o pour-tableur.csv",
    ]),
  )
  .action(async (input: string, opts: Record<string, unknown>) => {
    const columns: ColumnOverrides = {};
    for (const [flag, role] of COLUMN_FLAGS) {
      const key = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      if (typeof opts[key] === "string") columns[role] = opts[key] as string;
    }
    process.exitCode = await runEligibility(
      {
        input,
        output: opts.output as string | undefined,
        on: opts.on as string | undefined,
        today: today(),
        dateColumn: opts.dateColumn as string | undefined,
        delimiter: opts.delimiter as CsvDelimiter | undefined,
        encoding: opts.encoding as CsvEncoding | undefined,
        outputDelimiter: opts.outputDelimiter as CsvDelimiter | undefined,
        outputEncoding: opts.outputEncoding as CsvEncoding | undefined,
        columns,
        geocode: opts.geocode === true,
        exact: opts.exact === true,
        excelSafe: opts.excelSafe === true,
        quiet: opts.quiet === true,
        lang,
      },
      {
        stdout: process.stdout,
        stderr: process.stderr,
        loadEngine,
        ...(opts.geocode === true
          ? {
              geocoder: geocoder(
                opts.geocoderUrl,
                opts.geocodeTimeout as number | undefined,
                opts.geocodeRetries as number | undefined,
              ),
            }
          : {}),
      },
    );
  });

const dataCommand = program
  .command("data")
  .description(t(lang, "data.description"))
  .helpOption("-h, --help", t(lang, "option.help"))
  .option("--json", t(lang, "data.json"))
  .addHelpText("after", examples(["declics data", "declics data --json", "declics data copy public/declics-data"]))
  .action(async (opts: { json?: boolean }) => {
    process.exitCode = await runData(
      { json: opts.json === true, lang },
      { stdout: process.stdout, describe: () => describeDatasets() },
    );
  });
dataCommand
  .command("copy <dir>")
  .description(
    lang === "fr"
      ? "Copier les données web (navigateurs, edge) dans un dossier à servir tel quel"
      : "Copy the web data (browsers, edge runtimes) to a folder to serve as is",
  )
  .helpOption("-h, --help", t(lang, "option.help"))
  .action(async (dir: string) => {
    process.exitCode = await runDataCopy(dir, { lang }, { stdout: process.stdout, copy: copyWebData });
  });

program
  .command("plan")
  .description(
    lang === "en"
      ? "Plan a cohort: participants CSV + cohort file (JSON) in; schedule CSV, unmet constraints and calendars (.ics) out"
      : "Planifier une cohorte : liste des personnes (CSV) + fichier de cohorte (JSON) ; sortie : planning CSV, contraintes non satisfaites et agendas (.ics)",
  )
  .argument(
    "<participants>",
    lang === "en"
      ? "participants CSV (; or , separated, UTF-8 or Windows-1252)"
      : "liste des personnes (CSV séparé par ; ou ,, UTF-8 ou Windows-1252)",
  )
  .argument(
    "<cohorte>",
    lang === "en"
      ? "cohort file (JSON): start date, venue, rooms, facilitators, speakers"
      : "fichier de cohorte (JSON) : date de début, lieu, salles, animateurs, intervenants",
  )
  .helpOption("-h, --help", lang === "en" ? "show this help" : "afficher cette aide")
  .option(
    "-o, --output <dossier>",
    lang === "en"
      ? "output folder (default: <participants>-planning)"
      : "dossier de sortie (par défaut : <participants>-planning)",
  )
  .option(
    "--delimiter <d>",
    lang === "en"
      ? "participants file delimiter: ; , or tab (default: detected)"
      : "séparateur de la liste : « ; », « , » ou « tab » (défaut : détecté)",
    parseDelimiter,
  )
  .option(
    "--encoding <e>",
    lang === "en"
      ? "participants file encoding: utf-8, windows-1252… (default: detected)"
      : "encodage de la liste : utf-8, windows-1252… (défaut : détecté)",
    parseEncoding,
  )
  .option(
    "--output-delimiter <d>",
    lang === "en" ? "delimiter of the CSV files written (default: ;)" : "séparateur des CSV écrits (défaut : « ; »)",
    parseDelimiter,
  )
  .addHelpText(
    "after",
    examples([
      "declics plan personnes.csv cohorte.json",
      "declics plan inscrits.csv toulouse-2024.json -o planning-toulouse",
    ]),
  )
  .action(async (participants: string, cohortFile: string, opts: Record<string, unknown>) => {
    process.exitCode = await runPlan(
      {
        participants,
        cohortFile,
        outDir: opts.output as string | undefined,
        delimiter: opts.delimiter as CsvDelimiter | undefined,
        encoding: opts.encoding as CsvEncoding | undefined,
        outputDelimiter: opts.outputDelimiter as CsvDelimiter | undefined,
        now: new Date(),
      },
      { stdout: process.stdout, stderr: process.stderr, loadSchoolCalendar: () => loadSchoolCalendar() },
    );
  });

// Interrupted: remove the temporary output (no half-written file is left), exit 128 + the signal's number.
for (const [signal, code] of [
  ["SIGINT", EXIT.interrupted],
  ["SIGTERM", EXIT.terminated],
] as const) {
  process.on(signal, () => {
    removePendingOutputs();
    process.exit(code);
  });
}

// An optional resource report for the benchmark (bench/cli/run.ts): peak memory and CPU on stderr at exit.
if (process.env.DECLICS_CLI_REPORT_RESOURCES === "1") {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    process.stderr.write(
      `DECLICS_RESOURCES ${JSON.stringify({ maxRssKiB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 })}\n`,
    );
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Every failure is mapped in one place (exit-codes.ts): one line, its code, no stack trace.
  process.stderr.write(`${failureLine(error, lang)}\n`);
  process.exitCode = exitCodeOf(error);
}
