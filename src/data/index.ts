/**
 * Node loaders for the bundled, compiled datasets (data/build). The only code that knows where they live.
 * @module data
 */
export * from "./schema.js";
export { loadTerritoryData } from "./load-territory-data.js";
export { describeDatasets } from "./describe-datasets.js";
export { loadReferencePopulations, type LoadReferencePopulationsOptions } from "./load-reference-populations.js";
export { copyWebData, CopyWebDataOptions, type CopiedWebData } from "./copy-web-data.js";
export { loadSchoolCalendar, type LoadSchoolCalendarOptions } from "./load-school-calendar.js";
