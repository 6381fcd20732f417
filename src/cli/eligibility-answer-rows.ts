import { isDeclicsError } from "../errors.js";
import type { EligibilitySubject, Geocoder } from "../territory/index.js";
import type { CliEngine, RowAnswer } from "./engine.js";
import type { Route } from "./eligibility-route-row.js";
import { geocodeFailureReason } from "./geocode-fetch.js";
import { errorFields, resultFields } from "./result-columns.js";

/**
 * Stage 3 of `declics eligibility`, *answer rows*: the routed rows of a batch go to the engine, points in
 * columns (one call per kind and date, on the engine's columnar path, which shares one answer per answer
 * key), codes in one call per date, addresses through the geocoder with bounded concurrency.
 * @module
 */

const ERROR_ROWS = new Map<string, readonly string[]>();
/** The shared (frozen) output fields of a row that failed with `reason`. */
export function errorAnswer(reason: string): readonly string[] {
  let fields = ERROR_ROWS.get(reason);
  if (fields === undefined) {
    fields = Object.freeze(errorFields(reason));
    ERROR_ROWS.set(reason, fields);
  }
  return fields;
}

/** How the answer stage runs. */
export interface AnswerOptions {
  readonly batchSize: number;
  /** Exact distances on every row (`--exact`). */
  readonly exact: boolean;
  readonly geocoder?: Geocoder;
  /** Addresses geocoded at the same time (bounded). */
  readonly geocodeConcurrency: number;
}

interface PointGroup {
  kind: "lonlat" | "xy";
  on: string;
  a: Float64Array;
  b: Float64Array;
  index: Int32Array;
  count: number;
}

/**
 * Creates the answer stage for one run (its typed-array pools are reused from batch to batch).
 *
 * @param engine - the territory engine
 * @param options - batch size, exactness, geocoder
 * @returns `answer(routes)`: one answer per route, in order
 * @example
 * ```ts
 * const answers = await createRowAnswerer(engine, { batchSize: 2048, exact: false, geocodeConcurrency: 8 }).answer(routes);
 * ```
 */
export function createRowAnswerer(
  engine: CliEngine,
  options: AnswerOptions,
): { answer(routes: readonly Route[]): Promise<RowAnswer[]> } {
  const pool: PointGroup[] = [];
  const take = (kind: "lonlat" | "xy", on: string): PointGroup => {
    const size = options.batchSize;
    const group = pool.pop() ?? {
      kind,
      on,
      a: new Float64Array(size),
      b: new Float64Array(size),
      index: new Int32Array(size),
      count: 0,
    };
    group.kind = kind;
    group.on = on;
    group.count = 0;
    return group;
  };
  return {
    async answer(routes) {
      const answers = new Array<RowAnswer>(routes.length);
      const points: PointGroup[] = [];
      const codes = new Map<string, { index: number[]; subjects: EligibilitySubject[] }>();
      const addresses: number[] = [];
      let last: PointGroup | null = null;
      for (let i = 0; i < routes.length; i++) {
        const route = routes[i] as Route;
        if (route.kind === "lonlat" || route.kind === "xy") {
          // Consecutive rows almost always share kind and date: no lookup per row.
          if (last === null || last.kind !== route.kind || last.on !== route.on) {
            last = points.find((g) => g.kind === route.kind && g.on === route.on) ?? null;
            if (last === null) points.push((last = take(route.kind, route.on)));
          }
          last.a[last.count] = route.a;
          last.b[last.count] = route.b;
          last.index[last.count++] = i;
        } else if (route.kind === "code") {
          let group = codes.get(route.on);
          if (group === undefined) codes.set(route.on, (group = { index: [], subjects: [] }));
          group.index.push(i);
          group.subjects.push(route.subject);
        } else if (route.kind === "address") addresses.push(i);
        else answers[i] = errorAnswer((route as Extract<Route, { kind: "error" }>).reason);
      }
      for (const group of points) {
        const batch =
          group.kind === "lonlat"
            ? { lon: group.a, lat: group.b, count: group.count }
            : { x: group.a, y: group.b, count: group.count };
        const found = engine.checkPoints(batch, group.on, options.exact);
        for (let k = 0; k < group.count; k++)
          answers[group.index[k] as number] = found[k] ?? errorAnswer("engine_error");
        pool.push(group);
      }
      for (const [on, group] of codes) {
        const found = engine.checkSubjects(group.subjects, on);
        for (let k = 0; k < group.index.length; k++)
          answers[group.index[k] as number] = found[k] ?? errorAnswer("engine_error");
      }
      if (addresses.length > 0) await geocodeRows(engine, routes, addresses, answers, options);
      return answers;
    },
  };
}

/** Address rows, `geocodeConcurrency` at a time; each failure becomes the row's coded reason. */
async function geocodeRows(
  engine: CliEngine,
  routes: readonly Route[],
  rows: readonly number[],
  answers: RowAnswer[],
  options: AnswerOptions,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const i = rows[next++] as number;
      const route = routes[i] as Extract<Route, { kind: "address" }>;
      try {
        answers[i] = resultFields(await engine.check({ address: route.address }, route.on, options.geocoder));
      } catch (error) {
        const reason = geocodeFailureReason(error);
        answers[i] =
          reason !== null ? errorAnswer(reason) : isDeclicsError(error) ? error : errorAnswer("engine_error");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.geocodeConcurrency, rows.length) }, worker));
}
