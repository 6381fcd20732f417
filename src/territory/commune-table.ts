import type { CodeMappingReason, FrrClassification, ZrrClassification } from "./schema.js";

/**
 * The commune side of the territory data: today's communes (COG 2026), how old codes map to them, and
 * each commune's ZRR, FRR and QPV 2015 status. Built from the official lists by scripts/build-data.ts;
 * decoded by the loaders in `declics/data` or from buffers in the browser.
 *
 * Contract between the commune-list code (which implements it) and the eligibility engine (which uses it).
 * @module
 */

/** A commune of today's geography (COG 2026). */
export interface CommuneRecord {
  readonly codeInsee: string;
  readonly name: string;
  readonly departement: string;
}

/** How an input code was mapped to today's commune. */
export interface CodeMapping {
  readonly code: string;
  readonly reason: CodeMappingReason;
}

/** A code resolved to today's commune. */
export interface ResolvedCommune {
  readonly commune: CommuneRecord;
  readonly mappedFrom?: CodeMapping;
}

/** ZRR status of a COG 2026 commune, from the COG 2021 list (mapped; a merger of communes with different statuses is "P"). */
export interface ZrrStatus {
  readonly classification: ZrrClassification;
  /** The label in the source list, e.g. "C - Classée en ZRR". */
  readonly label: string;
  /** Set when the 2021 code(s) differ from today's code. */
  readonly mappedFrom?: CodeMapping;
}

/** FRR status of a commune, from the list of 10 July 2025. */
export interface FrrStatus {
  readonly classification: FrrClassification;
  /** The label in the source list, e.g. "FRR+". */
  readonly label: string;
}

/** What the national QPV 2015 commune table says of a commune. */
export interface Qpv2015CommuneStatus {
  /** "not_covered": the table does not cover this territory (Mayotte, Saint-Martin, Polynésie...). */
  readonly coverage: "covered" | "not_covered";
  /** QPV 2015 codes with a part in this commune (empty: the commune had no QPV 2015). */
  readonly qpvCodes: readonly string[];
}

/** Lookups over the compiled commune lists. All codes are INSEE codes of today's geography unless stated. */
export interface CommuneTable {
  /** Number of current communes. */
  readonly size: number;
  /**
   * Resolves any well-formed code: a current commune, an arrondissement municipal (751xx, 6938x, 132xx),
   * an old code of a merged commune, a commune déléguée or associée. Undefined when no reference knows it.
   */
  resolve(code: string): ResolvedCommune | undefined;
  /** Current communes a postcode covers (empty when unknown). */
  byPostcode(postcode: string): readonly CommuneRecord[];
  /** ZRR status; undefined when the list has no entry for the commune. */
  zrr(codeInsee: string): ZrrStatus | undefined;
  /** FRR status; undefined when the list has no entry for the commune. */
  frr(codeInsee: string): FrrStatus | undefined;
  /** QPV 2015 commune status (rows with in_insee_2022 = 1). */
  qpv2015(codeInsee: string): Qpv2015CommuneStatus;
  /** QPV 2024 codes with a part in this commune (from the QPV 2024 layer's commune lists, mapped to COG 2026). */
  qpv2024(codeInsee: string): readonly string[];
}
