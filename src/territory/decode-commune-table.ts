import { DeclicsError, type Expectation } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue, toInputIssues } from "../_lib/parse.js";
import { rule } from "../_lib/messages/vocabulary.js";
import {
  ALIAS_REASONS,
  COMMUNE_TABLE_FORMAT,
  COMMUNE_TABLE_VERSION,
  type CommuneTableArtefact,
  CommuneTableHeader,
  departementOf,
  FRR_ORDER,
} from "./_commune-table-format.js";
import type {
  CodeMapping,
  CommuneRecord,
  CommuneTable,
  FrrStatus,
  Qpv2015CommuneStatus,
  ResolvedCommune,
  ZrrStatus,
} from "./commune-table.js";
import type { ZrrClassification } from "./schema.js";

/** Dataset id and vintage of a list behind the commune table, for evidence. */
export interface CommuneListSource {
  readonly id: string;
  readonly millesime: string;
}

/** A {@link CommuneTable} decoded from the compiled artefact, with the provenance of its lists. */
export interface DecodedCommuneTable extends CommuneTable {
  readonly sources: {
    /** The commune reference, e.g. "@etalab/decoupage-administratif 6.0.0 (COG 2026)". */
    readonly communes: string;
    readonly zrr: CommuneListSource;
    readonly frr: CommuneListSource;
    readonly qpv2015: CommuneListSource;
    readonly qpv2024: CommuneListSource;
  };
  /** Every current commune code, sorted (a new array on each call). */
  listCodes(): string[];
  /**
   * Index of a current commune code in {@link DecodedCommuneTable.listCodes} order, or -1. With the `…At`
   * accessors, lets a hot loop resolve each commune polygon to an index once and then skip string hashing.
   */
  indexOf(codeInsee: string): number;
  communeAt(index: number): CommuneRecord | undefined;
  zrrAt(index: number): ZrrStatus | undefined;
  frrAt(index: number): FrrStatus | undefined;
  qpv2015At(index: number): Qpv2015CommuneStatus | undefined;
  qpv2024At(index: number): readonly string[];
}

const EMPTY: readonly string[] = Object.freeze([]);
const NO_COMMUNES: readonly CommuneRecord[] = Object.freeze([]);
const ZRR_OF_LETTER: Record<string, ZrrClassification> = { C: "C", N: "NC", P: "P" };

function integrity(expected: Expectation, received: string, cause?: unknown): DeclicsError<"data_integrity"> {
  return territoryError({
    code: "data_integrity",
    module: "territory",
    details: { dataset: "commune-table", expected, received },
    cause,
  });
}

function toBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw territoryError({
    code: "invalid_input",
    module: "territory",
    details: {
      what: "commune table bytes",
      issues: [
        {
          path: "",
          expected: { kind: "bytes" },
          received: describeValue(input),
        },
      ],
    },
  });
}

/**
 * Decodes the compiled commune lists (data/build/commune-table.json) into O(1) lookups: code resolution
 * (arrondissements municipaux, communes déléguées, old codes of merged communes), postcodes, ZRR, FRR and
 * QPV 2015 / 2024 per commune. Isomorphic: works on bytes fetched by a browser as well as read by Node.
 *
 * Internal (not exported from `declics/territory` since issue #11): the table is one part of the opaque
 * `TerritoryData`, which `territoryDataFromBuffers` and `createTerritoryDataSource` build; every question it
 * answers is asked through `checkEligibility` (`{ codeInsee }`, `{ postcode }`), whose results carry the
 * mapping and the lists' provenance.
 *
 * @param bytes - the artefact's bytes (UTF-8 JSON), as a Uint8Array or an ArrayBuffer
 * @returns the commune table, with the provenance of each list in `sources`
 * @throws {DeclicsError} `invalid_input` when `bytes` is not binary data; `data_integrity` when the bytes are
 *   not a commune table of the supported format version
 */
export function decodeCommuneTable(bytes: Uint8Array | ArrayBuffer): DecodedCommuneTable {
  try {
    return decodeUnchecked(bytes);
  } catch (error) {
    if (error instanceof DeclicsError) throw error;
    // Whatever else fails while decoding means the artefact is not what it claims to be.
    throw integrity(
      rule("a commune table that decodes", "une table des communes décodable"),
      error instanceof Error ? error.name : describeValue(error),
      error,
    );
  }
}

