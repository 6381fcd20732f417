/**
 * Reasons in words: why a template, plan, table, item bank, command line or file was refused, in English
 * and French, from a snake_case `reason` and its `values` (ids, numbers, names). Each part of the message
 * table keeps the words of its own reasons and renders them with {@link renderProblem}.
 * @module
 */
import type { ErrorLanguage, Problem } from "../../errors.js";
import { ownEntry, shown } from "./values.js";

/** Reads a value of a problem by name, shown in neutral notation (`"?"` when absent). */
export type V = (name: string) => string;
/** The words of one reason: English, then French. */
export type Reason = readonly [en: (v: V) => string, fr: (v: V) => string];

/**
 * A problem in words of the language, looked up in a family of reasons. An unknown reason (a newer
 * version's, or a system code the table does not know) is shown as its code with its values, so nothing
 * is lost and nothing throws.
 */
export function renderProblem(
  problem: Problem,
  lang: ErrorLanguage,
  reasons: Readonly<Record<string, Reason>>,
): string {
  const reason = typeof problem?.reason === "string" ? problem.reason : "";
  const values = typeof problem?.values === "object" && problem.values !== null ? problem.values : {};
  const v: V = (name) => (Object.hasOwn(values, name) ? shown(values[name]) : "?");
  const entry = ownEntry(reasons, reason);
  if (entry !== undefined) return lang === "fr" ? entry[1](v) : entry[0](v);
  const listed = Object.keys(values)
    .slice(0, 8)
    .map((k) => `${shown(k)}=${v(k)}`);
  return listed.length === 0 ? shown(reason) : `${shown(reason)} (${listed.join(", ")})`;
}
