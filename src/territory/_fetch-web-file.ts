import { DeclicsError, type DeclicsErrorDetails } from "../errors.js";
import { territoryError } from "./_errors.js";
import type { WebDataFile } from "./web-data-manifest.js";

/**
 * Fetching one file of the web data with every check a browser or edge runtime needs: HTTP status, content
 * type, an HTML page in place of data, truncation, gzip decoding and the sha256 of the decoded bytes (Web
 * Crypto). Isomorphic: the fetch function comes in as a parameter.
 * @module
 */

/** The part of a fetch Response the data source reads. */
export interface DataResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A fetch function: the global `fetch`, or anything answering a path or URL with a Response. */
export type DataFetch = (url: string) => Promise<DataResponse>;

/** Content types a static host may send for the data files (any other is refused). */
const BINARY_TYPES = [
  "application/octet-stream",
  "binary/octet-stream",
  "application/gzip",
  "application/x-gzip",
  "application/x-binary",
];
const JSON_TYPES = ["application/json", "text/json", "application/octet-stream", "binary/octet-stream"];

type FetchErrorCode = "data_unreachable" | "data_content_type" | "data_truncated" | "data_integrity" | "data_missing";

function error<C extends FetchErrorCode>(code: C, details: DeclicsErrorDetails[C], cause?: unknown): DeclicsError<C> {
  return territoryError({ code, module: "territory", details, ...(cause === undefined ? {} : { cause }) });
}

const causeName = (cause: unknown): string => {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : cause instanceof Error ? cause.name : typeof cause;
};

/** Fetches a URL, turning network failures and HTTP errors into coded errors. */
async function get(fetchFn: DataFetch, url: string): Promise<DataResponse> {
  let response: DataResponse;
  try {
    response = await fetchFn(url);
  } catch (cause) {
    throw error("data_unreachable", { url, reason: "network", cause: causeName(cause) }, cause);
  }
  if (response.status === 404) {
    throw error("data_missing", { dataset: url, location: url, remedy: "copy_web_data" });
  }
  if (!response.ok) {
    throw error("data_unreachable", { url, reason: "http_status", status: response.status });
  }
  return response;
}

/** Refuses an HTML page or a content type that cannot be the data. */
function checkType(url: string, response: DataResponse, accepted: readonly string[], what: string): void {
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "" || accepted.includes(type)) return;
  throw error("data_content_type", { url, expected: accepted.join(" | "), received: type, file: what });
}

/** Whether the bytes start like an HTML or XML page (a fallback page served with a binary content type). */
function looksLikeHtml(bytes: Uint8Array): boolean {
  let i = 0;
  while (
    i < bytes.length &&
    i < 64 &&
    (bytes[i] === 0x20 ||
      bytes[i] === 0x0a ||
      bytes[i] === 0x0d ||
      bytes[i] === 0x09 ||
      bytes[i] === 0xef ||
      bytes[i] === 0xbb ||
      bytes[i] === 0xbf)
  )
    i++;
  if (bytes[i] !== 0x3c) return false; // "<"
  const head = new TextDecoder().decode(bytes.subarray(i, i + 15)).toLowerCase();
  return (
    head.startsWith("<!doctype") ||
    head.startsWith("<html") ||
    head.startsWith("<?xml") ||
    head.startsWith("<head") ||
    head.startsWith("<body")
  );
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Lowercase hex sha256 of bytes, with Web Crypto. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes as BufferSource));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** What {@link fetchWebFile} transferred. */
export interface Transfer {
  readonly url: string;
  /** Bytes of the body as received (before our gzip decoding; after the host's Content-Encoding). */
  readonly bytes: number;
}

/**
 * Fetches and checks one file of the web data. Returns the decoded bytes.
 * @throws {DeclicsError} data_unreachable, data_missing (404), data_content_type, data_truncated, data_integrity
 */
export async function fetchWebFile(
  fetchFn: DataFetch,
  url: string,
  entry: WebDataFile,
  verify: boolean,
  onTransfer: (t: Transfer) => void,
): Promise<Uint8Array> {
  const response = await get(fetchFn, url);
  checkType(url, response, BINARY_TYPES, entry.file);
  const body = await readBody(response, url, entry);
  onTransfer({ url, bytes: body.byteLength });
  const decoded = await decodeBody(body, url, entry);
  await checkDecoded(decoded, url, entry, verify);
  return decoded;
}

/** The body's bytes; an interrupted transfer is `data_truncated`. */
async function readBody(response: DataResponse, url: string, entry: WebDataFile): Promise<Uint8Array> {
  let body: Uint8Array;
  try {
    body = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw error(
      "data_truncated",
      { url, expected: entry.encodedBytes, received: null, cause: causeName(cause) },
      cause,
    );
  }
  return body;
}

/** The data from the body: refuses an HTML page, and gunzips unless the host already did. */
async function decodeBody(body: Uint8Array, url: string, entry: WebDataFile): Promise<Uint8Array> {
  if (looksLikeHtml(body)) {
    throw error("data_content_type", {
      url,
      expected: BINARY_TYPES.join(" | "),
      received: "text/html",
      file: entry.file,
    });
  }
  let decoded = body;
  // A host may already have undone the gzip (Content-Encoding: gzip for .gz files): then the body is the data.
  if (entry.encoding === "gzip" && body[0] === 0x1f && body[1] === 0x8b) {
    if (body.byteLength < entry.encodedBytes) {
      throw error("data_truncated", { url, expected: entry.encodedBytes, received: body.byteLength });
    }
    try {
      decoded = await gunzip(body);
    } catch (cause) {
      throw error("data_integrity", { dataset: url, expected: { kind: "gzip" }, received: causeName(cause) }, cause);
    }
  }
  return decoded;
}

/** Checks the decoded size against the manifest, and with `verify` its sha256. */
async function checkDecoded(decoded: Uint8Array, url: string, entry: WebDataFile, verify: boolean): Promise<void> {
  if (decoded.byteLength < entry.bytes) {
    throw error("data_truncated", { url, expected: entry.bytes, received: decoded.byteLength });
  }
  if (decoded.byteLength !== entry.bytes) {
    throw error("data_integrity", {
      dataset: url,
      expected: { kind: "byte_count", bytes: entry.bytes },
      received: String(decoded.byteLength),
    });
  }
  if (verify) {
    const digest = await sha256Hex(decoded);
    if (digest !== entry.sha256) {
      throw error("data_integrity", {
        dataset: url,
        expected: { kind: "sha256", sha256: entry.sha256 },
        received: digest,
      });
    }
  }
}

/** Fetches and parses a JSON file that has no checksum of its own (manifest.json). */
export async function fetchJson(fetchFn: DataFetch, url: string, onTransfer: (t: Transfer) => void): Promise<unknown> {
  const response = await get(fetchFn, url);
  checkType(url, response, JSON_TYPES, "manifest.json");
  const body = new Uint8Array(await response.arrayBuffer());
  onTransfer({ url, bytes: body.byteLength });
  if (looksLikeHtml(body)) {
    throw error("data_content_type", {
      url,
      expected: JSON_TYPES.join(" | "),
      received: "text/html",
      file: "manifest.json",
    });
  }
  const text = new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const truncated = text.trim().startsWith("{") && !text.trim().endsWith("}");
    throw truncated
      ? error("data_truncated", { url, expected: null, received: body.byteLength }, cause)
      : error("data_integrity", { dataset: url, expected: { kind: "json" }, received: causeName(cause) }, cause);
  }
}
