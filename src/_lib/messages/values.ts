/**
 * Language-neutral renderings of values for error details and messages: JavaScript notation
 * (`"abc"`, `12`, `undefined`, `Array(3)`, `{ a, b }`, `Date(2025-01-01T00:00:00.000Z)`), truncated,
 * with control and bidirectional characters escaped so that a hostile value cannot forge a line of a log
 * or a terminal.
 * @module
 */

/**
 * The entry a table has under `key`, own keys only: a key from hostile or hand-made details (`"constructor"`,
 * `"__proto__"`, a number) finds nothing rather than an Object.prototype member.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Longest text shown from a received string, in characters. */
const MAX_SHOWN = 60;

/** Control characters (C0, DEL, C1), line and paragraph separators, bidirectional overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Escapes the characters of {@link UNSAFE} as `\uXXXX`. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A string cut to `max` characters (by code point, never halving a surrogate pair), `…` when cut. */
export function truncate(text: string, max = MAX_SHOWN): string {
  if (text.length <= max) return text;
  return `${Array.from(text.slice(0, max + 1))
    .slice(0, max)
    .join("")}…`;
}

/** A string in double quotes, truncated and escaped. */
export function quote(text: string): string {
  return escapeUnsafe(JSON.stringify(truncate(text)));
}

/**
 * Summarises a received value in neutral notation without dumping large inputs. Never throws: a hostile
 * value (a Date-like object whose methods throw, a Proxy, a throwing getter) is described by its type.
 */
export function describeValue(value: unknown): string {
  try {
    return escapeUnsafe(describeUnsafe(value));
  } catch {
    return Object.prototype.toString.call(value) === "[object Date]" ? "Date(?)" : `${typeof value}(?)`;
  }
}

function describeUnsafe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return quote(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${truncate(String(value), 30)}n`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (Object.prototype.toString.call(value) === "[object Date]") {
    const time = Date.prototype.getTime.call(value);
    return Number.isFinite(time) ? `Date(${new Date(time).toISOString()})` : "Date(NaN)";
  }
  if (value instanceof Date) return "Date(?)";
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength})`;
  if (typeof value === "object") {
    const keys = Object.keys(value).map((k) => truncate(k, 20));
    return keys.length === 0 ? "{}" : `{ ${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""} }`;
  }
  return typeof value;
}

/**
 * A detail read back for a message: strings truncated and escaped, numbers as numbers, anything else
 * (a hand-made or hostile detail) described. Never throws.
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return escapeUnsafe(truncate(value, 200));
  return describeValue(value);
}
