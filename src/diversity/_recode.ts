/** Private: merging categories of a dimension in the cube (recoding before suppression). */
import type { Expectation } from "../errors.js";
import { diversityError } from "./_errors.js";
import { LEVELS, type Cube } from "./_cube.js";
import type { Dimension } from "./schema.js";

/** A declared recoding rule: the categories `from` of `dimension` are published together as `into`. */
export interface RecodeRule {
  readonly dimension: Dimension;
  readonly into: string;
  readonly from: readonly string[];
}

/**
 * The cube with the categories of `rule.from` merged into one category `rule.into`, placed where the
 * first of them was. Throws `invalid_option` when a category is unknown, or `into` is another category.
 */
export function recodeCube(cube: Cube, rule: RecodeRule): Cube {
  const p = cube.dims.indexOf(rule.dimension);
  const fail = (expected: Expectation, received: string): never => {
    throw diversityError({
      code: "invalid_option",
      module: "diversity",
      details: { option: "recode", expected, received },
    });
  };
  if (p < 0) fail({ kind: "known_id", of: "dimension", values: cube.dims }, rule.dimension);
  const old = cube.categories[p] as readonly string[];
  for (const c of rule.from) if (!old.includes(c)) fail({ kind: "known_id", of: "category", values: old }, c);
  if (rule.from.length < 2 || new Set(rule.from).size !== rule.from.length)
    fail(
      {
        kind: "rule",
        rule: {
          en: "at least two different categories to merge",
          fr: "au moins deux catégories différentes à fusionner",
        },
      },
      rule.from.join(", "),
    );
  if (old.includes(rule.into) && !rule.from.includes(rule.into))
    fail(
      {
        kind: "rule",
        rule: {
          en: "a new label or one of the merged categories",
          fr: "une nouvelle étiquette ou l'une des catégories fusionnées",
        },
      },
      rule.into,
    );
  const next: string[] = [];
  const map = old.map((c) => {
    const label = rule.from.includes(c) ? rule.into : c;
    const at = next.indexOf(label);
    if (at >= 0) return at;
    next.push(label);
    return next.length - 1;
  });
  const categories = cube.categories.map((c, d) => (d === p ? next : c));
  const sizes = categories.map((c) => c.length);
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  const cells = sizes.reduce((a, b) => a * b, 1);
  const counts = new Float64Array(cells * LEVELS);
  const oldSizes = cube.categories.map((c) => c.length);
  for (let cell = 0; cell < cube.cells; cell++) {
    let target = 0;
    for (let d = 0; d < cube.dims.length; d++) {
      const code = Math.floor(cell / (cube.strides[d] as number)) % (oldSizes[d] as number);
      target += (d === p ? (map[code] as number) : code) * (strides[d] as number);
    }
    for (let l = 0; l < LEVELS; l++) counts[target * LEVELS + l]! += cube.counts[cell * LEVELS + l] as number;
  }
  return { dims: cube.dims, categories, strides, cells, counts, n: cube.n };
}