function decodeUnchecked(bytes: Uint8Array | ArrayBuffer): DecodedCommuneTable {
  const view = toBytes(bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8").decode(view));
  } catch (error) {
    throw integrity({ kind: "json" }, error instanceof Error ? error.name : describeValue(error), error);
  }
  const header = json as { format?: unknown; version?: unknown } | null;
  if (
    header === null ||
    typeof header !== "object" ||
    header.format !== COMMUNE_TABLE_FORMAT ||
    header.version !== COMMUNE_TABLE_VERSION
  ) {
    throw integrity(
      rule(
        `format ${COMMUNE_TABLE_FORMAT} version ${COMMUNE_TABLE_VERSION}`,
        `le format ${COMMUNE_TABLE_FORMAT} version ${COMMUNE_TABLE_VERSION}`,
      ),
      header !== null && typeof header === "object"
        ? `format ${describeValue(header.format)}, version ${describeValue(header.version)}`
        : describeValue(json),
    );
  }
  // The full schema is checked at build time (scripts/build/commune-lists.ts). Here only the small header
  // goes through zod and the bulk is checked structurally: zod over every index would cost ~100 ms per load.
  const parsed = CommuneTableHeader.safeParse(json);
  if (!parsed.success) {
    const issue = toInputIssues(parsed.error, json)[0];
    throw integrity(
      issue?.expected ?? { kind: "shape" },
      issue === undefined ? "undefined" : `${issue.path}: ${issue.received}`,
      parsed.error,
    );
  }
  const artefact = json as CommuneTableArtefact;
  for (const key of ["aliases"] as const)
    if (!Array.isArray(artefact[key]))
      throw integrity({ kind: "type", type: "array" }, `${key}: ${describeValue(artefact[key])}`);
  for (const key of ["postcodes", "zrrMapped", "qpv2015", "qpv2024"] as const) {
    if (typeof artefact[key] !== "object" || artefact[key] === null || Array.isArray(artefact[key]))
      throw integrity({ kind: "type", type: "object" }, `${key}: ${describeValue(artefact[key])}`);
  }
  return buildTable(artefact);
}

/** The commune records, made on first use and then reused (a warm lookup allocates nothing). */
interface Records {
  record(i: number): CommuneRecord;
  self(i: number): ResolvedCommune;
}

function lazyRecords(a: CommuneTableArtefact, names: readonly string[], count: number): Records {
  const records: (CommuneRecord | undefined)[] = new Array<CommuneRecord | undefined>(count);
  const record = (i: number): CommuneRecord => {
    let r = records[i];
    if (r === undefined) {
      const codeInsee = a.codes.slice(i * 5, i * 5 + 5);
      r = { codeInsee, name: names[i] ?? "", departement: departementOf(codeInsee) };
      records[i] = r;
    }
    return r;
  };
  const selves: (ResolvedCommune | undefined)[] = new Array<ResolvedCommune | undefined>(count);
  return { record, self: (i) => (selves[i] ??= { commune: record(i) }) };
}

/** A commune index from a key of the artefact's per-commune objects, checked against the count. */
function indexKeyOf(count: number): (key: string) => number {
  return (key) => {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= count)
      throw integrity({ kind: "range", origin: "number", min: 0, max: count, inclusive: false }, key);
    return i;
  };
}

