/**
 * The counting core. Records are encoded, in one pass, into small integer codes per dimension and
 * counted in a typed array indexed by (group cell, highest stage reached). Every metric of the module
 * is derived from this "cube" by summing along axes, so a full report reads the records once and never
 * allocates an object per record or per group while counting.
 */
import { DeclicsError, type Expectation } from "../errors.js";
import { diversityError } from "./_errors.js";
import { describeValue } from "../_lib/parse.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { AgeBand, Gender, ParcoursStage, TerritoryKind } from "../_lib/vocabulary.js";
import { dayUsed, isCalendarDay } from "../_lib/calendar-day.js";
import { DEFAULT_TIME_ZONE, recordDay } from "./_days.js";
import { DiplomaLevel, NOT_STATED, type Dimension, type GroupKey, type ParticipantRecord } from "./schema.js";

/** Stage levels: 0 = no stage recorded, 1..6 = highest stage reached (ParcoursStage order). */
export const STAGES = ParcoursStage.options;
export const LEVELS = STAGES.length + 1;
// Stage names are looked up without hashing (see vocabularyIndex below): level = index + 1.
let stageIndex: ((value: string) => number) | null = null;

export interface Cube {
  readonly dims: readonly Dimension[];
  /** Category labels per dimension, code order. */
  readonly categories: readonly (readonly string[])[];
  /** Row-major strides of the group cells (last dimension varies fastest). */
  readonly strides: readonly number[];
  /** Number of group cells (product of category counts; 1 with no dimension). */
  readonly cells: number;
  /** counts[cell * LEVELS + level]. */
  readonly counts: Float64Array;
  /** Records counted. */
  readonly n: number;
}

/** Categories of the fixed vocabularies, in their schema order, then "not_stated" where a field is optional. */
const FIXED: Partial<Record<Dimension, readonly string[]>> = {
  gender: Gender.options,
  ageBand: AgeBand.options,
  territoryKind: TerritoryKind.options,
  diplomaLevel: [...DiplomaLevel.options, NOT_STATED],
  stage: ["none", ...STAGES],
};

export function invalid(
  index: number,
  field: string,
  expected: Expectation,
  value: unknown,
): DeclicsError<"invalid_input"> {
  return diversityError({
    code: "invalid_input",
    module: "diversity",
    details: {
      what: "participant record",
      issues: [{ path: field === "" ? `${index}` : `${index}.${field}`, expected, received: describeValue(value) }],
    },
  });
}

interface Encoder {
  /** Code of the record's category, or throws naming the record. */
  code(record: ParticipantRecord, index: number, level: number): number;
  categories(): string[];
  /** For dynamic dimensions: final code remap (sorted labels), else null. */
  remap(): Int32Array | null;
}

/**
 * A lookup from a small fixed vocabulary to its codes that avoids hashing: it finds one character position
 * p such that (length, character at p) differs for every label, indexes a small array by that pair, and
 * confirms with one string comparison. Falls back to a Map when no such position exists.
 */
export function vocabularyIndex(labels: readonly string[]): (value: string) => number {
  const maxLength = Math.max(...labels.map((l) => l.length));
  for (let p = 0; p < maxLength; p++) {
    const keys = labels.map((l) => l.length * 128 + (l.charCodeAt(Math.min(p, l.length - 1)) & 127));
    if (new Set(keys).size !== labels.length) continue;
    const table = new Int16Array((maxLength + 1) * 128).fill(-1);
    keys.forEach((k, code) => (table[k] = code));
    return (value) => {
      const length = value.length;
      if (length === 0 || length > maxLength) return -1;
      const code = table[length * 128 + (value.charCodeAt(Math.min(p, length - 1)) & 127)] as number;
      return code >= 0 && labels[code] === value ? code : -1;
    };
  }
  const map = new Map<string, number>(labels.map((l, i) => [l, i]));
  return (value) => map.get(value) ?? -1;
}

/** The number written by the four digits at positions i, j, k, l of `s`, without allocating a substring. */
function fourDigits(s: string, i: number, j: number, k: number, l: number): number {
  return s.charCodeAt(i) * 1000 + s.charCodeAt(j) * 100 + s.charCodeAt(k) * 10 + s.charCodeAt(l) - 48 * 1111;
}

