import * as flatbushModule from "flatbush";
import type FlatbushClass from "flatbush";

/**
 * The flatbush class, whichever way the module system hands it over: ESM gives it as the default export; the
 * CJS build of declics receives `require("flatbush")`, which Node 20+ answers with the ES module namespace
 * (`{ __esModule, default }`), and the bundler's interop may wrap that once more.
 * @module
 */
function resolve(candidate: unknown): typeof FlatbushClass {
  let value = candidate;
  for (let depth = 0; depth < 3 && typeof value !== "function"; depth++)
    value = (value as { default?: unknown } | null)?.default;
  if (typeof value !== "function") throw new Error("flatbush could not be loaded");
  return value as typeof FlatbushClass;
}

export const Flatbush = resolve(flatbushModule);

/**
 * The part of a flatbush index the engine uses. Published types name this interface, not flatbush's class,
 * because flatbush's typings are ESM-only and would break CommonJS consumers under moduleResolution node16.
 */
export interface SpatialIndex {
  search(minX: number, minY: number, maxX: number, maxY: number, filter?: (index: number) => boolean): number[];
  neighbors(
    x: number,
    y: number,
    maxResults?: number,
    maxDistance?: number,
    filter?: (index: number) => boolean,
  ): number[];
}
