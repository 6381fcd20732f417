/**
 * Private: next-item selection, shared by adaptive sessions and simulations so that both run exactly
 * the same algorithm.
 * @module
 */
import { createSeededRandom, type RandomSource } from "../_lib/random.js";
import { DeclicsError } from "../errors.js";
import { assessmentError } from "./_errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import type { GridTables, PreparedBank } from "./_bank.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import type { ResolvedAdaptiveSessionOptions } from "./session-state.js";

/** Mutable selection context; the caller owns `available` and `counts`. */
export interface SelectionContext {
  readonly p: PreparedBank;
  readonly t: GridTables;
  /** 1 when the item may be offered (not administered, not turned down, competence tested). */
  readonly available: Uint8Array;
  /** Items administered per competence index. */
  readonly counts: Int32Array;
  /** Balancing groups: area ids, or competence ids with `by: "competence"`. */
  readonly groupKeys: readonly string[];
  /** Balancing group (area or competence) of each competence index. */
  readonly groupOf: Int32Array;
  /** Competence indices of each group. */
  readonly groupComps: readonly Int32Array[];
  /** Normalised target share per group (0 = not tested), or null without balancing. */
  readonly targets: Float64Array | null;
  readonly k: number;
  /** Sympson-Hetter parameter per item, or null. */
  readonly sh: Float64Array | null;
  readonly topIndex: Int32Array;
  readonly topInfo: Float64Array;
}

/** What the last selection found, besides the chosen item. */
export interface SelectionOutcome {
  index: number;
  competence: number;
  candidates: number;
  rank: number;
  information: number;
  rejected: number[];
  /** The balancing group served (area or competence id), when content is balanced. */
  group?: string;
  /** How many groups were tied furthest below their share (more than 1: the group was drawn at random). */
  tiedGroups?: number;
}

/** 32-bit FNV-1a hash of a session seed, computed once per session. */
export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The random source of a session: one generator seeded from the hashed session seed, advanced past the
 * `consumed` draws earlier steps used. A stored state therefore replays exactly, with no generator state
 * to store beyond a count. Simulations keep one generator per examinee, which yields the same draws.
 */
export function sessionRandom(seedHash: number, consumed: number): { random: RandomSource; used: () => number } {
  const base = createSeededRandom(seedHash);
  for (let i = 0; i < consumed; i++) base();
  let used = 0;
  return {
    random: () => {
      used++;
      return base();
    },
    used: () => used,
  };
}

const AREA_OF_DEFAULT: ReadonlyMap<string, string> = new Map(
  DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences.map((c) => [c.id as string, a.id as string] as const)),
);

/**
 * The area of a competence for content balancing: its area in the default framework, otherwise the
 * part of its id before the first "." ("6.2" -> "6"), otherwise the competence itself.
 */
export function areaOf(competence: string): string {
  const known = AREA_OF_DEFAULT.get(competence);
  if (known !== undefined) return known;
  const dot = competence.indexOf(".");
  return dot > 0 ? competence.slice(0, dot) : competence;
}

type BalancingOption = ResolvedAdaptiveSessionOptions["contentBalancing"];

/** Groups of the bank's competences for balancing, and the group keys in first-seen order. */
function groupsOf(
  competences: readonly string[],
  balancing: BalancingOption,
): { keys: string[]; groupOf: Int32Array; groupComps: Int32Array[] } {
  const byArea = balancing === false || balancing.by === "area";
  const keys: string[] = [];
  const index = new Map<string, number>();
  const groupOf = new Int32Array(competences.length);
  competences.forEach((c, k) => {
    const key = byArea ? areaOf(c) : c;
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      index.set(key, g);
      keys.push(key);
    }
    groupOf[k] = g;
  });
  const groupComps = keys.map((_, g) => Int32Array.from(competences.flatMap((_, k) => (groupOf[k] === g ? [k] : []))));
  return { keys, groupOf, groupComps };
}