/** The QPV lists per commune index, and the QPV 2015 status of a commune without one (covered or not). */
function qpvLists(a: CommuneTableArtefact, count: number, indexKey: (key: string) => number) {
  const notCovered = new Set(a.qpv2015NotCovered);
  const COVERED_NONE: Qpv2015CommuneStatus = { coverage: "covered", qpvCodes: EMPTY };
  const NOT_COVERED: Qpv2015CommuneStatus = { coverage: "not_covered", qpvCodes: EMPTY };
  const noQpv2015 = (departement: string): Qpv2015CommuneStatus =>
    notCovered.has(departement) ? NOT_COVERED : COVERED_NONE;
  const qpv2015 = new Array<Qpv2015CommuneStatus | undefined>(count);
  for (const [key, codes] of Object.entries(a.qpv2015)) {
    const i = indexKey(key);
    qpv2015[i] = {
      coverage: notCovered.has(departementOf(a.codes.slice(i * 5, i * 5 + 5))) ? "not_covered" : "covered",
      qpvCodes: codes,
    };
  }
  const qpv2024 = new Array<readonly string[] | undefined>(count);
  for (const [key, codes] of Object.entries(a.qpv2024)) qpv2024[indexKey(key)] = codes;
  return { qpv2015, qpv2024, noQpv2015 };
}

/**
 * The ZRR and FRR status per commune index: one reference per commune to shared status objects (apart from the
 * communes mapped from the 2021 geography), so a hot lookup is a single array read.
 */
function ruralStatuses(a: CommuneTableArtefact, count: number, indexKey: (key: string) => number) {
  const zrrShared: Record<string, ZrrStatus | undefined> = {};
  for (const letter of ["C", "N", "P"] as const) {
    zrrShared[letter] = { classification: ZRR_OF_LETTER[letter] ?? "NC", label: a.zrrLabels[letter] };
  }
  const zrrMapped = new Map<number, ZrrStatus>();
  for (const [key, [from, label]] of Object.entries(a.zrrMapped)) {
    const i = indexKey(key);
    const shared = zrrShared[a.zrr[i] ?? "."];
    if (shared === undefined)
      throw integrity(
        rule(`a ZRR status for mapped commune index ${i}`, `un statut ZRR pour la commune rattachée d'indice ${i}`),
        "undefined",
      );
    zrrMapped.set(i, {
      classification: shared.classification,
      label: label === "" ? shared.label : label,
      mappedFrom: { code: from, reason: "cog_version" },
    });
  }
  const frrShared: FrrStatus[] = FRR_ORDER.map((classification, d) => ({
    classification,
    label: a.frrLabels[d] ?? classification,
  }));
  const zrrByIndex = new Array<ZrrStatus | undefined>(count);
  const frrByIndex = new Array<FrrStatus | undefined>(count);
  for (let i = 0; i < count; i++) {
    zrrByIndex[i] = zrrMapped.get(i) ?? zrrShared[a.zrr[i] ?? "."];
    frrByIndex[i] = frrShared[a.frr.charCodeAt(i) - 48];
  }
  return { zrrByIndex, frrByIndex };
}

/** The resolution of old codes (merged communes, communes déléguées, arrondissements) to current communes. */
function aliasResolver(a: CommuneTableArtefact, count: number, records: Records) {
  const aliasTarget = new Map<string, number>();
  const aliasReason = new Map<string, CodeMapping["reason"]>();
  for (let k = 0; k + 2 < a.aliases.length; k += 3) {
    const code = a.aliases[k];
    const target = a.aliases[k + 1];
    const reason = ALIAS_REASONS[a.aliases[k + 2] as number];
    if (typeof code !== "string" || typeof target !== "number" || target >= count || reason === undefined) {
      throw integrity(
        rule("alias triples (code, commune index, reason)", "des triplets d'alias (code, indice de commune, raison)"),
        `${String(code)}, ${String(target)}, ${String(a.aliases[k + 2])}`,
      );
    }
    aliasTarget.set(code, target);
    aliasReason.set(code, reason);
  }
  const aliasCache = new Map<string, ResolvedCommune>();
  return (code: string): ResolvedCommune | undefined => {
    let found = aliasCache.get(code);
    if (found !== undefined) return found;
    const target = aliasTarget.get(code);
    if (target === undefined) return undefined;
    found = { commune: records.record(target), mappedFrom: { code, reason: aliasReason.get(code) ?? "ancien_code" } };
    aliasCache.set(code, found);
    return found;
  };
}

