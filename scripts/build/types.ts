import type { SourceDataset } from "../../src/data/schema.js";

/**
 * The builder interface of scripts/build-data.ts. A builder reads verified, validated source datasets
 * through the context and returns artefacts; the orchestrator writes them to data/build and records them in
 * data/build/manifest.json. To add one, write scripts/build/<name>.ts exporting `defineBuilder({...})` and add
 * ONE line to scripts/build/registry.ts.
 */

/** A GeoJSON feature as read from a source file (geometry already checked: Polygon/MultiPolygon of finite numbers). */
export interface SourceFeature<P = Record<string, unknown>> {
  readonly type: "Feature";
  readonly properties: P;
  readonly geometry:
    | { readonly type: "Polygon"; readonly coordinates: number[][][] }
    | { readonly type: "MultiPolygon"; readonly coordinates: number[][][][] };
}

/** What a builder can read. Every dataset is checked (sha256, count) and every record validated before any builder runs. */
export interface BuildContext {
  /** The manifest entry of a dataset (id from data/sources.json). */
  dataset(id: string): SourceDataset;
  /** Absolute path of a dataset's file. */
  path(id: string): string;
  /** The raw bytes of a dataset's file (already checksummed). */
  bytes(id: string): Uint8Array;
  /** The validated features of a GeoJSON dataset (parsed once, shared between builders: do not mutate). */
  features<P = Record<string, unknown>>(id: string): readonly SourceFeature<P>[];
  /** The validated rows of a CSV dataset, keyed by header (parsed once, shared: do not mutate). */
  rows<R = Record<string, string>>(id: string): readonly R[];
  /** Records a non-fatal finding (e.g. a repaired geometry); printed in the build summary. */
  report(message: string): void;
}

/** One compiled file. */
export interface Artefact {
  /** Artefact name, the key in data/build/manifest.json, e.g. "commune-table". */
  readonly name: string;
  /** File name relative to data/build, e.g. "commune-table.json". */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Layout version of this artefact, bumped when the decoder must change. */
  readonly formatVersion: number;
  readonly description: string;
  /** Source datasets it comes from; defaults to the builder's `datasets`. */
  readonly sources?: readonly string[];
}

/** A builder: a named step from source datasets to artefacts. */
export interface Builder {
  /** Unique builder id, e.g. "commune-lists". */
  readonly id: string;
  /** Dataset ids (data/sources.json) this builder reads. */
  readonly datasets: readonly string[];
  build(ctx: BuildContext): Promise<readonly Artefact[]> | readonly Artefact[];
}

/** Identity helper that type-checks a builder definition. */
export function defineBuilder(builder: Builder): Builder {
  return builder;
}
