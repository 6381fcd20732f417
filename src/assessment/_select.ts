/**
 * Private: next-item selection, shared by adaptive sessions and simulations so that both run exactly
 * the same algorithm.
 * @module
 */
import { createSeededRandom, type RandomSource } from "../_lib/random.js";
import { DeclicsError } from "../errors.js";
import type { GridTables, PreparedBank } from "./_bank.js";
import type { ResolvedAdaptiveSessionOptions } from "./schema.js";

/** Mutable selection context; the caller owns `available` and `counts`. */
export interface SelectionContext {
  readonly p: PreparedBank;
  readonly t: GridTables;
  /** 1 when the item may be offered (not administered, not turned down, competence tested). */
  readonly available: Uint8Array;
  /** Items administered per competence index. */
  readonly counts: Int32Array;
  /** Normalised target share per competence index (0 = not tested), or null without balancing. */
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

/** Builds a selection context for a prepared bank and resolved options. */
export function createSelectionContext(
  p: PreparedBank,
  t: GridTables,
  options: Pick<ResolvedAdaptiveSessionOptions, "competences" | "contentBalancing" | "exposure">,
): SelectionContext {
  const inBank = new Set(p.competences);
  const unknown = [
    ...(options.competences ?? []).filter((c) => !inBank.has(c)),
    ...(options.contentBalancing === false ? [] : Object.keys(options.contentBalancing.targets ?? {}).filter((c) => !inBank.has(c) || (options.competences !== undefined && !options.competences.includes(c)))),
  ];
  if (unknown.length > 0) {
    throw new DeclicsError({
      code: "invalid_option",
      module: "assessment",
      message: `Competences ${[...new Set(unknown)].join(", ")} cannot be tested: expected competences that have items in the bank (and are in options.competences), received them in options`,
      details: { option: "competences / contentBalancing.targets", expected: `some of ${p.competences.join(", ")}`, received: [...new Set(unknown)].join(", ") },
    });
  }
  const tested = new Uint8Array(p.competences.length);
  const wanted = options.competences === undefined ? null : new Set(options.competences);
  p.competences.forEach((c, k) => {
    tested[k] = wanted === null || wanted.has(c) ? 1 : 0;
  });
  let targets: Float64Array | null = null;
  if (options.contentBalancing !== false) {
    targets = new Float64Array(p.competences.length);
    const given = options.contentBalancing.targets;
    let total = 0;
    p.competences.forEach((c, k) => {
      const w = tested[k] === 1 ? (given === undefined ? 1 : (given[c] ?? 0)) : 0;
      targets![k] = w;
      total += w;
    });
    if (total > 0) for (let k = 0; k < targets.length; k++) targets[k] = targets[k]! / total;
    p.competences.forEach((_, k) => {
      if (targets![k] === 0) tested[k] = 0;
    });
  }
  const available = new Uint8Array(p.n);
  for (let i = 0; i < p.n; i++) available[i] = tested[p.comp[i]!]!;
  let sh: Float64Array | null = null;
  if (options.exposure.method === "sympson_hetter") {
    sh = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) sh[i] = options.exposure.parameters[p.ids[i]!] ?? options.exposure.defaultParameter;
  }
  const k = options.exposure.k;
  return { p, t, available, counts: new Int32Array(p.competences.length), targets, k, sh, topIndex: new Int32Array(k), topInfo: new Float64Array(k) };
}

function hasAvailable(ctx: SelectionContext, comp: number): boolean {
  const { compStart } = ctx.p;
  for (let i = compStart[comp]!; i < compStart[comp + 1]!; i++) if (ctx.available[i] === 1) return true;
  return false;
}

/**
 * Picks the next item at ability `theta`: the competence furthest below its target share (ties broken
 * at random), then the `k` most informative available items of that competence, one of them at random
 * (randomesque), then the Sympson-Hetter lottery if enabled (a turned-down item is made unavailable and
 * the selection starts again). Information is interpolated linearly between grid nodes.
 * Returns false when no item can be offered.
 */
export function selectItem(ctx: SelectionContext, theta: number, total: number, random: RandomSource, out: SelectionOutcome): boolean {
  const { p, t, available, counts, targets, k, topIndex, topInfo } = ctx;
  const q = t.grid.nodes.length;
  let pos = (theta - t.grid.min) / t.grid.step;
  if (pos < 0) pos = 0;
  if (pos > q - 1) pos = q - 1;
  let lo = Math.floor(pos);
  if (lo >= q - 1) lo = q - 2;
  const w = pos - lo;
  const info = t.info;
  const n = p.n;
  const base0 = lo * n;
  const base1 = base0 + n;
  out.rejected.length = 0;
  for (;;) {
    let start = 0;
    let end = n;
    let chosenComp = -1;
    if (targets !== null) {
      let bestDeficit = -Infinity;
      let ties = 0;
      for (let c = 0; c < targets.length; c++) {
        if (targets[c]! <= 0 || !hasAvailable(ctx, c)) continue;
        const deficit = targets[c]! - (total > 0 ? counts[c]! / total : 0);
        if (deficit > bestDeficit + 1e-12) {
          bestDeficit = deficit;
          chosenComp = c;
          ties = 1;
        } else if (deficit >= bestDeficit - 1e-12) {
          ties++;
          if (random() * ties < 1) chosenComp = c;
        }
      }
      if (chosenComp < 0) return false;
      start = p.compStart[chosenComp]!;
      end = p.compStart[chosenComp + 1]!;
    }
    let found = 0;
    for (let i = start; i < end; i++) {
      if (available[i] !== 1) continue;
      const v = (1 - w) * info[base0 + i]! + w * info[base1 + i]!;
      if (found < k) {
        let j = found++;
        while (j > 0 && topInfo[j - 1]! < v) {
          topInfo[j] = topInfo[j - 1]!;
          topIndex[j] = topIndex[j - 1]!;
          j--;
        }
        topInfo[j] = v;
        topIndex[j] = i;
      } else if (v > topInfo[k - 1]!) {
        let j = k - 1;
        while (j > 0 && topInfo[j - 1]! < v) {
          topInfo[j] = topInfo[j - 1]!;
          topIndex[j] = topIndex[j - 1]!;
          j--;
        }
        topInfo[j] = v;
        topIndex[j] = i;
      }
    }
    if (found === 0) return false;
    const rank = found > 1 ? Math.min(found - 1, Math.floor(random() * found)) : 0;
    const index = topIndex[rank]!;
    if (ctx.sh !== null && random() >= ctx.sh[index]!) {
      available[index] = 0;
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
