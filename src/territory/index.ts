/**
 * Territory eligibility: is this person, living here, in a QPV, a ZRR or an FRR on this date, and why?
 *
 * Exports by name: the operations with their `XOptions` and result types, the territory vocabulary (schema.ts),
 * and the shared vocabulary and error type they use, so that `declics/territory` is enough on its own.
 * @module territory
 */
export { DeclicsError, isDeclicsError, type DeclicsErrorCode, type InputIssue } from "../errors.js";
export type { DayInput } from "../_lib/calendar-day.js";
export { TerritoryKind } from "../_lib/vocabulary.js";
export {
  AddressSubject,
  CodeInsee,
  CommuneEvidence,
  CommuneSubject,
  EligibilityBasis,
  EligibilityPolicy,
  EligibilityResult,
  EligibilityStatus,
  EligibilitySubject,
  FrrClassification,
  GeoJsonPointFeatureSubject,
  GeoJsonPointSubject,
  GeocodeHit,
  Lambert93Subject,
  LonLatSubject,
  Postcode,
  PostcodeSubject,
  QpvCode,
  QpvEvidence,
  Reason,
  ReasonCode,
  Regime,
  RuralEvidence,
  ZrrClassification,
  type Geocoder,
} from "./schema.js";
export type { SubjectShapeHint } from "./_subject-shape.js";
export { checkEligibility, type CheckEligibilityOptions, type SyncEligibilitySubject } from "./check-eligibility.js";
export {
  checkEligibilityMany,
  type CheckEligibilityManyOptions,
  type EligibilityRow,
} from "./check-eligibility-many.js";
export {
  checkEligibilityColumns,
  COLUMN_STATUS,
  type CheckEligibilityColumnsOptions,
  type ColumnErrorCode,
  type EligibilityColumns,
  type PointColumns,
} from "./check-eligibility-columns.js";
export { ELIGIBILITY_DATE_RANGE } from "./eligibility-date-range.js";
export { DECLICS_POLICY } from "./declics-policy.js";
export {
  BAN_DEFAULT_BASE_URL,
  createBanGeocoder,
  type CreateBanGeocoderOptions,
  type FetchLike,
} from "./create-ban-geocoder.js";
export {
  getZoneOutline,
  type ZoneLayer,
  type ZoneOutline,
  type ZoneOutlineProperties,
  type ZoneOutlineQuery,
} from "./get-zone-outline.js";
export type { GeoJsonPosition, ZoneMultiPolygon, ZonePolygon } from "./_zone-geometry.js";
export { renderEvidenceSvg, evidenceOutlines, type EvidenceMap } from "./render-evidence-svg.js";
export {
  territoryDataFromBuffers,
  TERRITORY_ARTEFACTS,
  type TerritoryData,
  type TerritoryDataset,
} from "./territory-data-from-buffers.js";
export {
  createTerritoryDataSource,
  type CreateTerritoryDataSourceOptions,
  type TerritoryDataSource,
  type DataSourceSubject,
  type DataSourceStats,
  type PrepareOptions,
  type DataFetch,
  type DataResponse,
} from "./create-territory-data-source.js";
