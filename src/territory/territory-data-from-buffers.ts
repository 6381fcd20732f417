import { DeclicsError, type Expectation } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue } from "../_lib/parse.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { decodeLayer } from "./_layer.js";
import { makeTerritoryData } from "./_territory-internals.js";
import { decodeCommuneTable } from "./decode-commune-table.js";

/** Dataset id (in data/sources.json) and vintage (millésime) of one part of the territory data. */
export interface TerritoryDataset {
  readonly dataset: string;
  readonly millesime: string;
}

declare const territoryDataBrand: unique symbol;

/**
 * Territory data, ready for `checkEligibility`: the QPV perimeters, the commune contours and the commune lists
 * (ZRR, FRR, QPV per commune, code history, postcodes), decoded and indexed. Opaque: build it with
 * `loadTerritoryData()` from `declics/data` (Node), {@link territoryDataFromBuffers} (browser) or a
 * `createTerritoryDataSource()`; its layout is private and may change in any release. It is frozen and
 * shows only these read-only facts.
 */
export interface TerritoryData {
  readonly [territoryDataBrand]: "TerritoryData";
  /** Which datasets and vintages the answers rest on (the same ids and millésimes as `result.bases`). */
  readonly datasets: {
    /** QPV 2024 perimeters (all of France). */
    readonly qpv2024: TerritoryDataset;
    /** QPV 2015 perimeters (Occitanie). */
    readonly qpv2015: TerritoryDataset;
    /** Commune contours (COG 2026 codes). */
    readonly communes: TerritoryDataset;
    /** ZRR list. */
    readonly zrr: TerritoryDataset;
    /** FRR list. */
    readonly frr: TerritoryDataset;
  };
  /** How many zones each polygon layer holds (a data source's data holds only what it has fetched). */
  readonly zoneCounts: { readonly qpv2024: number; readonly qpv2015: number; readonly communes: number };
}

function notBytes(path: string, expected: Expectation, received: string): DeclicsError<"invalid_input"> {
  return territoryError({
    code: "invalid_input",
    module: "territory",
    details: { what: "territory artefacts", issues: [{ path, expected, received }] },
  });
}

/** The artefact file names in data/build that {@link territoryDataFromBuffers} expects. */
export const TERRITORY_ARTEFACTS = {
  qpv2024: "qpv2024.layer.bin",
  qpv2015: "qpv2015-occitanie.layer.bin",
  communes: "communes.layer.bin",
  communeTable: "commune-table.json",
} as const;

/**
 * Assembles the territory data from the compiled artefacts' bytes, without touching the file system or the
 * network: the path for browsers (fetch the files of `data/build`, pass their bytes) and the core of the
 * Node loader. Typed arrays are views on the given bytes (no copy when they are 8-byte aligned); spatial
 * indexes are built in a few milliseconds.
 *
 * @param files - artefact bytes by file name (see {@link TERRITORY_ARTEFACTS}): `qpv2024.layer.bin`,
 *   `qpv2015-occitanie.layer.bin`, `communes.layer.bin`, `commune-table.json`
 * @returns the decoded territory data, ready for `checkEligibility`
 * @throws {DeclicsError} `invalid_input` when `files` or one of its values is not bytes; `data_missing` when a
 *   file is absent; `data_integrity` when a file is corrupt or of another format version
 * @example
 * ```ts
 * // @browser: a page that serves the data files
 * import { TERRITORY_ARTEFACTS, checkEligibility, territoryDataFromBuffers } from "declics/territory";
 *
 * const files: Record<string, Uint8Array> = {};
 * for (const file of Object.values(TERRITORY_ARTEFACTS)) {
 *   files[file] = new Uint8Array(await (await fetch(`/declics-data/${file}`)).arrayBuffer());
 * }
 * const data = territoryDataFromBuffers(files);
 * checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: "2024-05-01", data }).status;
 * // => "eligible"
 * ```
 * @category Data
 */
export function territoryDataFromBuffers(files: Readonly<Record<string, Uint8Array | ArrayBuffer>>): TerritoryData {
  if (typeof files !== "object" || files === null)
    throw notBytes(
      "files",
      rule("an object of artefact bytes by file name", "un objet des octets des artefacts par nom de fichier"),
      describeValue(files),
    );
  const get = (file: string): Uint8Array => {
    const bytes: unknown = Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined;
    if (bytes === undefined) {
      throw territoryError({
        code: "data_missing",
        module: "territory",
        details: { dataset: file, location: file, remedy: "pass_bytes" },
      });
    }
    if (bytes instanceof Uint8Array) return bytes;
    if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
    if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    throw notBytes(file, { kind: "bytes" }, describeValue(bytes));
  };
  const qpv2024 = decodeLayer(get(TERRITORY_ARTEFACTS.qpv2024), TERRITORY_ARTEFACTS.qpv2024);
  const qpv2015 = decodeLayer(get(TERRITORY_ARTEFACTS.qpv2015), TERRITORY_ARTEFACTS.qpv2015);
  const communes = decodeLayer(get(TERRITORY_ARTEFACTS.communes), TERRITORY_ARTEFACTS.communes);
  const communeTable = decodeCommuneTable(get(TERRITORY_ARTEFACTS.communeTable));
  return makeTerritoryData({ qpv2024, qpv2015, communes, communeTable, communeCodes: communes.header.codes });
}
