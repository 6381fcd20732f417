import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DeclicsError,
  type DeclicsErrorCode,
  type DeclicsErrorDetails,
  type Expectation,
  type KnownIdKind,
} from "../../errors.js";
import { formatDeclicsError } from "../../format-declics-error.js";
import { assessmentError } from "../../assessment/_errors.js";
import { cliError } from "../../cli/exit-codes.js";
import { curriculumError } from "../../curriculum/_errors.js";
import { dataError } from "../../data/_errors.js";
import { diversityError } from "../../diversity/_errors.js";
import { territoryError } from "../../territory/_errors.js";
import { coreError } from "../core-error.js";
import { knownReasons, renderErrorMessage, wholeTable } from "./index.js";
import { TERRITORY_MESSAGES } from "./territory.js";
import { foreignWords } from "../../../test/support/foreign-words.js";

// Values: ids, numbers and paths from an alphabet that spells no word of either stop-list.
const id = fc.stringMatching(/^[QXZ][0-9]{1,6}$/);
const num = fc.integer({ min: -1_000_000, max: 1_000_000 });
const received = fc.oneof(
  id.map((s) => JSON.stringify(s)),
  num.map(String),
  fc.constant("undefined"),
);
const knownIds: KnownIdKind[] = ["bank_item", "form_item", "competence", "participant", "speaker", "room"];
const moreIds: KnownIdKind[] = ["category", "dimension", "academie", "zone", "artefact"];

const expectation: fc.Arbitrary<Expectation> = fc.oneof(
  fc
    .constantFrom("string", "number", "int", "boolean", "object", "array", "date", "iterable")
    .map((type) => ({ kind: "type" as const, type })),
  fc.array(id, { minLength: 1, maxLength: 30 }).map((values) => ({ kind: "one_of" as const, values })),
  fc
    .record({
      origin: fc.constantFrom("number", "string", "array", "date"),
      min: fc.option(num, { nil: undefined }),
      max: num,
      inclusive: fc.boolean(),
    })
    .map(({ min, ...r }) => ({ kind: "range" as const, ...r, ...(min === undefined ? {} : { min }) })),
  fc.constant({ kind: "pattern" as const, pattern: "^\\d{5}$" }),
  fc.constantFrom("{ lon, lat }", "GeoJSON Feature<Point>").map((shape) => ({ kind: "subject_shape" as const, shape })),
  fc.constantFrom("date", "datetime", "email", "uuid", "cuid").map((format) => ({ kind: "format" as const, format })),
  fc.array(id, { minLength: 1 }).map((keys) => ({ kind: "no_extra_keys" as const, keys })),
  fc
    .constantFrom(
      ...([
        "shape",
        "custom",
        "calendar_day",
        "insee_code",
        "postcode",
        "qpv_code",
        "wgs84_point",
        "bytes",
        "json",
        "gzip",
      ] as const),
    )
    .map((kind) => ({ kind })),
  fc.constant({ kind: "lambert93_point" as const, minX: 0, maxX: 1_300_000, minY: 6_000_000, maxY: 7_200_000 }),
  num.map((bytes) => ({ kind: "byte_count" as const, bytes })),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((sha256) => ({ kind: "sha256" as const, sha256 })),
  fc
    .record({ of: fc.constantFrom(...knownIds, ...moreIds), values: fc.option(fc.array(id), { nil: undefined }) })
    .map(({ of, values }) => ({ kind: "known_id" as const, of, ...(values === undefined ? {} : { values }) })),
  fc.constant({ kind: "custom" as const, note: "deadline must be after start" }),
  fc.constant({
    kind: "rule" as const,
    rule: { en: "a break that ends after it starts", fr: "une pause qui finit après son début" },
  }),
);

const values = fc.dictionary(
  fc.constantFrom(
    "activityId",
    "phaseId",
    "sessionId",
    "participantId",
    "itemId",
    "index",
    "table",
    "key",
    "label",
    "axis",
    "dimension",
  ),
  fc.oneof(id, num),
);
const problem = (reasons: readonly string[]) => fc.record({ reason: fc.constantFrom(...reasons), values });
const file = fc.constantFrom("a.csv", "/tmp/X1.csv", "-");
const url = fc.constantFrom("https://cdn.example/qpv.bin", "/data/manifest.json");

/** Sample details for every code: the type makes a new code without a sample fail to compile. */
const KNOWN_REASONS = knownReasons() as Record<"curriculum" | "assessment" | "diversity" | "files" | "cli", string[]>;