/** Age band code (index in AgeBand.options) from an ISO birth date, without allocating substrings. */
function ageBandCode(birthDate: string, refYear: number, refMonthDay: number): number {
  const year = fourDigits(birthDate, 0, 1, 2, 3);
  // "YYYY-MM-DD": month and day read as one number MMDD, so that dates compare as numbers.
  const monthDay = fourDigits(birthDate, 5, 6, 8, 9);
  // Born after the reference date: no age band (the caller refuses it).
  if (year > refYear || (year === refYear && monthDay > refMonthDay)) return -1;
  const age = refYear - year - (refMonthDay < monthDay ? 1 : 0);
  return age < 26 ? 0 : age < 50 ? 1 : 2;
}

/** The birth date of a record as `"YYYY-MM-DD"` (a Date read in the record's zone), or null when malformed. */
function birthDayOf(r: ParticipantRecord, timeZone: string): string | null {
  const birth = r.birthDate as unknown;
  if (typeof birth === "string") return isCalendarDay(birth) ? birth : null;
  return recordDay(birth, r.departement, timeZone);
}

function fixedEncoder(dim: Dimension, referenceDate: string | undefined, timeZone: string): Encoder {
  const labels = FIXED[dim] as readonly string[];
  const find = vocabularyIndex(labels);
  const lookup = (value: string | undefined, i: number, field: string): number => {
    const c = find(value ?? NOT_STATED);
    if (c < 0) throw invalid(i, field, { kind: "one_of", values: labels }, value);
    return c;
  };
  let code: Encoder["code"];
  switch (dim) {
    case "gender":
      code = (r, i) => lookup(r.gender, i, "gender");
      break;
    case "territoryKind":
      code = (r, i) => lookup(r.territoryKind, i, "territoryKind");
      break;
    case "diplomaLevel":
      code = (r, i) => lookup(r.diplomaLevel, i, "diplomaLevel");
      break;
    case "stage":
      code = (_r, _i, level) => level;
      break;
    default: {
      // ageBand: the declared band wins; otherwise the birth date on the reference date.
      const refYear = referenceDate === undefined ? 0 : Number(referenceDate.slice(0, 4));
      const refMonthDay =
        referenceDate === undefined ? 0 : Number(referenceDate.slice(5, 7)) * 100 + Number(referenceDate.slice(8, 10));
      code = (r, i) => {
        if (r.ageBand !== undefined) return lookup(r.ageBand, i, "ageBand");
        if (r.birthDate === undefined)
          throw invalid(
            i,
            "ageBand",
            rule("an age band or a birth date", "une tranche d'âge ou une date de naissance"),
            undefined,
          );
        if (referenceDate === undefined) {
          throw diversityError({
            code: "invalid_option",
            module: "diversity",
            details: { option: "referenceDate", expected: { kind: "calendar_day" }, received: "undefined" },
          });
        }
        const birthDate = birthDayOf(r, timeZone);
        if (birthDate === null) throw invalid(i, "birthDate", { kind: "calendar_day" }, r.birthDate);
        // Same rule as ageOn/bandOfAge (completed years), on character codes: no substring per record.
        const band = ageBandCode(birthDate, refYear, refMonthDay);
        if (band < 0) throw invalid(i, "birthDate", { kind: "range", origin: "date", max: referenceDate }, r.birthDate);
        return band;
      };
    }
  }
  return { code, categories: () => [...labels], remap: () => null };
}

