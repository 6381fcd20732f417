/**
 * The report as a reader of its CSV files gets it: every part written with formatCsv, then read back
 * from the CSV text alone (csv-parse), with no access to the report object. For the disclosure attack.
 */
import { parse } from "csv-parse/sync";
import { formatCsv, type DiversityReport, type ProtectedCell, type ProtectedTable } from "../../src/diversity/index.js";

type Row = Record<string, string>;
const read = (csv: string): Row[] => parse(csv, { columns: true, record_delimiter: "\r\n" }) as Row[];
const num = (text: string | undefined): number | null => (text === undefined || text === "" ? null : Number(text));

/** A protected table read back from its CSV (row, column, value, status, reason). */
function tableFromCsv(csv: string, rowDimension: string, columnDimension: string): ProtectedTable {
  const rows = read(csv);
  const rowLabels = [...new Set(rows.map((r) => r[rowDimension] as string))].filter((l) => l !== "total");
  const colLabels = [...new Set(rows.map((r) => r[columnDimension] as string))].filter((l) => l !== "total");
  const at = (r: string, c: string): ProtectedCell => {
    const row = rows.find((x) => x[rowDimension] === r && x[columnDimension] === c) as Row;
    return row.status === "published"
      ? { status: "published", value: Number(row.value) }
      : { status: "suppressed", value: null, reason: "secret_statistique" };
  };
  return {
    rowDimension,
    columnDimension,
    rows: rowLabels,
    columns: colLabels,
    cells: rowLabels.map((r) => colLabels.map((c) => at(r, c))),
    rowTotals: rowLabels.map((r) => at(r, "total")),
    columnTotals: colLabels.map((c) => at("total", c)),
    grandTotal: at("total", "total"),
    threshold: 0,
    suppressed: { total: rows.filter((r) => r.status !== "published").length },
  };
}

/** Every part of the report as its CSV gives it back: counts and figures as numbers, or null where empty. */
export function reportFromCsv(report: DiversityReport): unknown {
  const tables = report.tables.map((t) => tableFromCsv(formatCsv(t), t.rowDimension, t.columnDimension));
  const shares = Object.fromEntries(
    Object.entries(report.shares).map(([d, rows]) => [
      d,
      read(formatCsv(rows)).map((r) => ({
        [d]: r[d],
        count: num(r.count),
        denominator: num(r.denominator),
        share: num(r.share),
      })),
    ]),
  );
  const funnels = Object.fromEntries(
    Object.entries(report.funnels).map(([d, f]) => [
      d,
      {
        rows: read(formatCsv(f.rows)).map((r) => ({
          [d === "stage" ? "highestStage" : d]: r[d === "stage" ? "highestStage" : d],
          stage: r.stage,
          reached: num(r.reached),
          fromPrevious: num(r.fromPrevious),
          fromStart: num(r.fromStart),
          lost: num(r.lost),
        })),
        groups: [],
      },
    ]),
  );
  const parity = Object.fromEntries(
    Object.entries(report.parity).map(([d, rows]) => [
      d,
      read(formatCsv(rows)).map((r) => ({
        group: r.group,
        among: num(r.among),
        outcome: num(r.outcome),
        rate: num(r.rate),
        ratio: num(r.ratio),
        difference: num(r.difference),
        referenceGroup: r.referenceGroup === "" ? null : r.referenceGroup,
      })),
    ]),
  );
  return {
    participants: tables[0]?.grandTotal,
    tables,
    shares,
    funnels,
    parity,
    representation: report.representation,
  };
}
