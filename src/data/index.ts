/**
 * Node loaders for the bundled, compiled datasets (data/build). The only code that knows where they live.
 * @module data
 */
export {
  BuildManifest,
  BuiltArtefact,
  DatasetDescription,
  DatasetId,
  DatasetOrigin,
  RegimeValidity,
  SourceDataset,
  SourceFormat,
  SourcesManifest,
} from "./schema.js";
export { DeclicsError, isDeclicsError } from "../errors.js";
export { loadTerritoryData, type LoadTerritoryDataOptions } from "./load-territory-data.js";
export { describeDatasets, type DescribeDatasetsOptions } from "./describe-datasets.js";
export { loadReferencePopulations, type LoadReferencePopulationsOptions } from "./load-reference-populations.js";
export { copyWebData, type CopyWebDataOptions, type CopiedWebData } from "./copy-web-data.js";
export { loadSchoolCalendar, type LoadSchoolCalendarOptions } from "./load-school-calendar.js";