function invalidCompetences(
  p: PreparedBank,
  options: Pick<ResolvedAdaptiveSessionOptions, "competences" | "contentBalancing">,
  keys: readonly string[],
  tested: Uint8Array,
  groupOf: Int32Array,
): DeclicsError<"invalid_option"> | null {
  const inBank = new Set(p.competences);
  const unknown = (options.competences ?? []).filter((c) => !inBank.has(c));
  const balancing = options.contentBalancing;
  const badTargets =
    balancing === false
      ? []
      : Object.keys(balancing.targets ?? {}).filter((key) => {
          const g = keys.indexOf(key);
          return g < 0 || !p.competences.some((_, k) => groupOf[k] === g && tested[k] === 1);
        });
  if (unknown.length === 0 && badTargets.length === 0) return null;
  const byArea = balancing !== false && balancing.by === "area";
  const fr = byArea ? "domaines" : "compétences";
  const targets =
    badTargets.length === 0
      ? ["", ""]
      : [
          `; targets naming ${byArea ? "areas" : "competences"} with items to test (${keys.join(", ")})`,
          `; des cibles qui nomment des ${fr} dont des items sont à tester (${keys.join(", ")})`,
        ];
  const received = [...new Set([...unknown, ...badTargets])].map((id) => JSON.stringify(id)).join(", ");
  return assessmentError({
    code: "invalid_option",
    module: "assessment",
    details: {
      option: "competences / contentBalancing.targets",
      expected: rule(
        `competences of the bank (${p.competences.join(", ")})${targets[0]}`,
        `des compétences de la banque (${p.competences.join(", ")})${targets[1]}`,
      ),
      received,
    },
  });
}

/** Builds a selection context for a prepared bank and resolved options. */
export function createSelectionContext(
  p: PreparedBank,
  t: GridTables,
  options: Pick<ResolvedAdaptiveSessionOptions, "competences" | "contentBalancing" | "exposure">,
): SelectionContext {
  const tested = new Uint8Array(p.competences.length);
  const wanted = options.competences === undefined ? null : new Set(options.competences);
  p.competences.forEach((c, k) => {
    tested[k] = wanted === null || wanted.has(c) ? 1 : 0;
  });
  const { keys, groupOf, groupComps } = groupsOf(p.competences, options.contentBalancing);
  const problem = invalidCompetences(p, options, keys, tested, groupOf);
  if (problem !== null) throw problem;
  let targets: Float64Array | null = null;
  if (options.contentBalancing !== false) {
    const given = options.contentBalancing.targets;
    const shares = new Float64Array(keys.length);
    let total = 0;
    keys.forEach((key, g) => {
      const anyTested = groupComps[g]!.some((k) => tested[k] === 1);
      shares[g] = anyTested ? (given === undefined ? 1 : (given[key] ?? 0)) : 0;
      total += shares[g]!;
    });
    if (total > 0) for (let g = 0; g < shares.length; g++) shares[g] = shares[g]! / total;
    p.competences.forEach((_, k) => {
      if (shares[groupOf[k]!] === 0) tested[k] = 0;
    });
    targets = shares;
  }
  const available = new Uint8Array(p.n);
  for (let i = 0; i < p.n; i++) available[i] = tested[p.comp[i]!]!;
  return {
    p,
    t,
    available,
    counts: new Int32Array(p.competences.length),
    groupKeys: keys,
    groupOf,
    groupComps,
    targets,
    k: options.exposure.k,
    sh: lotteryOf(p, options.exposure),
    topIndex: new Int32Array(options.exposure.k),
    topInfo: new Float64Array(options.exposure.k),
  };
}

/**
 * Sympson-Hetter parameter per item, or null for no lottery. Explicit parameters win, then the bank's
 * own (item `sympsonHetter`), then `defaultParameter`; randomesque applies the bank's own unless
 * `bankParameters` is false.
 */
function lotteryOf(p: PreparedBank, exposure: ResolvedAdaptiveSessionOptions["exposure"]): Float64Array | null {
  if (exposure.method === "sympson_hetter") {
    const sh = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++)
      sh[i] = exposure.parameters[p.ids[i]!] ?? p.items[i]!.sympsonHetter ?? exposure.defaultParameter;
    return sh;
  }
  if (!exposure.bankParameters || !p.items.some((item) => item.sympsonHetter !== undefined)) return null;
  return Float64Array.from(p.items, (item) => item.sympsonHetter ?? 1);
}

