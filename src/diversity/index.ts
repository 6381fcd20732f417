/**
 * Diversity and programme metrics: representation, funnels, gaps, intervals, small-count protection,
 * charts. Pure and isomorphic: no Node API, no dataset, no territory engine. Exports by name: the entities
 * (schema.ts), each operation with its `XOptions` and result types, the shared vocabulary records use
 * (`Gender`, `AgeBand`, `TerritoryKind`, `ParcoursStage`) and the error type.
 * @module diversity
 */
export { DeclicsError, isDeclicsError } from "../errors.js";
export { AgeBand, Gender, ParcoursStage, TerritoryKind } from "../_lib/vocabulary.js";
export type { DayUsed } from "../_lib/calendar-day.js";
export {
  CountTable,
  DiplomaLevel,
  Dimension,
  Estimate,
  IntervalMethod,
  Metric,
  NOT_STATED,
  NotComputable,
  NotComputableReason,
  ParticipantId,
  ParticipantRecord,
  ParticipantRecords,
  ProtectedCell,
  ReferencePopulation,
  ReferencePopulations,
  StageReached,
  SuppressionReason,
  type GroupKey,
  type ProtectedTable,
  type ReferencePopulationInput,
} from "./schema.js";
export { ageBandOn, type AgeBandOnOptions } from "./age-band-on.js";
export { parseParticipantRecords, safeParseParticipantRecords } from "./parse-participant-records.js";
export {
  participantRecordsFromProgress,
  type ParticipantRecordsFromProgressOptions,
  type ProgressRecordLike,
} from "./participant-records-from-progress.js";
export { parseReferencePopulations, safeParseReferencePopulations } from "./parse-reference-populations.js";
export {
  combineReferencePopulations,
  type CombineReferencePopulationsOptions,
} from "./combine-reference-populations.js";
export { computeProportionInterval, type ComputeProportionIntervalOptions } from "./compute-proportion-interval.js";
export {
  compareProportions,
  type CompareProportionsOptions,
  type ProportionComparison,
  type ProportionCounts,
} from "./compare-proportions.js";
export { computeShares, type ComputeSharesOptions, type ShareRow } from "./compute-shares.js";
export {
  computeRepresentation,
  type ComputeRepresentationOptions,
  type RepresentationRow,
} from "./compute-representation.js";
export {
  computeFunnel,
  type ComputeFunnelOptions,
  type Funnel,
  type FunnelGroupKey,
  type FunnelGroupSummary,
  type FunnelRow,
} from "./compute-funnel.js";
export { computeParity, type ComputeParityOptions, type FourFifthsResult, type ParityRow } from "./compute-parity.js";
export {
  computeTargetProgress,
  type ComputeTargetProgressOptions,
  type ProgressPoint,
  type TargetProgress,
} from "./compute-target-progress.js";
export { compareCohorts, type CohortRow, type CompareCohortsOptions } from "./compare-cohorts.js";
export {
  computeDiversityReport,
  type ComputeDiversityReportOptions,
  type DiversityReport,
  type ReportFunnel,
  type ReportFunnelGroupSummary,
  type ReportFunnelRow,
  type ReportParityRow,
  type ReportRecoding,
  type ReportRepresentationRow,
  type ReportShareRow,
} from "./compute-diversity-report.js";
export { formatProtectionNote } from "./format-protection-note.js";
export { crossTabulate, type CrossTabulateOptions } from "./cross-tabulate.js";
export { protectTable, type ProtectTableOptions } from "./protect-table.js";
export { protectLinkedTables, type ProtectLinkedTablesOptions } from "./protect-linked-tables.js";
export { toTidyRows, type TidyRow } from "./to-tidy-rows.js";
export { formatCsv, type FormatCsvOptions } from "./format-csv.js";
export {
  renderIntervalChart,
  type IntervalChartItem,
  type RenderIntervalChartOptions,
} from "./render-interval-chart.js";
export { renderFunnelChart, type RenderFunnelChartOptions } from "./render-funnel-chart.js";
export { renderRepresentationChart, type RenderRepresentationChartOptions } from "./render-representation-chart.js";
