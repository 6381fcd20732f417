import { DeclicsError, type Expectation } from "../errors.js";
import { describeValue } from "../_lib/parse.js";
import { rule } from "../_lib/messages-vocabulary.js";
import { decodeLayer, type PolygonLayer } from "./_layer.js";
import type { CommuneTable } from "./commune-table.js";
import { decodeCommuneTable, type DecodedCommuneTable } from "./decode-commune-table.js";

/** The commune lists as the engine reads them: the lookups, and the provenance of each list for evidence. */
export type TerritoryCommuneTable = CommuneTable & { readonly sources: DecodedCommuneTable["sources"] };

/**
 * Everything the eligibility engine reads: the polygon layers and the commune lists, decoded and indexed.
 * Build it with `loadTerritoryData()` from `declics/data` (Node) or {@link territoryDataFromBuffers} (browser).
 */
export interface TerritoryData {
  /** QPV 2024 perimeters (all of France, simplified: about 10 m from the official edge). */
  readonly qpv2024: PolygonLayer;
  /** QPV 2015 perimeters, Occitanie only. */
  readonly qpv2015: PolygonLayer;
  /** Commune contours, COG 2026 (derived from IGN Admin Express COG 2018). */
  readonly communes: PolygonLayer;
  /** ZRR, FRR, QPV 2015 / 2024 per commune, code resolution and postcodes. */
  readonly communeTable: TerritoryCommuneTable;
  /** The INSEE code of each commune polygon, in layer order. */
  readonly communeCodes: readonly string[];
}

function notBytes(path: string, expected: Expectation, received: string): DeclicsError<"invalid_input"> {
  return new DeclicsError({
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
 * @throws {DeclicsError} `invalid_input` when `files` or one of its values is not bytes; `data_missing` when a file is absent; `data_integrity` when a file is corrupt or of
 *   another format version
 * @example
 * ```ts
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
      throw new DeclicsError({
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
  return { qpv2024, qpv2015, communes, communeTable, communeCodes: communes.header.codes };
}
