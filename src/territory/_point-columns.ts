import { DeclicsError, type Expectation } from "../errors.js";
import { territoryError } from "./_errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { describeValue } from "../_lib/parse.js";

/** Columns of points: WGS84 `{ lon, lat }` or Lambert-93 `{ x, y }`, same length. */
export type PointColumns =
  | { readonly lon: ArrayLike<number>; readonly lat: ArrayLike<number> }
  | { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> };

/** Most points one columnar call takes (about 80 bytes of working memory each): split bigger inputs. */
export const MAX_COLUMN_LENGTH = 2 ** 25;

/** The two coordinate columns of a columnar call, checked to be of the same, usable length. */
export interface CheckedColumns {
  /** True for Lambert-93 `{ x, y }`, false for WGS84 `{ lon, lat }`. */
  readonly lambert: boolean;
  /** x or lon. */
  readonly a: ArrayLike<unknown>;
  /** y or lat. */
  readonly b: ArrayLike<unknown>;
  readonly length: number;
}

function invalid(path: string, expected: Expectation, received: string): DeclicsError<"invalid_input"> {
  return territoryError({
    code: "invalid_input",
    module: "territory",
    details: { what: "point columns", issues: [{ path, expected, received }] },
  });
}

function lengthOf(column: unknown, name: string): number {
  if (typeof column !== "object" || column === null)
    throw invalid(name, { kind: "type", type: "number_array" }, describeValue(column));
  const length = (column as { length?: unknown }).length;
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) {
    throw invalid(`${name}.length`, { kind: "range", origin: "number", min: 0 }, describeValue(length));
  }
  if (length > MAX_COLUMN_LENGTH)
    throw invalid(
      `${name}.length`,
      rule(
        `at most ${MAX_COLUMN_LENGTH} points per call (split the input)`,
        `au plus ${MAX_COLUMN_LENGTH} points par appel (découpez l'entrée)`,
      ),
      String(length),
    );
  return length;
}

/**
 * Reads the columns of {@link PointColumns}; throws `invalid_input` for anything else: not an object, neither
 * lon/lat nor x/y, a column that is not array-like, a length that is negative, fractional, too large, or
 * differs between the two columns.
 */
export function checkedColumns(points: unknown): CheckedColumns {
  if (typeof points !== "object" || points === null)
    throw invalid(
      "",
      rule("{ lon, lat } or { x, y } columns", "des colonnes { lon, lat } ou { x, y }"),
      describeValue(points),
    );
  const p = points as Record<string, unknown>;
  const lambert = !("lon" in p || "lat" in p) && ("x" in p || "y" in p);
  if (!lambert && !("lon" in p && "lat" in p))
    throw invalid(
      "",
      rule("{ lon, lat } or { x, y } columns", "des colonnes { lon, lat } ou { x, y }"),
      describeValue(points),
    );
  const [na, nb] = lambert ? ["x", "y"] : ["lon", "lat"];
  const a = p[na!];
  const b = p[nb!];
  const la = lengthOf(a, na!);
  const lb = lengthOf(b, nb!);
  if (la !== lb)
    throw invalid("", rule(`${na}, ${nb} of the same length`, `${na}, ${nb} de même longueur`), `${la}, ${lb}`);
  return { lambert, a: a as ArrayLike<unknown>, b: b as ArrayLike<unknown>, length: la };
}
