import { internalsOfUnknown } from "./_territory-internals.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

/**
 * The structural check of `options.data`: deep enough that an object which passes it cannot make the engine
 * throw a TypeError (every layer with its typed arrays, index and code map; the commune table's lookups and
 * sources; one code per commune polygon). Results are remembered per object, so the check costs once.
 * @module
 */

const verified = new WeakSet<object>();

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isFunction = (v: unknown): boolean => typeof v === "function";

/** Whether a value has the shape of a decoded polygon layer (never throws for a plain object). */
export function isLayer(v: unknown): boolean {
  if (!isObject(v)) return false;
  const header = v.header;
  if (
    !isObject(header) ||
    !Array.isArray(header.codes) ||
    !Array.isArray(header.names) ||
    typeof header.marginM !== "number"
  )
    return false;
  if (typeof v.size !== "number" || !Number.isInteger(v.size) || v.size < 0 || header.codes.length < v.size)
    return false;
  if (!(v.coords instanceof Int32Array) || !(v.polyBbox instanceof Int32Array) || v.polyBbox.length < 4 * v.size)
    return false;
  for (const name of ["ringStart", "polyRingStart", "polyVertexStart"])
    if (!(v[name] instanceof Uint32Array)) return false;
  if ((v.polyRingStart as Uint32Array).length < v.size + 1 || !Array.isArray(v.regions)) return false;
  const index = v.index;
  const byCode = v.byCode;
  return (
    isObject(index) &&
    isFunction(index.neighbors) &&
    isFunction(index.search) &&
    isObject(byCode) &&
    isFunction(byCode.get)
  );
}

function isCommuneTable(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const name of ["resolve", "byPostcode", "zrr", "frr", "qpv2015", "qpv2024"])
    if (!isFunction(v[name])) return false;
  const sources = v.sources;
  if (!isObject(sources)) return false;
  return ["zrr", "frr", "qpv2015", "qpv2024"].every(
    (k) => isObject(sources[k]) && typeof (sources[k] as Record<string, unknown>).id === "string",
  );
}

/**
 * Whether a value is {@link TerritoryData}: the opaque object carries the engine's internals, whose full shape is
 * checked; never throws (a throwing getter means no).
 */
export function isTerritoryData(v: unknown): v is TerritoryData {
  const internals = internalsOfUnknown(v);
  if (!isObject(internals)) return false;
  if (verified.has(internals)) return true;
  try {
    const ok =
      isLayer(internals.qpv2024) &&
      isLayer(internals.qpv2015) &&
      isLayer(internals.communes) &&
      isCommuneTable(internals.communeTable) &&
      Array.isArray(internals.communeCodes) &&
      internals.communeCodes.length === (internals.communes as { size: number }).size;
    if (ok) verified.add(internals);
    return ok;
  } catch {
    return false;
  }
}
