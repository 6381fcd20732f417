import type * as z from "zod/v4";
import { DeclicsError, type DeclicsModule, type Expectation, type InputIssue } from "../errors.js";
import { coreError } from "./core-error.js";
import { describeValue } from "./messages/values.js";

/** The result of a `safeParseX` function: the parsed value, or the error `parseX` would have thrown. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: DeclicsError<"invalid_input"> };

export { describeValue } from "./messages/values.js";

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function bound(value: unknown, origin: string): number | string {
  if (typeof value === "bigint") return value.toString();
  if (origin === "date" && typeof value === "number") return new Date(value).toISOString().slice(0, 10);
  return typeof value === "number" ? value : String(value);
}

function isExpectation(value: unknown): value is Expectation {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";
}

/** What a zod issue expected, as data (never zod's English message). */
function expectedOf(issue: z.core.$ZodIssue): Expectation {
  switch (issue.code) {
    case "invalid_type":
      return { kind: "type", type: issue.expected };
    case "invalid_value":
      return {
        kind: "one_of",
        values: issue.values.map((v) => (typeof v === "bigint" ? v.toString() : (v ?? null))) as string[],
      };
    case "too_small":
    case "too_big": {
      const limit =
        issue.code === "too_small"
          ? { min: bound(issue.minimum, issue.origin) }
          : { max: bound(issue.maximum, issue.origin) };
      return { kind: "range", origin: issue.origin, ...limit, inclusive: issue.inclusive !== false };
    }
    case "invalid_format":
      return issue.format === "regex" && issue.pattern
        ? { kind: "pattern", pattern: issue.pattern }
        : { kind: "format", format: issue.format };
    case "unrecognized_keys":
      return { kind: "no_extra_keys", keys: issue.keys };
    case "custom": {
      const params = (issue as { params?: { expected?: unknown } }).params;
      return isExpectation(params?.expected) ? params.expected : { kind: "custom", note: issue.message };
    }
    default:
      return { kind: "shape" };
  }
}

/**
 * Where and how a value broke its schema, as the details of a `data_integrity` error: the first issue's path,
 * expectation and received value (`fallback` for what to say when there is no issue).
 */
export function integrityOf(
  issue: InputIssue | undefined,
  fallback: { readonly expected?: Expectation; readonly received?: string } = {},
): { path: string; expected: Expectation; received: string } {
  return {
    path: issue?.path ?? "",
    expected: issue?.expected ?? fallback.expected ?? { kind: "shape" },
    received: issue?.received ?? fallback.received ?? "undefined",
  };
}

/** The value at `path` inside `value`, when every step is an own key of an object or array. */
function ownValueAt(value: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

/**
 * What a refinement received. zod gives the whole refined value as the issue's `input` (`{ successes, trials }`
 * for a check reported on `successes`) and the issue's path goes on inside it: the field is read at the
 * longest tail of the path the refined value holds, else the refined value is shown as it is.
 */
function refinedValue(refined: unknown, path: readonly PropertyKey[]): unknown {
  if (refined === null || typeof refined !== "object") return refined;
  for (let start = 0; start < path.length; start++) {
    const tail = ownValueAt(refined, path.slice(start));
    if (tail.found) return tail.value;
  }
  return refined;
}

function receivedOf(issue: z.core.$ZodIssue, input: unknown): unknown {
  if (!("input" in issue) || issue.input === undefined) return valueAt(input, issue.path);
  return issue.code === "custom" ? refinedValue(issue.input, issue.path) : issue.input;
}

/** Turns zod issues into declics issues, naming the faulty field, the expectation and what arrived. */
export function toInputIssues(error: z.core.$ZodError, input: unknown): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    expected: expectedOf(issue),
    received: describeValue(receivedOf(issue, input)),
  }));
}

function invalidInput(
  module: DeclicsModule,
  what: string,
  error: z.core.$ZodError,
  input: unknown,
): DeclicsError<"invalid_input"> {
  return coreError({
    code: "invalid_input",
    module,
    details: { what, issues: toInputIssues(error, input) },
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
