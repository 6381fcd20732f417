// The `// => value` check used by the documentation examples (test/docs/examples.test.ts).
// Conventions a shown value may use, so that it stays readable:
// - `...` inside an object stands for the fields not shown; at the end of an array, for the elements not shown;
// - a non-integer number is compared to the decimals it shows (`0.2553` matches 0.25531…).
import { inspect } from "node:util";
import { expect } from "vitest";

/**
 * Stands for "and the rest" (`...`) in a shown value; the generated example modules import it.
 * @public
 */
export const REST: unique symbol = Symbol("...");

/** How many checks the examples ran, so that the runner can count them per example. */
export const exampleChecks = { count: 0 };

function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function decimalsOf(n: number): number {
  const text = String(n);
  if (!Number.isFinite(n) || Number.isInteger(n) || /e/i.test(text)) return -1;
  return text.split(".")[1]!.length;
}

function projectArray(actual: unknown, expected: unknown[]): [unknown, unknown] {
  const open = expected.length > 0 && expected[expected.length - 1] === REST;
  const shown = open ? expected.slice(0, -1) : expected;
  if (!Array.isArray(actual)) return [actual, shown];
  const kept = open ? actual.slice(0, shown.length) : actual;
  const pairs = kept.map((item: unknown, i) => (i < shown.length ? project(item, shown[i]) : [item, undefined]));
  return [pairs.map((p) => p[0]), shown.map((item, i) => (i < pairs.length ? pairs[i]![1] : item))];
}

function projectObject(actual: unknown, expected: Record<PropertyKey, unknown>): [unknown, unknown] {
  const open = REST in expected;
  const shown = Object.fromEntries(Object.entries(expected));
  if (!isPlainObject(actual) && (typeof actual !== "object" || actual === null)) return [actual, shown];
  const source = actual as Record<string, unknown>;
  const keys = open ? Object.keys(shown).filter((k) => k in source) : Object.keys(source);
  const outActual: Record<string, unknown> = {};
  const outExpected: Record<string, unknown> = { ...shown };
  for (const key of keys) {
    if (key in shown) [outActual[key], outExpected[key]] = project(source[key], shown[key]);
    else outActual[key] = source[key];
  }
  return [outActual, outExpected];
}

/** Returns the actual value reduced to what the expected value shows, and the expected value without markers. */
function project(actual: unknown, expected: unknown): [unknown, unknown] {
  if (typeof expected === "number" && typeof actual === "number") {
    const d = decimalsOf(expected);
    return [d > 0 && Math.abs(actual - expected) <= 10 ** -d ? Number(actual.toFixed(d)) : actual, expected];
  }
  if (Array.isArray(expected)) return projectArray(actual, expected);
  if (isPlainObject(expected)) return projectObject(actual, expected);
  return [actual, expected];
}

/**
 * Checks one `expr; // => value` pair of an example; the generated example modules import it.
 * @public
 */
export function checkExample(actual: unknown, expected: unknown, where: string): void {
  exampleChecks.count++;
  const [shownActual, shownExpected] = project(actual, expected);
  try {
    expect(shownActual, where).toEqual(shownExpected);
  } catch (error) {
    // The whole actual value, so that a drifted example can be read (and fixed) from the failure alone.
    if (error instanceof Error) error.message += `\nactual: ${inspect(actual, { depth: 8, breakLength: 120 })}`;
    throw error;
  }
}
