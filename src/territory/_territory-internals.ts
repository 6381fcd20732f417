import type { PolygonLayer } from "./_layer.js";
import type { CommuneTable } from "./commune-table.js";
import type { DecodedCommuneTable } from "./decode-commune-table.js";
import type { TerritoryData, TerritoryDataset } from "./territory-data-from-buffers.js";

/**
 * What the eligibility engine reads behind an opaque {@link TerritoryData}: the polygon layers and the commune
 * lists, decoded and indexed. Users never see it: it sits on the public object under a symbol key that is not
 * enumerable, so it stays out of the type, of `Object.keys`, of JSON and of console output.
 * @module
 */

/** The commune lists as the engine reads them: the lookups, and the provenance of each list for evidence. */
export type TerritoryCommuneTable = CommuneTable & { readonly sources: DecodedCommuneTable["sources"] };

/** The engine's view of the territory data. */
export interface TerritoryInternals {
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

// A registered symbol, not a module-local one: an app that loads declics twice (its ESM and its CJS build, or
// two bundles) still answers with data loaded by the other copy.
const INTERNALS: unique symbol = Symbol.for("declics.territory.internals");

function datasetOf(layer: PolygonLayer): TerritoryDataset {
  return { dataset: layer.header.dataset, millesime: layer.header.millesime };
}

/** Wraps the engine's data into the opaque public object (frozen; the internals under a hidden symbol key). */
export function makeTerritoryData(internals: TerritoryInternals): TerritoryData {
  const { sources } = internals.communeTable;
  const data = {
    datasets: Object.freeze({
      qpv2024: Object.freeze(datasetOf(internals.qpv2024)),
      qpv2015: Object.freeze(datasetOf(internals.qpv2015)),
      communes: Object.freeze(datasetOf(internals.communes)),
      zrr: Object.freeze({ dataset: sources.zrr.id, millesime: sources.zrr.millesime }),
      frr: Object.freeze({ dataset: sources.frr.id, millesime: sources.frr.millesime }),
    }),
    zoneCounts: Object.freeze({
      qpv2024: internals.qpv2024.size,
      qpv2015: internals.qpv2015.size,
      communes: internals.communes.size,
    }),
  };
  Object.defineProperty(data, INTERNALS, { value: internals, enumerable: false });
  return Object.freeze(data) as unknown as TerritoryData;
}

/**
 * The internals of a value that claims to be territory data, unchecked (undefined when there is no such key).
 * Never throws: a hostile object whose symbol getter throws gives undefined.
 */
export function internalsOfUnknown(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    return (value as { [INTERNALS]?: unknown })[INTERNALS];
  } catch {
    return undefined;
  }
}

/** The internals of territory data that passed `isTerritoryData` (the options schemas check it). */
export function internalsOf(data: TerritoryData): TerritoryInternals {
  return (data as unknown as { [INTERNALS]: TerritoryInternals })[INTERNALS];
}
