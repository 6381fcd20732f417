import * as z from "zod/v4";
import { CodeMappingReason, FrrClassification } from "./schema.js";

/**
 * Layout of the compiled commune-table artefact (data/build/commune-table.json), written by
 * scripts/build/commune-lists.ts and read by decodeCommuneTable. Communes are addressed by their index in
 * the sorted code list; everything else refers to that index.
 * @module
 */

export const COMMUNE_TABLE_FORMAT = "declics/commune-table";
export const COMMUNE_TABLE_VERSION = 1;

/**
 * Why an alias code maps to a commune; index into this list in `aliases`. The order of the public
 * `CodeMappingReason` enum: a reason added there must go last (compiled tables store the index).
 */
export const ALIAS_REASONS: readonly CodeMappingReason[] = CodeMappingReason.options;

/**
 * FRR classifications in the order of the digits of `frr`: the order of the public `FrrClassification` enum, so
 * a classification added there must go last (the digits of compiled tables would otherwise change meaning).
 */
export const FRR_ORDER: readonly FrrClassification[] = FrrClassification.options;

const indexKey = z.string().regex(/^\d+$/);

export const CommuneTableArtefact = z.object({
  format: z.literal(COMMUNE_TABLE_FORMAT),
  version: z.literal(COMMUNE_TABLE_VERSION),
  /** Where the lists come from (dataset ids and vintages), for evidence. */
  sources: z.object({
    communes: z.string(),
    zrr: z.object({ id: z.string(), millesime: z.string() }),
    frr: z.object({ id: z.string(), millesime: z.string() }),
    qpv2015: z.object({ id: z.string(), millesime: z.string() }),
    qpv2024: z.object({ id: z.string(), millesime: z.string() }),
  }),
  /** Current commune codes, 5 characters each, concatenated, sorted. */
  codes: z.string().regex(/^(?:[0-9AB]{5})*$/),
  /** Names, "|"-separated, same order as `codes`. */
  names: z.string(),
  /** Flat triples: alias code, commune index, reason index (ALIAS_REASONS). */
  aliases: z.array(z.union([z.string(), z.number().int().nonnegative()])),
  /** Postcode -> commune indices. */
  postcodes: z.record(z.string().regex(/^\d{5}$/), z.array(z.number().int().nonnegative())),
  /** One letter per commune: C, N (non classée), P, or "." (no entry). */
  zrr: z.string().regex(/^[CNP.]*$/),
  /** Source labels of C, N and P. */
  zrrLabels: z.object({ C: z.string(), N: z.string(), P: z.string() }),
  /** Commune index -> [2021 code(s) it was mapped from, label override or ""]. */
  zrrMapped: z.record(indexKey, z.tuple([z.string(), z.string()])),
  /** One digit per commune (index in FRR_ORDER), or "." (no entry). */
  frr: z.string().regex(/^[0-5.]*$/),
  /** Source label of each FRR_ORDER classification. */
  frrLabels: z.array(z.string()).length(FRR_ORDER.length),
  /** Commune index -> QPV 2015 codes (communes of covered territories absent here had none). */
  qpv2015: z.record(indexKey, z.array(z.string())),
  /** Départements the QPV 2015 commune table does not cover. */
  qpv2015NotCovered: z.array(z.string()),
  /** Commune index -> QPV 2024 codes. */
  qpv2024: z.record(indexKey, z.array(z.string())),
});
export type CommuneTableArtefact = z.infer<typeof CommuneTableArtefact>;

/** Département of a commune code: 3 characters overseas (97x, 98x), 2 otherwise (verified at build time). */
export function departementOf(code: string): string {
  return code.startsWith("97") || code.startsWith("98") ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The small parts of the artefact the decoder validates with zod on every load. The long strings are only
 * type-checked here (their patterns are checked at build time; the decoder checks their lengths).
 */
export const CommuneTableHeader = CommuneTableArtefact.pick({
  format: true,
  version: true,
  sources: true,
  zrrLabels: true,
  frrLabels: true,
  qpv2015NotCovered: true,
}).extend({ codes: z.string(), names: z.string(), zrr: z.string(), frr: z.string() });
