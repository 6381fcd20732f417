import * as z from "zod/v4";

/**
 * The zod schema of one record (CSV row or GeoJSON feature) of each source dataset, by dataset id
 * (data/sources.json). scripts/build-data.ts validates every record against it before any builder runs;
 * a dataset without a schema here is refused.
 */

const code5 = z.string().regex(/^(?:[013-9]\d|2[AB1-9])\d{3}$/, "a 5-character INSEE commune code");
const flag01 = z.enum(["0", "1"]);
const csvNumber = z.string().regex(/^(?:-?\d+(?:\.\d+)?)?$/, "a decimal number or empty");

function isPosition(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    value[0] >= -180 &&
    value[0] <= 180 &&
    value[1] >= -90 &&
    value[1] <= 90
  );
}

function isRing(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const position of value) if (!isPosition(position)) return false;
  return true;
}

function isPolygonCoordinates(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const ring of value) if (!isRing(ring)) return false;
  return true;
}

/** Polygon or MultiPolygon of finite WGS84 positions. Checked by a loop: zod per-vertex would cost seconds on 2 M vertices. */
export const PolygonalGeometry = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("Polygon"),
    coordinates: z.custom<number[][][]>(
      isPolygonCoordinates,
      "Polygon coordinates: rings of finite [lon, lat] positions",
    ),
  }),
  z.object({
    type: z.literal("MultiPolygon"),
    coordinates: z.custom<number[][][][]>(
      (value) => Array.isArray(value) && value.length > 0 && value.every(isPolygonCoordinates),
      "MultiPolygon coordinates: polygons of rings of finite [lon, lat] positions",
    ),
  }),
]);

function feature<P extends z.ZodType>(properties: P) {
  return z.object({ type: z.literal("Feature"), properties, geometry: PolygonalGeometry });
}

export const Qpv2024Feature = feature(
  z.object({
    fid: z.number(),
    code_qp: z.string().regex(/^QN(?:\d{3}|02[AB])\d{2}[A-Z]$/, "a QPV 2024 code such as QN03107M"),
    lib_qp: z.string().min(1),
    insee_reg: z.string().nullable(),
    lib_reg: z.string(),
    insee_dep: z.string().regex(/^(?:\d{2,3}|2[AB])$/),
    lib_dep: z.string(),
    /** One code, or a comma+space separated list. */
    insee_com: z
      .string()
      .regex(/^(?:[013-9]\d|2[AB1-9])\d{3}(?:, (?:[013-9]\d|2[AB1-9])\d{3})*$/, "INSEE codes separated by ', '"),
    lib_com: z.string(),
    siren_epci: z.string(),
  }),
);

export const Qpv2015OccitanieFeature = feature(
  z.object({
    code_qp: z.string().regex(/^QP\d{6}$/, "a QPV 2015 code such as QP031007"),
    nom_qp: z.string().min(1),
    commune_qp: z.string(),
    code_commune: code5,
    nom_commune: z.string(),
    code_departement: z.string().regex(/^\d{2}$/),
  }),
);

export const CommuneFeature = feature(
  z.object({
    code: code5,
    nom: z.string().min(1),
    codes_2018: z.array(code5).min(1),
    note: z.string().optional(),
  }),
);

export const ZrrRow = z.object({
  CODGEO: code5,
  LIBGEO: z.string().min(1),
  ZRR_SIMP: z.enum(["C - Classée en ZRR", "NC - Commune non classée", "P - Commune partiellement classée en ZRR"]),
  ZONAGE_ZRR: z.string().regex(/^[A-Z]{1,2} - /, 'a ZRR modality such as "C - ..."'),
});

export const FRR_LABELS = [
  "Non classée",
  "FRR socle",
  "FRR+",
  "FRR bénéficiaire",
  "Classée FRR partiellement",
  "FRR bénéficiaire partiellement",
] as const;

export const FrrRow = z.object({
  Code_insee: code5,
  Departement: z.string().regex(/^(?:\d{2,3}|2[AB])$/),
  Commune: z.string().min(1),
  "Classement FRR et FRR+ au 10 juillet 2025": z.enum(FRR_LABELS),
});