function dynamicEncoder(dim: "departement" | "cohort"): Encoder {
  const index = new Map<string, number>();
  const labels: string[] = [];
  // A static property read per dimension (not r[dim]) keeps the hot loop's property access monomorphic;
  // consecutive records often share a value (sorted exports), so the last lookup is remembered.
  const read: (r: ParticipantRecord) => string =
    dim === "cohort" ? (r) => r.cohort ?? NOT_STATED : (r) => r.departement ?? NOT_STATED;
  let lastValue = "";
  let lastCode = -1;
  const code: Encoder["code"] = (r) => {
    const value = read(r);
    if (value === lastValue) return lastCode;
    let c = index.get(value);
    if (c === undefined) {
      c = labels.length;
      index.set(value, c);
      labels.push(value);
    }
    lastValue = value;
    lastCode = c;
    return c;
  };
  // Labels are sorted at the end so that results do not depend on the order of the records.
  const sorted = (): string[] =>
    [...labels].sort((a, b) => (a === NOT_STATED ? 1 : b === NOT_STATED ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return {
    code,
    categories: sorted,
    remap: () => {
      const order = sorted();
      const map = new Int32Array(labels.length);
      labels.forEach((label, old) => (map[old] = order.indexOf(label)));
      return map;
    },
  };
}

/** Highest stage level of a record (0 when no stage is recorded). */
export function levelOf(record: ParticipantRecord, index: number): number {
  const stages = record.stages as unknown;
  if (!Array.isArray(stages)) throw invalid(index, "stages", { kind: "type", type: "array" }, stages);
  let level = 0;
  for (let s = 0; s < stages.length; s++) {
    const entry = stages[s] as { stage: string } | null;
    if (entry === null || typeof entry !== "object" || typeof entry.stage !== "string")
      throw invalid(
        index,
        `stages.${s}.stage`,
        { kind: "one_of", values: STAGES },
        entry === null || typeof entry !== "object" ? entry : entry.stage,
      );
    stageIndex ??= vocabularyIndex(STAGES);
    const found = stageIndex(entry.stage);
    const l = found < 0 ? undefined : found + 1;
    if (l === undefined) throw invalid(index, `stages.${s}.stage`, { kind: "one_of", values: STAGES }, entry.stage);
    if (l > level) level = l;
  }
  return level;
}

/**
 * Refuses what cannot be a participant record (null, a number) and an id already counted: a participant
 * counted twice would make every figure wrong. `ids` holds the ids seen so far.
 */
function checkRecord(record: ParticipantRecord, index: number, ids: Set<string>): void {
  if (record === null || typeof record !== "object") throw invalid(index, "", { kind: "type", type: "object" }, record);
  const id = record.id as unknown;
  if (typeof id !== "string" || id.length === 0)
    throw invalid(index, "id", { kind: "range", origin: "string", min: 1 }, id);
  if (ids.has(id))
    throw invalid(
      index,
      "id",
      rule(
        "an id no earlier record has (each participant is counted once)",
        "un identifiant qu'aucun enregistrement précédent n'a (chaque participant est compté une fois)",
      ),
      id,
    );
  ids.add(id);
}

/**
 * Encodes and counts records in one pass. `referenceDate` (validated) is read in `timeZone` when a Date,
 * as are the records' Date birth dates, unless a record's overseas département has its own zone.
 */
export function buildCube(
  records: Iterable<ParticipantRecord>,
  dims: readonly Dimension[],
  referenceDate?: string | Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): Cube {
  const ids = new Set<string>();
  const reference = referenceDate === undefined ? undefined : dayUsed(referenceDate, timeZone).day;
  const encoders = dims.map((d) =>
    d === "departement" || d === "cohort" ? dynamicEncoder(d) : fixedEncoder(d, reference, timeZone),
  );
  const k = dims.length;
  const hasDynamic = dims.some((d) => d === "departement" || d === "cohort");
  if (!hasDynamic) {
    // Fixed category counts: count straight into the final array.
    const sizes = encoders.map((e) => e.categories().length);
    checkSize(dims, sizes);
    const strides = stridesOf(sizes);
    const cells = sizes.reduce((a, b) => a * b, 1);
    const counts = new Float64Array(cells * LEVELS);
    let n = 0;
    const count = (record: ParticipantRecord): void => {
      checkRecord(record, n, ids);
      const level = levelOf(record, n);
      let cell = 0;
      for (let d = 0; d < k; d++) cell += (encoders[d] as Encoder).code(record, n, level) * (strides[d] as number);
      counts[cell * LEVELS + level]! += 1;
      n++;
    };
    if (Array.isArray(records)) {
      const list = records as readonly ParticipantRecord[];
      for (let i = 0; i < list.length; i++) count(list[i] as ParticipantRecord);
    } else {
      for (const record of records) count(record);
    }
    return { dims: [...dims], categories: encoders.map((e) => e.categories()), strides, cells, counts, n };
  }
  // Dynamic dimensions (département, cohort): keep per-record codes in growable typed arrays, then count.
  let capacity = Array.isArray(records) ? Math.max(16, records.length) : 1024;
  let codes = new Int32Array(capacity * k);
  let levels = new Uint8Array(capacity);
  let n = 0;
  for (const record of records) {
    checkRecord(record, n, ids);
    if (n === capacity) {
      capacity *= 2;
      const grownCodes = new Int32Array(capacity * k);
      grownCodes.set(codes);
      codes = grownCodes;
      const grownLevels = new Uint8Array(capacity);
      grownLevels.set(levels);
      levels = grownLevels;
    }
    const level = levelOf(record, n);
    levels[n] = level;
    for (let d = 0; d < k; d++) codes[n * k + d] = (encoders[d] as Encoder).code(record, n, level);
    n++;
  }
  const remaps = encoders.map((e) => e.remap());
  const categories = encoders.map((e) => e.categories());
  checkSize(
    dims,
    categories.map((c) => c.length),
  );
  const strides = stridesOf(categories.map((c) => c.length));
  const cells = categories.reduce((a, c) => a * c.length, 1);
  const counts = new Float64Array(cells * LEVELS);
  for (let i = 0; i < n; i++) {
    let cell = 0;
    for (let d = 0; d < k; d++) {
      const raw = codes[i * k + d] as number;
      const remap = remaps[d];
      cell += (remap ? (remap[raw] as number) : raw) * (strides[d] as number);
    }
    counts[cell * LEVELS + (levels[i] as number)]! += 1;
  }
  return { dims: [...dims], categories, strides, cells, counts, n };
}

/** More groups than this (all dimensions crossed) would not fit comfortably in memory: ask for fewer dimensions. */
const MAX_CELLS = 4_000_000;

function checkSize(dims: readonly Dimension[], sizes: readonly number[]): void {
  const cells = sizes.reduce((a, b) => a * b, 1);
  if (cells > MAX_CELLS) {
    throw diversityError({
      code: "invalid_table",
      module: "diversity",
      details: { reason: "too_many_groups", values: { dimensions: dims.join(" x "), groups: cells, max: MAX_CELLS } },
    });
  }
}

function stridesOf(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  let s = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= sizes[d] as number;
  }
  return strides;
}

/** Sums the cube over every dimension not in `keep` (order of `keep` is the new order). */
export function marginalize(cube: Cube, keep: readonly Dimension[]): Cube {
  const positions = keep.map((d) => {
    const p = cube.dims.indexOf(d);
    if (p < 0) {
      throw diversityError({
        code: "invalid_table",
        module: "diversity",
        details: { reason: "unknown_dimension", values: { dimension: d, tabulated: cube.dims.join(", ") } },
      });
    }
    return p;
  });
  const categories = positions.map((p) => cube.categories[p] as readonly string[]);
  const strides = stridesOf(categories.map((c) => c.length));
  const cells = categories.reduce((a, c) => a * c.length, 1);
  const counts = new Float64Array(cells * LEVELS);
  const sizes = cube.categories.map((c) => c.length);
  for (let cell = 0; cell < cube.cells; cell++) {
    let target = 0;
    for (let j = 0; j < positions.length; j++) {
      const p = positions[j] as number;
      const code = Math.floor(cell / (cube.strides[p] as number)) % (sizes[p] as number);
      target += code * (strides[j] as number);
    }
    for (let l = 0; l < LEVELS; l++) counts[target * LEVELS + l]! += cube.counts[cell * LEVELS + l] as number;
  }
  return { dims: [...keep], categories, strides, cells, counts, n: cube.n };
}

/** The group key of a cell. */
export function keyOf(cube: Cube, cell: number): GroupKey {
  const key: GroupKey = {};
  for (let d = 0; d < cube.dims.length; d++) {
    const size = (cube.categories[d] as readonly string[]).length;
    const code = Math.floor(cell / (cube.strides[d] as number)) % size;
    key[cube.dims[d] as Dimension] = (cube.categories[d] as readonly string[])[code] as string;
  }
  return key;
}

/** Number of records in a cell (all levels). */
export function cellTotal(cube: Cube, cell: number): number {
  let t = 0;
  for (let l = 0; l < LEVELS; l++) t += cube.counts[cell * LEVELS + l] as number;
  return t;
}

/** Number of records in a cell that reached at least stage `stageIndex` (0 = registered). */
export function reachedAtLeast(cube: Cube, cell: number, stageIndex: number): number {
  let t = 0;
  for (let l = stageIndex + 1; l < LEVELS; l++) t += cube.counts[cell * LEVELS + l] as number;
  return t;
}
