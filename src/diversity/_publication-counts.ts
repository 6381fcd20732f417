/** Private: how much of a diversity report is published, part by part (for recoding decisions, the note and the bench). */
import type { Metric, ProtectedCell, ProtectedTable } from "./schema.js";

/** Figures published and hidden in one part of the report. */
export interface PartCounts {
  published: number;
  hidden: number;
}

/** The parts of a report counted by {@link publicationCounts}. */
export interface PublicationCounts {
  /** All parts together. */
  readonly published: number;
  readonly hidden: number;
  /** Non-zero counts of the tables (cells and margins); zeros are published and not counted. */
  readonly tableCounts: PartCounts;
  /** Non-zero funnel counts (people who reached each stage, by group). */
  readonly funnelCounts: PartCounts;
  /** Shares of the one-way counts. */
  readonly shares: PartCounts;
  /** Rates of the parity analysis (outcome among registered, by group). */
  readonly parityRates: PartCounts;
  /** Four-fifths verdicts (flagged, not flagged or reference group). */
  readonly fourFifths: PartCounts;
}

interface ReportLike {
  readonly tables: readonly ProtectedTable[];
  readonly shares: Partial<Record<string, readonly { readonly share: Metric }[]>>;
  readonly funnels: Partial<Record<string, { readonly rows: readonly { readonly reached: ProtectedCell }[] }>>;
  readonly parity: Partial<
    Record<string, readonly { readonly rate: Metric; readonly fourFifths: Metric | { readonly status: string } }[]>
  >;
}

const isSecret = (m: { readonly computable?: boolean; readonly reason?: string }): boolean =>
  m.computable === false && m.reason === "secret_statistique";

/** Counts the figures a report publishes and hides (metrics not computable for another reason are left out). */
export function publicationCounts(report: ReportLike): PublicationCounts {
  const part = (): PartCounts => ({ published: 0, hidden: 0 });
  const tableCounts = part();
  const funnelCounts = part();
  const shares = part();
  const parityRates = part();
  const fourFifths = part();
  const cell = (c: ProtectedCell | undefined, into: PartCounts): void => {
    if (c === undefined) return;
    if (c.status === "suppressed") into.hidden++;
    else if (c.value !== 0) into.published++;
  };
  const metric = (m: Metric | { readonly status: string }, into: PartCounts): void => {
    if ("status" in m || m.computable) into.published++;
    else if (isSecret(m)) into.hidden++;
  };
  for (const t of report.tables) {
    for (const line of t.cells) for (const c of line) cell(c, tableCounts);
    for (const c of [...t.rowTotals, ...t.columnTotals, t.grandTotal]) cell(c, tableCounts);
  }
  for (const rows of Object.values(report.shares)) for (const r of rows ?? []) metric(r.share, shares);
  for (const f of Object.values(report.funnels)) for (const r of f?.rows ?? []) cell(r.reached, funnelCounts);
  for (const rows of Object.values(report.parity)) {
    for (const r of rows ?? []) {
      metric(r.rate, parityRates);
      metric(r.fourFifths, fourFifths);
    }
  }
  const parts = [tableCounts, funnelCounts, shares, parityRates, fourFifths];
  return {
    published: parts.reduce((s, p) => s + p.published, 0),
    hidden: parts.reduce((s, p) => s + p.hidden, 0),
    tableCounts,
    funnelCounts,
    shares,
    parityRates,
    fourFifths,
  };
}