const SAMPLES: { [C in DeclicsErrorCode]: fc.Arbitrary<DeclicsErrorDetails[C]> } = {
  invalid_input: fc.record(
    {
      what: fc.constantFrom("person", "on", "participant_record", "eligibility subject"),
      issues: fc.array(
        fc.record({ path: fc.constantFrom("", "age", "participants.3.gender"), expected: expectation, received }),
        { maxLength: 5 },
      ),
      accepted: fc.constant(["{ lon, lat }", "{ codeInsee }", "GeoJSON Point"]),
      nearest: fc.constantFrom("{ lon, lat }", "GeoJSON Point"),
      hint: fc.constantFrom(
        "use_lon_not_lng",
        "use_lon_lat_not_latitude_longitude",
        "coordinates_as_strings",
        "code_insee_as_number",
        "postcode_as_number",
        "use_code_insee_key",
        "use_postcode_key",
        "use_object_not_array",
        "geojson_coordinates_lon_lat",
        "geojson_not_point",
      ),
    },
    { requiredKeys: ["what", "issues"] },
  ),
  invalid_option: fc.record({
    option: fc.constantFrom("prior", "slotMinutes", "where.zone"),
    expected: expectation,
    received,
  }),
  invalid_coordinates: fc.record({ expected: expectation, received }),
  swapped_coordinates: fc.record({
    lon: num,
    lat: num,
    system: fc.constantFrom("wgs84" as const, "lambert93" as const, "wgs84_as_lambert93" as const),
  }),
  outside_france: fc.record({ lon: num, lat: num }),
  malformed_code: fc.record({
    kind: fc.constantFrom("codeInsee" as const, "postcode" as const, "qpv" as const),
    received: id,
    expected: expectation,
  }),
  unknown_code: fc.record({ kind: fc.constantFrom("codeInsee" as const, "postcode" as const), received: id }),
  geocoder_unavailable: fc.record(
    {
      address: id,
      reason: fc.constantFrom(
        "no_geocoder" as const,
        "sync_call" as const,
        "failed" as const,
        "invalid_answer" as const,
      ),
      status: fc.integer({ min: 400, max: 599 }),
      cause: fc.constantFrom("ETIMEDOUT", "AbortError"),
      received,
    },
    { requiredKeys: ["address", "reason"] },
  ),
  date_out_of_range: fc.record({
    field: fc.constantFrom("on", "start"),
    received: fc.constant("2014-12-31"),
    from: fc.constant("2015-01-01"),
    to: fc.constant("2099-12-31"),
    timeZone: fc.constantFrom(null, "Indian/Reunion"),
  }),
  data_missing: fc.record(
    {
      dataset: id,
      location: file,
      remedy: fc.constantFrom(
        "build_data" as const,
        "reinstall" as const,
        "pass_bytes" as const,
        "copy_web_data" as const,
        "sources_dir" as const,
      ),
      situation: fc.constantFrom(
        "checkout" as const,
        "installed_package" as const,
        "bundled" as const,
        "custom_dir" as const,
      ),
    },
    { requiredKeys: ["dataset", "location"] },
  ),
  data_integrity: fc.record({ dataset: id, expected: expectation, received }),
  invalid_template: problem(KNOWN_REASONS.curriculum) as fc.Arbitrary<DeclicsErrorDetails["invalid_template"]>,
  invalid_plan: problem(KNOWN_REASONS.curriculum) as fc.Arbitrary<DeclicsErrorDetails["invalid_plan"]>,
  invalid_item_bank: fc.record({
    problems: fc.array(
      problem(KNOWN_REASONS.assessment) as fc.Arbitrary<DeclicsErrorDetails["invalid_item_bank"]["problems"][number]>,
      { minLength: 1, maxLength: 8 },
    ),
  }),
  invalid_session_state: fc.record({ expected: expectation, received }),
  invalid_table: problem(KNOWN_REASONS.diversity) as fc.Arbitrary<DeclicsErrorDetails["invalid_table"]>,
  usage: problem([...KNOWN_REASONS.files, ...KNOWN_REASONS.cli]),
  unreadable_input: fc.record({ file, reason: fc.constantFrom(...KNOWN_REASONS.files, ...KNOWN_REASONS.cli) }),
  output_unavailable: fc.record({ file, reason: fc.constantFrom(...KNOWN_REASONS.files, ...KNOWN_REASONS.cli) }),
  unencodable_output: fc.record({
    encoding: fc.constant("windows-1252"),
    row: num,
    column: id,
    character: fc.constant("Ł"),
  }),
  data_unreachable: fc.record(
    {
      url,
      reason: fc.constantFrom("network" as const, "http_status" as const),
      status: fc.integer({ min: 400, max: 599 }),
      cause: fc.constant("ECONNRESET"),
    },
    { requiredKeys: ["url", "reason"] },
  ),
  data_content_type: fc.record({ url, expected: fc.constant("application/gzip"), received: fc.constant("text/html") }),
  data_truncated: fc.record({ url, expected: num, received: num }),
  data_not_prepared: fc.record({ what: id }),
};

