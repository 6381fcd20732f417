import type * as z from "zod/v4";
import { DeclicsError, type DeclicsModule, type InputIssue } from "../errors.js";

/** The result of a `safeParseX` function: the parsed value, or the error `parseX` would have thrown. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: DeclicsError<"invalid_input"> };

/**
 * Summarises a received value for an error message without dumping large inputs. Never throws: a hostile
 * value (a Date-like object whose methods throw, a Proxy, a throwing getter) is described by its type.
 */
export function describeValue(value: unknown): string {
  try {
    return describeUnsafe(value);
  } catch {
    return Object.prototype.toString.call(value) === "[object Date]" ? "Date" : `${typeof value} (unreadable)`;
  }
}

function describeUnsafe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : `number ${value}`;
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "boolean" || typeof value === "bigint") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (Object.prototype.toString.call(value) === "[object Date]") {
    const time = Date.prototype.getTime.call(value);
    return Number.isNaN(time)
      ? "Invalid Date"
      : `Date ${Number.isFinite(time) ? new Date(time).toISOString() : String(time)}`;
  }
  if (value instanceof Date) return "a Date-like object that is not a Date";
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return keys.length === 0
      ? "empty object"
      : `object with keys ${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""}`;
  }
  return typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `${issue.origin} ${issue.inclusive === false ? ">" : ">="} ${String(issue.minimum)}`;
    case "too_big":
      return `${issue.origin} ${issue.inclusive === false ? "<" : "<="} ${String(issue.maximum)}`;
    case "invalid_format":
      return issue.pattern ? `${issue.format} matching ${issue.pattern}` : issue.format;
    case "unrecognized_keys":
      return `no keys ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "one of the accepted shapes";
    default:
      return issue.message;
  }
}

/** Turns zod issues into declics issues, naming the faulty field, the expectation and what arrived. */
export function toInputIssues(error: z.core.$ZodError, input: unknown): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    expected: expectedOf(issue),
    received: describeValue("input" in issue && issue.input !== undefined ? issue.input : valueAt(input, issue.path)),
    message: issue.message,
  }));
}

function invalidInput(
  module: DeclicsModule,
  what: string,
  error: z.core.$ZodError,
  input: unknown,
): DeclicsError<"invalid_input"> {
  const issues = toInputIssues(error, input);
  const shown = issues
    .slice(0, 3)
    .map((i) => `${i.path === "" ? what : i.path}: expected ${i.expected}, received ${i.received}`)
    .join("; ");
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return new DeclicsError({
    code: "invalid_input",
    module,
    message: `Invalid ${what}: ${shown}${more}`,
    details: { what, issues },
    cause: error,
  });
}

/** Where a boundary parse happens, for the error it raises. */
export interface ParseContext {
  readonly module: DeclicsModule;
  /** What the input is, in words (e.g. "participant record", "eligibility options"). */
  readonly what: string;
}

/**
 * Validates external input once, at a module boundary. Throws a `DeclicsError` with code
 * `invalid_input` that names each faulty field, what was expected and what arrived.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, context: ParseContext): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw invalidInput(context.module, context.what, result.error, input);
}

/** Like {@link parseWith}, returning a result instead of throwing. */
export function safeParseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  context: ParseContext,
): SafeParseResult<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  return { success: false, error: invalidInput(context.module, context.what, result.error, input) };
}