export const Qpv2015CommuneRow = z.object({
  code_qp: z.string().regex(/^QP(?:\d{3}|02[AB])\d{3}$/, "a QPV 2015 code such as QP031007"),
  nom_qp: z.string().min(1),
  insee_com: code5,
  nom_com: z.string().min(1),
  lib_com_source: z.string(),
  in_insee_2022: flag01,
  in_insee_2017: flag01,
  note: z.string(),
});

export const PassageRow = z.object({
  code_2018: code5,
  nom_2018: z.string().min(1),
  code_2019: code5,
  code_2020: code5,
  code_2021: code5,
  code_2022: code5,
  code_2023: code5,
  code_2024: code5,
  code_2025: code5,
  code_2026: code5,
});

/** Every other column of the indicator files is a decimal number or empty. */
export const Qpv2024IndicatorRow = z
  .object({
    COG: z.string().regex(/^(?:\d{4,5}|2[AB]\d{3})$/, "an INSEE code, possibly without its leading zero"),
    lib_com: z.string().min(1),
    codeQPV: z.string().regex(/^QN(?:\d{3}|02[AB])\d{2}[A-Z]$/),
    lib_qp: z.string().min(1),
    lib_reg: z.string(),
    insee_dep: z.string().regex(/^(?:\d{1,3}|2[AB])$/),
    lib_dep: z.string(),
    siren_epci: z.string(),
    lib_epci: z.string(),
    popMuniQPV: csvNumber,
  })
  .catchall(csvNumber);

export const Qpv2015OccitanieIndicatorRow = z
  .object({
    code_qp: z.string().regex(/^QP\d{6}$/),
    nom_qp: z.string().min(1),
    nom_commune: z.string().min(1),
    pop_mun: csvNumber,
    tx_f: csvNumber,
  })
  .catchall(csvNumber);

export const MetaRow = z.object({
  colonne: z.string().min(1),
  description: z.string(),
  type_valeur: z.string(),
  exemple: z.string(),
});

/** A date with the offset of the export, e.g. `2017-10-21T00:00:00+02:00` (or `Z`). */
const offsetDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/,
    "an ISO 8601 date-time with offset such as 2017-10-21T00:00:00+02:00",
  );

/** One row of the Ministry's school calendar (fr-en-calendrier-scolaire). */
export const SchoolCalendarRow = z.object({
  Description: z.string().min(1),
  Population: z.string().min(1),
  "Date de début": offsetDateTime,
  "Date de fin": offsetDateTime,
  Académies: z.string().min(1),
  Zones: z.string().min(1),
  annee_scolaire: z.string().regex(/^\d{4}(?:-\d{4})?$/, "a school year such as 2017-2018 or a year"),
});

/** Record schema by dataset id. */
export const RECORD_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  qpv2024: Qpv2024Feature,
  "qpv2024-indicateurs": Qpv2024IndicatorRow,
  "qpv2015-occitanie": Qpv2015OccitanieFeature,
  "qpv2015-occitanie-indicateurs": Qpv2015OccitanieIndicatorRow,
  "qpv2015-occitanie-indicateurs-meta": MetaRow,
  "qpv2015-communes": Qpv2015CommuneRow,
  "zrr-cog2021": ZrrRow,
  "frr-2025-07": FrrRow,
  "communes-cog2026": CommuneFeature,
  "passage-cog2018-2026": PassageRow,
  "school-calendar": SchoolCalendarRow,
};

export type ZrrRow = z.infer<typeof ZrrRow>;
export type FrrRow = z.infer<typeof FrrRow>;
export type Qpv2015CommuneRow = z.infer<typeof Qpv2015CommuneRow>;
export type PassageRow = z.infer<typeof PassageRow>;
export type SchoolCalendarRow = z.infer<typeof SchoolCalendarRow>;
export type Qpv2024Properties = z.infer<typeof Qpv2024Feature>["properties"];
export type Qpv2015OccitanieProperties = z.infer<typeof Qpv2015OccitanieFeature>["properties"];
export type CommuneProperties = z.infer<typeof CommuneFeature>["properties"];
