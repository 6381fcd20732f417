/**
 * Private: item bank checks and the flat, typed-array form of a bank the engine works on.
 * @module
 */
import { DeclicsError, type ItemBankReason, type Problem } from "../errors.js";
import { assessmentError } from "./_errors.js";
import { buildGrid, type Grid, information, probability } from "./_irt.js";
import type { AbilityPrior, QuadratureGrid } from "./ability.js";
import type { CompetenceFramework } from "./framework.js";
import type { Item } from "./item.js";
import type { ItemBank } from "./item-bank.js";

/** Lists the semantic problems of a structurally valid bank (empty when none). */
export function findBankProblems(bank: ItemBank, framework: CompetenceFramework | null): Problem<ItemBankReason>[] {
  const problems: Problem<ItemBankReason>[] = [];
  const known =
    framework === null ? null : new Set(framework.areas.flatMap((a) => a.competences.map((c) => c.id as string)));
  if (bank.items.length === 0) problems.push({ reason: "empty_bank" });
  const seen = new Set<string>();
  bank.items.forEach((item, i) => {
    const where = { index: i, itemId: item.id };
    if (seen.has(item.id)) problems.push({ reason: "duplicate_item", values: where });
    seen.add(item.id);
    if (known !== null && !known.has(item.competence))
      problems.push({ reason: "unknown_competence", values: { ...where, competence: item.competence } });
    const { a, b, c } = item.irt;
    if (!Number.isFinite(a) || a <= 0)
      problems.push({ reason: "bad_discrimination", values: { ...where, received: a } });
    if (!Number.isFinite(b)) problems.push({ reason: "bad_difficulty", values: { ...where, received: b } });
    if (!Number.isFinite(c) || c < 0 || c >= 1)
      problems.push({ reason: "bad_guessing", values: { ...where, received: c } });
    problems.push(...answerKeyProblems(item).map((p) => ({ ...p, values: { ...where, ...p.values } })));
  });
  return problems;
}

function answerKeyProblems(item: Item): Problem<ItemBankReason>[] {
  const out: Problem<ItemBankReason>[] = [];
  if (item.kind === "single_choice" || item.kind === "multiple_choice" || item.kind === "ordering") {
    const ids = item.options.map((o) => o.id);
    const set = new Set(ids);
    if (set.size !== ids.length) out.push({ reason: "duplicate_option" });
    const key = item.kind === "single_choice" ? [item.answer] : item.answer;
    for (const k of key) if (!set.has(k)) out.push({ reason: "key_not_option", values: { key: k } });
    if (new Set(key).size !== key.length) out.push({ reason: "key_repeats" });
    if (item.kind === "ordering" && key.length !== ids.length)
      out.push({ reason: "ordering_incomplete", values: { options: ids.length, listed: key.length } });
    if (item.kind === "multiple_choice" && key.length === ids.length) out.push({ reason: "key_selects_all" });
  } else if (item.kind === "numeric") {
    if (!Number.isFinite(item.answer)) out.push({ reason: "numeric_not_finite" });
  } else if (item.accepted.some((t) => t.trim() === "")) {
    out.push({ reason: "blank_accepted" });
  }
  return out;
}

/** Throws `invalid_item_bank` listing the problems, if any. */
export function assertBankValid(bank: ItemBank, framework: CompetenceFramework | null): void {
  const problems = findBankProblems(bank, framework);
  if (problems.length > 0) throw bankError(problems);
}

export function bankError(problems: Problem<ItemBankReason>[]): DeclicsError<"invalid_item_bank"> {
  return assessmentError({
    code: "invalid_item_bank",
    module: "assessment",
    details: { problems },
  });
}

/**
 * A bank laid out for speed: items sorted by competence (each competence is a contiguous range), their
 * parameters in typed arrays. Grid tables (log P, log(1 - P), information) are built per grid on demand.
 */
