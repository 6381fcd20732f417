/**
 * Territory eligibility: is this person, living here, in a QPV, a ZRR or an FRR on this date, and why?
 * @module territory
 */
export * from "./schema.js";
export {
  BAN_DEFAULT_BASE_URL,
  CreateBanGeocoderOptions,
  createBanGeocoder,
  type FetchLike,
} from "./create-ban-geocoder.js";
export { ZoneLayer, ZoneOutlineQuery, getZoneOutline, type ZoneOutline } from "./get-zone-outline.js";
export { checkEligibility, type CheckEligibilityOptions, type SyncEligibilitySubject } from "./check-eligibility.js";
export { checkEligibilityMany, type EligibilityRow } from "./check-eligibility-many.js";
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
  territoryDataFromBuffers,
  TERRITORY_ARTEFACTS,
  type TerritoryData,
  type TerritoryCommuneTable,
} from "./territory-data-from-buffers.js";
export { decodeCommuneTable, type CommuneListSource, type DecodedCommuneTable } from "./decode-commune-table.js";
export type {
  CommuneTable,
  CommuneRecord,
  CodeMapping,
  ResolvedCommune,
  ZrrStatus,
  FrrStatus,
  Qpv2015CommuneStatus,
} from "./commune-table.js";
export {
  createTerritoryDataSource,
  CreateTerritoryDataSourceOptions,
  type TerritoryDataSource,
  type DataSourceSubject,
  type DataSourceStats,
  type PrepareOptions,
  type DataFetch,
  type DataResponse,
} from "./create-territory-data-source.js";
export {
  WebDataManifest,
  WebDataTileIndex,
  WebDataFile,
  WebDataTile,
  WEB_DATA_FORMAT,
  tileKeyOf,
} from "./web-data-manifest.js";
export { renderEvidenceSvg, evidenceOutlines, EvidenceMap } from "./render-evidence-svg.js";
