/**
 * Private: the compact source format of the starter bank and the builder that turns it into items.
 * @module
 */
import { createSeededRandom } from "../../_lib/random.js";

/**
 * One item as written. `s`: single choice, key written first. `m`: multiple choice, keys given by
 * written index (never all options). `n`: numeric. `o`: ordering, options written in the correct order.
 * `t`: short answer, accepted answers.
 */
export type Raw =
  | readonly ["s", number, string, readonly string[]]
  | readonly ["m", number, string, readonly string[], readonly number[]]
  | readonly ["n", number, string, number]
  | readonly ["o", number, string, readonly string[]]
  | readonly ["t", number, string, readonly string[]];

/** Items of one area, by competence id. */
export type RawArea = Readonly<Record<string, readonly Raw[]>>;

const LETTERS = "abcdefgh";

/**
 * Provisional discrimination: a unit slope on the normal-ogive metric (a = 1.7 on the logistic one),
 * the usual starting value before calibration.
 */
export const PROVISIONAL_A = 1.7;

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/**
 * Provisional guessing parameter: the chance of a blind guess. Single choice 1/n; multiple choice one
 * pattern among the 2^n - 2 allowed (neither none nor all); ordering 1/n!; typed answers 0.
 */
export function blindGuess(kind: Raw[0], options: number): number {
  if (kind === "s") return 1 / options;
  if (kind === "m") return 1 / (2 ** options - 2);
  if (kind === "o") return 1 / factorial(options);
  return 0;
}

/** A permutation of 0..n-1 drawn from a generator seeded with the item id. */
function permutation(n: number, seed: string): number[] {
  const random = createSeededRandom(seed);
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Builds the items of every area, in order. Single-choice keys are placed on positions in turn (a, b,
 * c, d, a, …) over the whole bank, so each position holds the key equally often; multiple-choice options
 * are shuffled by a permutation seeded with the item id; ordering items are shown rotated, never in
 * the correct order. Provisional difficulty: the middle of the author's level band on the default scale.
 * `exposure` gives the Sympson-Hetter parameter of the items that have one below 1.
 */
export function buildItems(areas: readonly RawArea[], exposure: Readonly<Record<string, number>> = {}): unknown[] {
  const items: unknown[] = [];
  let single = 0;
  let ordering = 0;
  for (const area of areas) {
    for (const [competence, list] of Object.entries(area)) {
      list.forEach((raw, i) => {
        const [kind, level, stem] = raw;
        const id = `${competence}-${String(i + 1).padStart(2, "0")}`;
        const n = kind === "s" || kind === "m" || kind === "o" ? raw[3].length : 0;
        const common = {
          id,
          competence,
          level,
          stem,
          irt: { a: PROVISIONAL_A, b: -2.625 + 0.75 * (level - 1), c: blindGuess(kind, n) },
          parametersStatus: "provisional",
          timeLimitSeconds: (kind === "s" || kind === "m" ? 60 : 90) + (level >= 7 ? 30 : 0),
          ...(exposure[id] === undefined ? {} : { sympsonHetter: exposure[id] }),
        };
        if (raw[0] === "s" || raw[0] === "m" || raw[0] === "o") {
          const texts = raw[3];
          let position: (j: number) => number;
          if (raw[0] === "s") {
            const shift = single++ % n;
            position = (j) => (j + shift) % n;
          } else if (raw[0] === "o") {
            const shift = 1 + (ordering++ % (n - 1));
            position = (j) => (j + shift) % n;
          } else {
            const perm = permutation(n, id);
            position = (j) => perm[j]!;
          }
          const shown = Array.from({ length: n }, () => "");
          texts.forEach((t, j) => (shown[position(j)] = t));
          const options = shown.map((text, p) => ({ id: LETTERS[p]!, text }));
          const idOf = (j: number): string => LETTERS[position(j)]!;
          if (raw[0] === "s") items.push({ ...common, kind: "single_choice", options, answer: idOf(0) });
          else if (raw[0] === "m")
            items.push({
              ...common,
              kind: "multiple_choice",
              options,
              answer: [...raw[4]].sort((x, y) => position(x) - position(y)).map(idOf),
            });
          else items.push({ ...common, kind: "ordering", options, answer: texts.map((_, j) => idOf(j)) });
        } else if (raw[0] === "n") {
          items.push({ ...common, kind: "numeric", answer: raw[3], tolerance: 0 });
        } else {
          items.push({ ...common, kind: "short_answer", accepted: raw[3] });
        }
      });
    }
  }
  return items;
}
