/** The charts the guide's recipes draw from a report, for the tests and the bench. */
import {
  renderFunnelChart,
  renderIntervalChart,
  renderRepresentationChart,
  type DiversityReport,
  type Dimension,
} from "../../src/diversity/index.js";
import {
  funnelChartFigures,
  intervalChartFigures,
  representationChartFigures,
  type ChartFigure,
} from "./chart-figures.js";

/** Every chart the guide's recipes draw from a report, with what a reader reads off each. */
export function chartsOf(report: DiversityReport, outcome = "hired"): { svgs: string[]; figures: ChartFigure[] } {
  const svgs: string[] = [];
  const figures: ChartFigure[] = [];
  for (const [d, rows] of Object.entries(report.shares)) {
    const svg = renderIntervalChart(
      rows.map((r) => ({
        label: String(r[d as Dimension]),
        value: r.share,
        count: r.count,
        denominator: r.denominator,
      })),
      { title: `Shares by ${d}` },
    );
    svgs.push(svg);
    figures.push(...intervalChartFigures(svg, (label) => ({ num: `${d}=${label}`, den: "all" })));
  }
  for (const [d, funnel] of Object.entries(report.funnels)) {
    const svg = renderFunnelChart(funnel, { title: `Funnel by ${d}` });
    svgs.push(svg);
    figures.push(...funnelChartFigures(svg, d));
  }
  for (const [d, rows] of Object.entries(report.parity)) {
    const rates = renderIntervalChart(
      rows.map((r) => ({ label: r.group, value: r.rate, count: r.outcome, denominator: r.among })),
      { title: `Rate by ${d}` },
    );
    const at = (label: string) => ({
      num: `reached:${d}=${label}:${outcome}`,
      den: `reached:${d}=${label}:registered`,
    });
    figures.push(...intervalChartFigures(rates, at));
    // The documented impact-ratio recipe: ratios to the reference group, a line at 4/5.
    const ratios = renderIntervalChart(
      rows.map((r) => ({ label: r.group, value: r.ratio, count: r.outcome, denominator: r.among })),
      { title: `Impact ratio by ${d}`, percent: false, referenceLine: { value: 0.8, label: "4/5" } },
    );
    const ref = rows.find((r) => r.referenceGroup === r.group);
    const refRate = ref?.rate.computable ? ref.rate.value : null;
    if (refRate !== null)
      figures.push(...intervalChartFigures(ratios, (label) => ({ ...at(label), scale: refRate }), 2));
    svgs.push(rates, ratios);
  }
  if (report.representation) {
    const svg = renderRepresentationChart(report.representation, { title: "Representation" });
    svgs.push(svg);
    figures.push(...representationChartFigures(svg, report.representation[0]?.dimension ?? "gender"));
  }
  return { svgs, figures };
}