/** The communes of a postcode, cached per postcode. */
function postcodeLookup(a: CommuneTableArtefact, count: number, records: Records) {
  const postcodeCache = new Map<string, readonly CommuneRecord[]>();
  const postcodes = a.postcodes;
  return (postcode: string): readonly CommuneRecord[] => {
    let found = postcodeCache.get(postcode);
    if (found !== undefined) return found;
    const indices = Object.hasOwn(postcodes, postcode) ? postcodes[postcode] : undefined;
    if (!Array.isArray(indices)) return NO_COMMUNES;
    found = indices.map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= count)
        throw integrity({ kind: "range", origin: "number", min: 0, max: count, inclusive: false }, `${postcode}: ${i}`);
      return records.record(i);
    });
    postcodeCache.set(postcode, found);
    return found;
  };
}

function buildTable(a: CommuneTableArtefact): DecodedCommuneTable {
  if (a.codes.length % 5 !== 0)
    throw integrity(rule("codes of 5 characters each", "des codes de 5 caractères chacun"), String(a.codes.length));
  const count = a.codes.length / 5;
  const names = a.names.split("|");
  if (names.length !== count || a.zrr.length !== count || a.frr.length !== count) {
    throw integrity(
      rule(`${count} names, ZRR and FRR entries`, `${count} noms, entrées ZRR et FRR`),
      `${names.length}, ${a.zrr.length}, ${a.frr.length}`,
    );
  }
  // Load time matters (cold start of a CLI or a serverless function): only the code index is built
  // eagerly; records and result objects are made on first use and then reused, so a warm lookup allocates nothing.
  const codeIndex = new Map<string, number>();
  for (let i = 0; i < count; i++) codeIndex.set(a.codes.slice(i * 5, i * 5 + 5), i);
  if (codeIndex.size !== count)
    throw integrity(rule(`${count} distinct commune codes`, `${count} codes commune distincts`), `${codeIndex.size}`);
  const records = lazyRecords(a, names, count);
  const indexKey = indexKeyOf(count);
  const { qpv2015, qpv2024, noQpv2015 } = qpvLists(a, count, indexKey);
  const { zrrByIndex, frrByIndex } = ruralStatuses(a, count, indexKey);
  const alias = aliasResolver(a, count, records);
  const resolveExact = (code: string): ResolvedCommune | undefined => {
    const i = codeIndex.get(code);
    return i === undefined ? alias(code) : records.self(i);
  };
  const zrrAt = (index: number): ZrrStatus | undefined => zrrByIndex[index];
  const frrAt = (index: number): FrrStatus | undefined => frrByIndex[index];
  const qpv2024At = (index: number): readonly string[] =>
    (index >= 0 && index < count ? qpv2024[index] : undefined) ?? EMPTY;
  return {
    size: count,
    sources: a.sources,
    listCodes(): string[] {
      const codes = new Array<string>(count);
      for (let i = 0; i < count; i++) codes[i] = a.codes.slice(i * 5, i * 5 + 5);
      return codes;
    },
    resolve(code: string): ResolvedCommune | undefined {
      const found = resolveExact(code);
      if (found !== undefined || code.length !== 5) return found;
      // Corsica codes typed in lower case (2a004).
      const upper = code.toUpperCase();
      return upper === code ? undefined : resolveExact(upper);
    },
    byPostcode: postcodeLookup(a, count, records),
    zrr: (codeInsee: string) => zrrAt(codeIndex.get(codeInsee) ?? -1),
    frr: (codeInsee: string) => frrAt(codeIndex.get(codeInsee) ?? -1),
    qpv2015(codeInsee: string): Qpv2015CommuneStatus {
      const i = codeIndex.get(codeInsee);
      return (i === undefined ? undefined : qpv2015[i]) ?? noQpv2015(departementOf(codeInsee));
    },
    qpv2024: (codeInsee: string) => qpv2024At(codeIndex.get(codeInsee) ?? -1),
    indexOf: (codeInsee: string) => codeIndex.get(codeInsee) ?? -1,
    communeAt: (index: number) => (index >= 0 && index < count ? records.record(index) : undefined),
    zrrAt,
    frrAt,
    qpv2015At(index: number): Qpv2015CommuneStatus | undefined {
      if (!(index >= 0 && index < count)) return undefined;
      return qpv2015[index] ?? noQpv2015(departementOf(a.codes.slice(index * 5, index * 5 + 5)));
    },
    qpv2024At,
  };
}
