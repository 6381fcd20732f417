import * as z from "zod/v4";
import { IsoDate } from "../_lib/calendar-day.js";
import { expecting } from "../_lib/messages/vocabulary.js";

/**
 * The two manifests of the bundled data: `data/sources.json` (what the official source files are and
 * what they must look like) and `data/build/manifest.json` (what scripts/build-data.ts compiled from them).
 * @module
 */

/** A dataset id in data/sources.json, e.g. `"qpv2024"`, `"zrr-cog2021"`. */
export const DatasetId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "a lowercase dataset id such as qpv2024")
  .brand<"DatasetId">();
export type DatasetId = z.infer<typeof DatasetId>;

/** How to read a source file. */
export const SourceFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("geojson") }),
  z.object({
    type: z.literal("csv"),
    delimiter: z.enum([",", ";"]),
    /** 1-based line of the header (the ZRR file has a 5-line preamble). */
    headerLine: z.number().int().min(1).default(1),
  }),
]);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** When a regime built on a dataset is in force, and where. `until` is inclusive; null means still in force. */
export const RegimeValidity = z.object({
  regime: z.enum(["qpv2015", "qpv2024", "zrr", "frr", "frr_plus", "none"]),
  /** Area the dates apply to. */
  area: z.enum(["all", "mainland", "overseas"]),
  from: IsoDate,
  until: IsoDate.nullable(),
  /** Legal basis, in words. */
  basis: z.string(),
});
export type RegimeValidity = z.infer<typeof RegimeValidity>;

/** Where the copy in the source directory actually came from (a public repository snapshot). */
export const DatasetOrigin = z.object({
  repo: z.string(),
  path: z.string(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  blob: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/)
    .optional(),
});
export type DatasetOrigin = z.infer<typeof DatasetOrigin>;

/** One source dataset of data/sources.json. */
export const SourceDataset = z.object({
  id: DatasetId,
  title: z.string().min(1),
  /** Path relative to the source directory (DECLICS_DATA_SOURCES, default ../shared/data). */
  file: z.string().min(1),
  format: SourceFormat,
  /** Official publication (download or landing page) this file is, or is derived from; null if none is known. */
  officialUrl: z.string().url().nullable(),
  /** True when the file is byte-for-byte the official publication; false for derived or re-packaged copies. */
  official: z.boolean(),
  origin: DatasetOrigin,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits"),
  bytes: z.number().int().positive(),
  /** Expected number of GeoJSON features or CSV data rows. */
  count: z.object({ unit: z.enum(["features", "rows"]), value: z.number().int().nonnegative() }),
  /** Vintage (millésime) of the data, as the source names it. */
  millesime: z.string().min(1),
  /** Commune geography (COG year) the codes use, when the file has commune codes. */
  cog: z.number().int().min(2000).max(2100).nullable(),
  /** What territory the file covers, and what it leaves out. */
  coverage: z.string().min(1),
  /** Positional accuracy of geometries in metres (null for tables). */
  accuracyM: z.number().positive().nullable(),
  validity: z.array(RegimeValidity),
  licence: z.object({
    name: z.string(),
    url: z.string().url().nullable(),
    /** False when the licence of the data was not checked against its publisher. */
    verified: z.boolean(),
  }),
  notes: z.array(z.string()).default([]),
});
export type SourceDataset = z.infer<typeof SourceDataset>;

/** data/sources.json. */
export const SourcesManifest = z
  .object({
    version: z.literal(1),
    datasets: z.array(SourceDataset).min(1),
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.datasets.forEach((dataset, index) => {
      if (seen.has(dataset.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["datasets", index, "id"],
          ...expecting(
            `a unique dataset id (${dataset.id} appears twice)`,
            `un identifiant de jeu de données unique (${dataset.id} apparaît deux fois)`,
          ),
        });
      }
      seen.add(dataset.id);
    });
  });
export type SourcesManifest = z.infer<typeof SourcesManifest>;

/** One compiled artefact of data/build/manifest.json. */
export const BuiltArtefact = z.object({
  /** File name relative to data/build. */
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  /** The builder that wrote it. */
  builder: z.string(),
  /** Source datasets it was compiled from, with their vintages. */
  sources: z.array(z.object({ id: DatasetId, millesime: z.string(), sha256: z.string() })),
  /** Artefact format version, bumped when its layout changes. */
  formatVersion: z.number().int().positive(),
  description: z.string(),
});
export type BuiltArtefact = z.infer<typeof BuiltArtefact>;

/** data/build/manifest.json. */
export const BuildManifest = z.object({
  version: z.literal(1),
  /** Artefact name -> artefact. */
  artefacts: z.record(z.string(), BuiltArtefact),
  totalBytes: z.number().int().nonnegative(),
});
export type BuildManifest = z.infer<typeof BuildManifest>;

/** One dataset as `describeDatasets` reports it: provenance, vintage, validity, quality and what was built from it. */
export const DatasetDescription = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string(),
  millesime: z.string(),
  cog: z.number().nullable(),
  validity: z.array(RegimeValidity),
  coverage: z.string(),
  accuracyM: z.number().nullable(),
  licence: SourceDataset.shape.licence,
  officialUrl: z.string().nullable(),
  official: z.boolean(),
  origin: DatasetOrigin,
  sha256: z.string(),
  count: SourceDataset.shape.count,
  notes: z.array(z.string()),
  /** Compiled artefacts built (at least partly) from this dataset; empty when data/build is absent. */
  artefacts: z.array(z.object({ name: z.string(), file: z.string(), bytes: z.number() })),
});
export type DatasetDescription = z.infer<typeof DatasetDescription>;
