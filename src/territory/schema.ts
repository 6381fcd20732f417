import * as z from "zod/v4";
import { TerritoryKind } from "../_lib/vocabulary.js";

/**
 * Territory vocabulary and result shapes. The zod schemas are the types.
 * @module
 */

/** INSEE commune code: 5 characters, `2A`/`2B` for Corsica, `97x` overseas. */
export const CodeInsee = z
  .string()
  .regex(/^(?:[013-9]\d|2[AB1-9])\d{3}$/, "a 5-character INSEE commune code such as 31555, 2A004 or 97411")
  .brand<"CodeInsee">();
export type CodeInsee = z.infer<typeof CodeInsee>;

/** French postcode: 5 digits. */
export const Postcode = z
  .string()
  .regex(/^\d{5}$/, "a 5-digit postcode such as 31100")
  .brand<"Postcode">();
export type Postcode = z.infer<typeof Postcode>;

/** QPV code: `QPdddnnn` (2015 generation) or `QNdddnnX` (2024 generation). */
export const QpvCode = z
  .string()
  .regex(/^(?:QP[0-9][0-9AB][0-9]\d{3}|QN[0-9][0-9AB][0-9]\d{2}[A-Z])$/, "a QPV code such as QP031007 or QN03107M")
  .brand<"QpvCode">();
export type QpvCode = z.infer<typeof QpvCode>;

/** A WGS84 point, GeoJSON order. */
export const LonLatSubject = z.object({ lon: z.number(), lat: z.number() });
/** A Lambert-93 point (EPSG:2154), metres. */
export const Lambert93Subject = z.object({ x: z.number(), y: z.number() });
/** A commune, by INSEE code (arrondissements and old codes of merged communes are accepted and mapped). */
export const CommuneSubject = z.object({ codeInsee: z.string() });
/** A postcode (may cover several communes). */
export const PostcodeSubject = z.object({ postcode: z.string() });
/** A postal address, resolved by the Geocoder given in the options. */
export const AddressSubject = z.object({ address: z.string().min(1) });

/**
 * A GeoJSON Point geometry (RFC 7946): `coordinates` are `[lon, lat]` in WGS84 degrees, GeoJSON order (an
 * altitude may follow and is ignored).
 */
export const GeoJsonPointSubject = z.object({
  type: z.literal("Point"),
  coordinates: z.array(z.number()).min(2).max(3),
});
/** A GeoJSON Feature whose geometry is a Point (its properties are ignored), as Turf's `point()` makes. */
export const GeoJsonPointFeatureSubject = z.object({ type: z.literal("Feature"), geometry: GeoJsonPointSubject });

/** Who or where to check: exactly one of the seven forms. */
export const EligibilitySubject = z.union([
  LonLatSubject,
  Lambert93Subject,
  CommuneSubject,
  PostcodeSubject,
  AddressSubject,
  GeoJsonPointSubject,
  GeoJsonPointFeatureSubject,
]);
export type EligibilitySubject = z.infer<typeof EligibilitySubject>;
export type GeoJsonPointSubject = z.infer<typeof GeoJsonPointSubject>;
export type GeoJsonPointFeatureSubject = z.infer<typeof GeoJsonPointFeatureSubject>;
export type LonLatSubject = z.infer<typeof LonLatSubject>;
export type Lambert93Subject = z.infer<typeof Lambert93Subject>;
export type CommuneSubject = z.infer<typeof CommuneSubject>;
export type PostcodeSubject = z.infer<typeof PostcodeSubject>;
export type AddressSubject = z.infer<typeof AddressSubject>;

/** The overall answer. "Not eligible" is a result, never an error. */
export const EligibilityStatus = z.enum(["eligible", "not_eligible", "uncertain"]);
export type EligibilityStatus = z.infer<typeof EligibilityStatus>;

/** Zone regimes, each with its validity dates (see DOMAIN.md). */
export const Regime = z.enum(["qpv2015", "qpv2024", "zrr", "frr"]);
export type Regime = z.infer<typeof Regime>;

/** ZRR classification of a commune (arrêté of 16 March 2017, COG 2021 list). */
export const ZrrClassification = z.enum(["C", "NC", "P"]);
export type ZrrClassification = z.infer<typeof ZrrClassification>;

/** FRR classification of a commune (list of 10 July 2025). */
export const FrrClassification = z.enum([
  "non_classee",
  "frr_socle",
  "frr_plus",
  "frr_beneficiaire",
  "frr_partiel",
  "frr_beneficiaire_partiel",
]);
export type FrrClassification = z.infer<typeof FrrClassification>;

