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
  for (let depth = 0; depth < 3 && typeof value !== "function"; depth++) value = (value as { default?: unknown } | null)?.default;
  if (typeof value !== "function") throw new Error("flatbush could not be loaded");
  return value as typeof FlatbushClass;
}

export const Flatbush = resolve(flatbushModule);
export type Flatbush = FlatbushClass;