function hasAvailable(ctx: SelectionContext, group: number): boolean {
  const { compStart } = ctx.p;
  for (const comp of ctx.groupComps[group]!) {
    for (let i = compStart[comp]!; i < compStart[comp + 1]!; i++) if (ctx.available[i] === 1) return true;
  }
  return false;
}

/** The group furthest below its target share among those with items left (ties at random), or -1; the tie count in `out`. */
function chooseGroup(
  ctx: SelectionContext,
  targets: Float64Array,
  total: number,
  random: RandomSource,
  out: SelectionOutcome,
): number {
  let chosen = -1;
  let bestDeficit = -Infinity;
  let ties = 0;
  for (let g = 0; g < targets.length; g++) {
    if (targets[g]! <= 0 || !hasAvailable(ctx, g)) continue;
    let given = 0;
    for (const comp of ctx.groupComps[g]!) given += ctx.counts[comp]!;
    const deficit = targets[g]! - (total > 0 ? given / total : 0);
    if (deficit > bestDeficit + 1e-12) {
      bestDeficit = deficit;
      chosen = g;
      ties = 1;
    } else if (deficit >= bestDeficit - 1e-12) {
      ties++;
      if (random() * ties < 1) chosen = g;
    }
  }
  out.tiedGroups = ties;
  if (chosen >= 0) out.group = ctx.groupKeys[chosen]!;
  return chosen;
}

/** Keeps the `k` most informative available items of [start, end) in topIndex/topInfo; returns the count. */
function scanTop(ctx: SelectionContext, start: number, end: number, base0: number, w: number, found: number): number {
  const { available, k, topIndex, topInfo } = ctx;
  const info = ctx.t.info;
  const base1 = base0 + ctx.p.n;
  for (let i = start; i < end; i++) {
    if (available[i] !== 1) continue;
    const v = (1 - w) * info[base0 + i]! + w * info[base1 + i]!;
    if (found < k) found++;
    else if (!(v > topInfo[k - 1]!)) continue;
    let j = found - 1;
    while (j > 0 && topInfo[j - 1]! < v) {
      topInfo[j] = topInfo[j - 1]!;
      topIndex[j] = topIndex[j - 1]!;
      j--;
    }
    topInfo[j] = v;
    topIndex[j] = i;
  }
  return found;
}

/**
 * Picks the next item at ability `theta`: the balancing group (area or competence) furthest below its
 * target share (ties broken at random), then the `k` most informative available items of that group,
 * one of them at random (randomesque), then the Sympson-Hetter lottery if enabled (a turned-down item
 * is made unavailable and the selection starts again). Information is interpolated linearly between
 * grid nodes. Returns false when no item can be offered.
 */
export function selectItem(
  ctx: SelectionContext,
  theta: number,
  total: number,
  random: RandomSource,
  out: SelectionOutcome,
): boolean {
  const { p, t, targets, topIndex, topInfo } = ctx;
  const q = t.grid.nodes.length;
  let pos = (theta - t.grid.min) / t.grid.step;
  if (pos < 0) pos = 0;
  if (pos > q - 1) pos = q - 1;
  let lo = Math.floor(pos);
  if (lo >= q - 1) lo = q - 2;
  const w = pos - lo;
  const base0 = lo * p.n;
  out.rejected.length = 0;
  for (;;) {
    let found = 0;
    if (targets !== null) {
      const group = chooseGroup(ctx, targets, total, random, out);
      if (group < 0) return false;
      for (const comp of ctx.groupComps[group]!)
        found = scanTop(ctx, p.compStart[comp]!, p.compStart[comp + 1]!, base0, w, found);
    } else {
      found = scanTop(ctx, 0, p.n, base0, w, 0);
    }
    if (found === 0) return false;
    const rank = found > 1 ? Math.min(found - 1, Math.floor(random() * found)) : 0;
    const index = topIndex[rank]!;
    if (ctx.sh !== null && random() >= ctx.sh[index]!) {
      ctx.available[index] = 0;
      out.rejected.push(index);
      continue;
    }
    out.index = index;
    out.competence = p.comp[index]!;
    out.candidates = found;
    out.rank = rank;
    out.information = topInfo[rank]!;
    return true;
  }
}