const CODES = Object.keys(SAMPLES) as DeclicsErrorCode[];
const anyError = fc
  .constantFrom(...CODES)
  .chain((code) =>
    (SAMPLES[code] as fc.Arbitrary<DeclicsErrorDetails[typeof code]>).map((details) => ({ code, details })),
  );

describe("the message table", () => {
  it("has one entry per code, in both languages", () => {
    expect(Object.keys(wholeTable()).sort()).toEqual([...CODES].sort());
  });

  it("gives every code a non-empty message in French and in English, one line each", () => {
    fc.assert(
      fc.property(anyError, ({ code, details }) => {
        for (const language of ["fr", "en"] as const) {
          const text = renderErrorMessage(code, details, language);
          expect(text.trim().length).toBeGreaterThan(10);
          expect(text).not.toMatch(/[\n\r]/);
          expect(text).not.toMatch(/\[object Object\]/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never mixes languages: no English word in French, no French word in English", () => {
    fc.assert(
      fc.property(anyError, ({ code, details }) => {
        expect(foreignWords(renderErrorMessage(code, details, "fr"), "fr")).toEqual([]);
        expect(foreignWords(renderErrorMessage(code, details, "en"), "en")).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives each error a module raises its English message, from the module's parts of the table only", () => {
    const core = ["invalid_input", "invalid_option", "date_out_of_range", "malformed_code", "unknown_code"];
    const data = ["data_missing", "data_integrity"];
    const raisers = {
      core: [coreError, core],
      territory: [territoryError, [...core, ...data, ...Object.keys(TERRITORY_MESSAGES)]],
      data: [dataError, [...core, ...data]],
      curriculum: [curriculumError, [...core, ...data, "invalid_template", "invalid_plan"]],
      assessment: [assessmentError, [...core, "invalid_item_bank", "invalid_session_state"]],
      diversity: [diversityError, [...core, "invalid_table"]],
      cli: [cliError, CODES],
    } as const;
    for (const [module, [raise, codes]] of Object.entries(raisers)) {
      fc.assert(
        fc.property(anyError, ({ code, details }) => {
          const error =
            raise === cliError
              ? cliError(code, details as never)
              : (raise as (init: unknown) => DeclicsError)({ code, module, details });
          const own = (codes as readonly string[]).includes(code);
          expect(error.message).toBe(own ? formatDeclicsError(error, { language: "en" }) : `declics error ${code}`);
          expect(error.code).toBe(code);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("renders a hand-built error (a test double) like a raised one", () => {
    fc.assert(
      fc.property(anyError, ({ code, details }) => {
        const error = new DeclicsError({ code, module: "core", details } as never);
        expect(formatDeclicsError(error)).toBe(renderErrorMessage(code, details, "en"));
        expect(error.message.startsWith(`${code}: `)).toBe(true);
      }),
    );
  });
});

/** A Date-like object: Date's prototype without a Date's internal slot, so every Date method throws. */
function dateLike(): object {
  return Object.create(Date.prototype) as object;
}

const hostile = fc.oneof(
  fc.anything(),
  fc.constant(dateLike()),
  fc.constant("x".repeat(1_000_000)),
  fc.string({ unit: "binary" }),
  fc.constant("\u001b[2J\u001b]0;pwned\u0007\r\nforged line\u202e"),
  fc.constant(
    new Proxy(
      {},
      {
        get() {
          throw new Error("trap");
        },
        ownKeys() {
          throw new Error("trap");
        },
      },
    ),
  ),
);

describe("hostile details", () => {
  it('never look up an Object.prototype member: a key such as "constructor" is shown as data, never as undefined', () => {
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const cases = [
        renderErrorMessage("malformed_code", { kind: key, received: "x", expected: { kind: key } } as never, "fr"),
        renderErrorMessage("data_missing", { dataset: "a", location: "b", situation: key, remedy: key } as never, "fr"),
        renderErrorMessage(
          "invalid_input",
          { what: "w", issues: [{ path: "p", expected: { kind: "type", type: key }, received: "1" }] } as never,
          "en",
        ),
        renderErrorMessage(
          "invalid_input",
          { what: "w", issues: [{ path: "p", expected: { kind: "format", format: key }, received: "1" }] } as never,
          "en",
        ),
        renderErrorMessage(
          "invalid_input",
          { what: "w", issues: [], accepted: ["{ lon, lat }"], hint: key } as never,
          "fr",
        ),
        renderErrorMessage("invalid_plan", { reason: key } as never, "fr"),
        renderErrorMessage(key as never, {} as never, "en"),
      ];
      for (const text of cases) expect(text, key).not.toMatch(/undefined|function|\[object/);
    }
  });

  it("never throw, stay one short line and show no control character", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CODES),
        fc.oneof(hostile, fc.dictionary(fc.string(), hostile)),
        (code, details) => {
          for (const language of ["fr", "en"] as const) {
            const text = renderErrorMessage(code, details as never, language);
            expect(typeof text).toBe("string");
            expect(text.length).toBeLessThan(6_000);
            expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("shows a huge received string truncated", () => {
    const text = formatDeclicsError(
      {
        code: "malformed_code",
        details: { kind: "postcode", received: "9".repeat(100_000), expected: { kind: "postcode" } },
      },
      { language: "fr" },
    );
    expect(text.length).toBeLessThan(300);
    expect(text).toContain("…");
  });

  it("falls back to the code for an unknown code or missing details", () => {
    expect(renderErrorMessage("no_such_code" as DeclicsErrorCode, {} as never, "fr")).toBe(
      "erreur declics no_such_code",
    );
    expect(renderErrorMessage("usage", null as never, "en")).toBe("declics error usage");
  });
});

describe("issue #11 regressions", () => {
  it('never says "attendu a 5-character…": a malformed INSEE code reads in one language', () => {
    const error = territoryError({
      code: "malformed_code",
      module: "territory",
      details: { kind: "codeInsee", received: "3155", expected: { kind: "insee_code" } },
    });
    const fr = formatDeclicsError(error, { language: "fr" });
    expect(fr).toBe(
      'Code INSEE mal formé : attendu un code commune INSEE de 5 caractères (ex. 31555, 2A004 ou 97411), reçu "3155".',
    );
    expect(fr).not.toMatch(/attendu a |5-character/);
    expect(error.message).toBe(
      'Malformed INSEE code: expected a 5-character INSEE commune code (e.g. 31555, 2A004 or 97411), received "3155".',
    );
  });

  it("swapped coordinates no longer end on an English sentence in the French message", () => {
    const error = new DeclicsError({
      code: "swapped_coordinates",
      module: "territory",
      details: { lon: 43.6, lat: 1.44, system: "wgs84" },
    });
    const fr = formatDeclicsError(error, { language: "fr" });
    expect(fr).toContain("utilisez lon 1.44, lat 43.6");
    expect(fr).not.toContain("Expected");
  });
});

describe("shape hints and data situations", () => {
  it("lists the accepted subject shapes, the nearest one and the hint, in each language", () => {
    const details: DeclicsErrorDetails["invalid_input"] = {
      what: "eligibility subject",
      issues: [{ path: "lon", expected: { kind: "type", type: "number" }, received: "undefined" }],
      accepted: ["{ lon, lat }", "{ codeInsee }"],
      nearest: "{ lon, lat }",
      hint: "use_lon_not_lng",
    };
    expect(renderErrorMessage("invalid_input", details, "en")).toBe(
      "Invalid eligibility subject: expected one of { lon, lat }, { codeInsee }; nearest { lon, lat }: lon: expected a number, " +
        "received undefined (hint: the key is lon, not lng)",
    );
    expect(renderErrorMessage("invalid_input", details, "fr")).toBe(
      "Entrée invalide : attendu l'une des formes { lon, lat }, { codeInsee } ; la plus proche, { lon, lat } : lon : attendu un nombre, " +
        "reçu undefined (indice : la clé est lon, pas lng)",
    );
  });

  it("gives the advice of each data situation, and build:data only in a checkout", () => {
    const base = { dataset: "manifest.json", location: "/srv/app/data/manifest.json" };
    for (const lang of ["fr", "en"] as const) {
      const bundled = renderErrorMessage("data_missing", { ...base, situation: "bundled" }, lang);
      expect(bundled).toContain("loadTerritoryData({ dir })");
      expect(bundled).not.toContain("build:data");
      expect(renderErrorMessage("data_missing", { ...base, situation: "checkout" }, lang)).toContain(
        "npm run build:data",
      );
    }
  });
});