export interface PreparedBank {
  readonly bank: ItemBank;
  readonly n: number;
  /** Items in prepared order. */
  readonly items: readonly Item[];
  readonly ids: readonly string[];
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  /** Competence index of each item. */
  readonly comp: Int32Array;
  readonly competences: readonly string[];
  /** Items of competence k are [compStart[k], compStart[k + 1]). */
  readonly compStart: Int32Array;
  readonly indexById: ReadonlyMap<string, number>;
  readonly tables: Map<string, GridTables>;
}

/** Per-grid tables. logP/log1mP are item-major (item * Q + node), info is node-major (node * n + item). */
export interface GridTables {
  readonly grid: Grid;
  readonly logP: Float64Array;
  readonly log1mP: Float64Array;
  /** P and 1 - P, item-major, for multiplicative posterior updates in simulations. */
  readonly pr: Float64Array;
  readonly qr: Float64Array;
  readonly info: Float64Array;
}

const prepared = new WeakMap<ItemBank, PreparedBank>();

/** Checks (once per bank object) and prepares a bank. */
export function prepareBank(bank: ItemBank): PreparedBank {
  const cached = prepared.get(bank);
  if (cached !== undefined) return cached;
  assertBankValid(bank, null);
  const order = bank.items.map((item, i) => ({ item, i }));
  const competences = [...new Set(bank.items.map((it) => it.competence as string))].sort();
  const compIndex = new Map(competences.map((c, k) => [c, k]));
  order.sort((x, y) => compIndex.get(x.item.competence)! - compIndex.get(y.item.competence)! || x.i - y.i);
  const n = order.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const comp = new Int32Array(n);
  const compStart = new Int32Array(competences.length + 1);
  const items: Item[] = [];
  const ids: string[] = [];
  const indexById = new Map<string, number>();
  order.forEach(({ item }, j) => {
    items.push(item);
    ids.push(item.id);
    indexById.set(item.id, j);
    a[j] = item.irt.a;
    b[j] = item.irt.b;
    c[j] = item.irt.c;
    comp[j] = compIndex.get(item.competence)!;
  });
  for (let k = 0, j = 0; k <= competences.length; k++) {
    while (j < n && comp[j]! < k) j++;
    compStart[k] = j;
  }
  const result: PreparedBank = {
    bank,
    n,
    items,
    ids,
    a,
    b,
    c,
    comp,
    competences,
    compStart,
    indexById,
    tables: new Map(),
  };
  prepared.set(bank, result);
  return result;
}

/** The grid tables of a prepared bank (built once per grid and prior). */
export function tablesFor(p: PreparedBank, gridOptions: QuadratureGrid, prior: AbilityPrior): GridTables {
  const key = `${gridOptions.min}:${gridOptions.max}:${gridOptions.points}|${JSON.stringify(prior)}`;
  const cached = p.tables.get(key);
  if (cached !== undefined) return cached;
  const grid = buildGrid(gridOptions, prior);
  const q = grid.nodes.length;
  const logP = new Float64Array(p.n * q);
  const log1mP = new Float64Array(p.n * q);
  const info = new Float64Array(p.n * q);
  const prTable = new Float64Array(p.n * q);
  const qrTable = new Float64Array(p.n * q);
  for (let i = 0; i < p.n; i++) {
    for (let k = 0; k < q; k++) {
      const t = grid.nodes[k]!;
      const pr = probability(p.a[i]!, p.b[i]!, p.c[i]!, t);
      prTable[i * q + k] = pr;
      qrTable[i * q + k] = 1 - pr;
      logP[i * q + k] = Math.log(pr);
      log1mP[i * q + k] = Math.log1p(-pr);
      info[k * p.n + i] = information(p.a[i]!, p.b[i]!, p.c[i]!, t);
    }
  }
  const tables: GridTables = { grid, logP, log1mP, pr: prTable, qr: qrTable, info };
  p.tables.set(key, tables);
  return tables;
}