/** Coded reasons; each comes with a French message in results. */
export const ReasonCode = z.enum([
  "in_qpv",
  "outside_qpv",
  "near_qpv_boundary",
  "near_commune_boundary",
  "zrr_classified",
  "zrr_not_classified",
  "zrr_partial",
  "frr_classified",
  "frr_not_classified",
  "frr_partial",
  "no_rural_regime",
  "commune_has_no_qpv",
  "commune_has_qpv",
  "postcode_several_communes",
  "geocoder_imprecise",
  "geocoder_low_score",
  "geocoder_no_result",
  "data_unavailable",
  "no_regime_in_force",
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

/** One reason behind an answer. */
export const Reason = z.object({
  code: ReasonCode,
  /** French, for end users. */
  message: z.string(),
  /** Which regime the reason is about, when it is about one. */
  regime: Regime.optional(),
});
export type Reason = z.infer<typeof Reason>;

/** One qualifying (or near-qualifying) zone. */
export const EligibilityBasis = z.object({
  kind: TerritoryKind.exclude(["other"]),
  /** QPV code, or the commune code for ZRR/FRR. */
  code: z.string(),
  name: z.string(),
  regime: Regime,
  /** Classification label as in the source list (ZRR/FRR), e.g. "FRR+". */
  classification: z.string().optional(),
  /** Dataset id in data/sources.json. */
  dataset: z.string(),
  /** Dataset vintage (millésime). */
  millesime: z.string(),
});
export type EligibilityBasis = z.infer<typeof EligibilityBasis>;

/** Why an input code (or a dataset's code) stands for another, today's commune. */
export const CodeMappingReason = z.enum(["arrondissement_municipal", "ancien_code", "commune_deleguee", "cog_version"]);
export type CodeMappingReason = z.infer<typeof CodeMappingReason>;

/** How the commune was determined. */
export const CommuneEvidence = z.object({
  codeInsee: z.string(),
  name: z.string(),
  foundBy: z.enum(["point_in_polygon", "code", "postcode", "geocoder"]),
  /** When the input code (or a dataset's code) was mapped to today's commune. */
  mappedFrom: z
    .object({
      code: z.string(),
      reason: CodeMappingReason,
    })
    .optional(),
});
export type CommuneEvidence = z.infer<typeof CommuneEvidence>;

/** The QPV part of the answer, for the regime in force on the date. */
export const QpvEvidence = z.object({
  regime: Regime.extract(["qpv2015", "qpv2024"]).nullable(),
  status: z.enum(["inside", "outside", "uncertain", "unavailable"]),
  zone: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Distance to the nearest QPV edge in metres (null when no point, or no polygons for that regime). */
  distanceToBoundaryM: z.number().nullable(),
});
export type QpvEvidence = z.infer<typeof QpvEvidence>;

/** The rural part of the answer (ZRR until 2024-06-30, FRR from 2024-07-01). */
export const RuralEvidence = z.object({
  regime: Regime.extract(["zrr", "frr"]).nullable(),
  status: z.enum(["classified", "not_classified", "partial", "unavailable"]),
  /** Classification label as in the source list. */
  classification: z.string().nullable(),
});
export type RuralEvidence = z.infer<typeof RuralEvidence>;

/** The full, evidenced answer for one subject. */
export const EligibilityResult = z.object({
  status: EligibilityStatus,
  /** The calendar day the answer is for (YYYY-MM-DD): the day given, or a Date's day in `timeZone`. */
  on: z.string(),
  /**
   * Only when `on` was a `Date`: the legal time zone of the subject's territory it was read in (Europe/Paris,
   * Indian/Reunion, America/Cayenne…). Absent when `on` was a calendar day string.
   */
  timeZone: z.string().optional(),
  /** The point used, when there is one (WGS84). */
  point: z.object({ lon: z.number(), lat: z.number() }).nullable(),
  /** The territory kind for the diversity module: the first qualifying basis, or "other". */
  territoryKind: TerritoryKind,
  bases: z.array(EligibilityBasis),
  commune: CommuneEvidence.nullable(),
  qpv: QpvEvidence,
  rural: RuralEvidence,
  distanceToBoundaryM: z.object({ qpv: z.number().nullable(), commune: z.number().nullable() }),
  reasons: z.array(Reason),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

/** The precision of a geocoder hit, as the national address API names it (most precise first). */
export const GeocodeHitType = z.enum(["housenumber", "street", "locality", "municipality"]);
export type GeocodeHitType = z.infer<typeof GeocodeHitType>;

/**
 * The eligibility policy is data: which bases count, the tolerances, the geocoder thresholds.
 * `DECLICS_POLICY` (DOMAIN.md) is the default; other programmes pass their own.
 */
export const EligibilityPolicy = z.object({
  name: z.string(),
  /** Whether living in a QPV qualifies. */
  qpv: z.boolean(),
  /** ZRR classifications that qualify while ZRR is in force. */
  zrr: z.array(ZrrClassification),
  /** FRR classifications that qualify while FRR is in force. */
  frr: z.array(FrrClassification),
  /** Tolerance around a QPV edge in metres; "dataset" uses the dataset's stated accuracy. */
  qpvToleranceM: z.union([z.number().nonnegative(), z.literal("dataset")]),
  /** Tolerance around a commune edge in metres (only matters when the neighbour's status differs). */
  communeToleranceM: z.union([z.number().nonnegative(), z.literal("dataset")]),
  /** Geocoder hits below this score are uncertain. */
  geocoderMinScore: z.number().min(0).max(1),
  /** Geocoder hit types precise enough to decide QPV membership. */
  geocoderAcceptedTypes: z.array(GeocodeHitType),
});
export type EligibilityPolicy = z.infer<typeof EligibilityPolicy>;

/** One geocoder hit, as the national address API (BAN / Géoplateforme) reports it. */
export const GeocodeHit = z.object({
  lon: z.number(),
  lat: z.number(),
  score: z.number().min(0).max(1),
  type: GeocodeHitType,
  label: z.string(),
  codeInsee: z.string(),
  postcode: z.string().optional(),
});
export type GeocodeHit = z.infer<typeof GeocodeHit>;

/** Anything that turns an address into a point. declics ships an adapter for the national address API. */
export interface Geocoder {
  /** The best hit for an address, or null when nothing matches. Rejects when the service cannot be reached. */
  geocode(address: string, options?: { signal?: AbortSignal }): Promise<GeocodeHit | null>;
}
