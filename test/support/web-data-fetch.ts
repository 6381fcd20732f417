import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DataFetch } from "../../src/territory/index.js";
import { BUILD_DIR } from "./real-data.js";

/** Where scripts/build-data.ts writes the web data. */
export const WEB_DIR = join(BUILD_DIR, "web");

/** How the fake host answers: per-path overrides to play hostile hosts. */
export type Override = (
  path: string,
  bytes: Uint8Array | undefined,
) => Response | undefined | Promise<Response | undefined>;

/**
 * A fetch that serves data/build/web like a plain static host (.gz as application/gzip, .json as JSON,
 * 404 for absent files), with optional per-path overrides. Records every path asked.
 */
export function webDataFetch(override?: Override): DataFetch & { readonly asked: string[] } {
  const asked: string[] = [];
  const fn = async (path: string): Promise<Response> => {
    asked.push(path);
    const file = join(WEB_DIR, path);
    const bytes = existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
    const custom = await override?.(path, bytes);
    if (custom !== undefined) return custom;
    if (bytes === undefined)
      return new Response("<!doctype html><title>404</title>", {
        status: 404,
        headers: { "content-type": "text/html" },
      });
    const type = path.endsWith(".json") ? "application/json" : "application/gzip";
    return new Response(bytes as BodyInit, { status: 200, headers: { "content-type": type } });
  };
  return Object.assign(fn, { asked });
}
