import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { axis, COLOURS, INK, MUTED, n, niceMax, percent, svgDocument } from "./_svg.js";
import { escapeXml } from "../_lib/svg.js";
import { isHiddenFigure } from "./_chart-secret.js";
import { Metric, ProtectedCell } from "./schema.js";

const Item = z.object({
  label: z.string(),
  /** The figure as the report publishes it (a share row's `share`, a parity row's `rate` or `ratio`...). */
  value: Metric,
  /** The report's count behind the value (a share row's `count`, a parity row's `outcome`), as published. */
  count: ProtectedCell.optional(),
  /** The report's denominator (a share row's `denominator`, a parity row's `among`), as published. */
  denominator: ProtectedCell.optional(),
});
const Options = z.object({
  title: z.string().min(1),
  /** Longer text for screen readers; default generated from the values. */
  description: z.string().optional(),
  /** Values are proportions shown as percentages (default true); false for ratios and differences. */
  percent: z.boolean().default(true),
  /** A reference line (e.g. 1 for parity of a ratio, 0.8 for the four-fifths rule). */
  referenceLine: z.object({ value: z.number(), label: z.string() }).optional(),
  width: z.number().min(240).default(640),
  id: z.string().default("declics-interval-chart"),
});

/** One bar: a label and a figure of the protected report, with its counts as published. */
export type IntervalChartItem = z.input<typeof Item>;
/** Options of {@link renderIntervalChart}. */
export type RenderIntervalChartOptions = z.input<typeof Options>;

/**
 * A standalone SVG bar chart with confidence intervals (horizontal bars, whiskers for the interval),
 * drawn from the rows of a protected {@link computeDiversityReport} and nothing else: it draws only what
 * the report publishes. An item whose value is hidden (`secret_statistique`) or whose `count` or
 * `denominator` is suppressed shows "secret statistique" with no bar, no interval and no value, and the
 * axis is scaled without it; a metric not computable for another reason is drawn as a labelled gap
 * ("n.c." with its reason), never as zero. Negative values (differences) are drawn left of a zero line.
 * Accessible: `role="img"` with a `<title>` and a `<desc>` listing every value and interval.
 *
 * @param items - one per bar: `{ label, value, count?, denominator? }` taken from a report row (e.g. a share row's `share`, `count` and `denominator`)
 * @param options - `title`, `description`, `percent` (default true), `referenceLine`, `width`, `id`
 * @returns the SVG document as a string
 * @throws {DeclicsError} `invalid_input` for bad items (a count given as a bare number: exact figures are refused) or options
 * @example
 * ```ts
 * import { computeDiversityReport, parseParticipantRecords, renderIntervalChart } from "declics/diversity";
 *
 * const GENDERS = ["female", "male", "female", "male", "male", "female", "male", "other"] as const;
 * const STAGES = ["registered", "assessed", "workshops", "met_training_or_employers", "entered_training", "hired"] as const;
 * const records = parseParticipantRecords(
 *   Array.from({ length: 600 }, (_, i) => ({
 *     id: `p${i}`,
 *     gender: i % 97 === 0 ? "undisclosed" : GENDERS[i % 8]!,
 *     territoryKind: (["qpv", "qpv", "zrr", "qpv", "frr"] as const)[i % 5]!,
 *     ageBand: (["under_26", "26_49", "50_plus"] as const)[i % 3]!,
 *     cohort: i < 320 ? "2020-09" : "2021-01",
 *     stages: [{ stage: STAGES[i % 6]!, on: "2021-03-01" }],
 *   })),
 * ); // 600 participants in two cohorts, built deterministically
 * const report = computeDiversityReport(records, { referenceDate: "2021-01-01" });
 * const svg = renderIntervalChart(
 *   (report.shares.gender ?? []).map((r) => ({ label: r.gender ?? "", value: r.share, count: r.count, denominator: r.denominator })),
 *   { title: "Participants by gender" },
 * );
 * svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'); // => true
 * ```
 * @category Charts
 */
export function renderIntervalChart(items: readonly IntervalChartItem[], options: RenderIntervalChartOptions): string {
  const list = parseWith(z.array(Item), items, { module: "diversity", what: "chart items" });
  const o = parseWith(Options, options, { module: "diversity", what: "chart options" });
  const fmt = (v: number): string => (o.percent ? percent(v) : v.toFixed(2));
  const labelWidth = 150;
  const x0 = 16 + labelWidth;
  const plotWidth = o.width - x0 - 110;
  const bar = 22;
  const gap = 12;
  const top = 48;
  const hidden = list.map((item) => isHiddenFigure(item.value, item.count, item.denominator));
  const anyHidden = hidden.some(Boolean);
  const height = top + list.length * (bar + gap) + 40 + (anyHidden ? 16 : 0);
  let max = Math.max(0, o.referenceLine?.value ?? 0);
  let min = Math.min(0, o.referenceLine?.value ?? 0);
  list.forEach((item, k) => {
    // A hidden item must not stretch the axis either: its scale would bound the value.
    if (item.value.computable && !hidden[k]) {
      max = Math.max(max, item.value.upper, item.value.value);
      min = Math.min(min, item.value.lower, item.value.value);
    }
  });
  // Negative values (differences) get a symmetric axis around zero, never clipped to it.
  const span = o.percent && min === 0 ? Math.min(1, niceMax(max)) : niceMax(Math.max(max, -min));
  const lo = min < 0 ? -span : 0;
  const hi = max > 0 || min === 0 ? span : 0;
  const x = (v: number): number => x0 + (plotWidth * (Math.max(lo, Math.min(v, hi)) - lo)) / (hi - lo);
  const bottom = top + list.length * (bar + gap);
  const body = axis(x0, plotWidth, top - 6, bottom, hi - lo, (v) =>
    o.percent ? percent(v + lo, 0) : (v + lo).toFixed(2),
  );
  if (lo < 0)
    body.push(
      `<line x1="${n(x(0))}" y1="${n(top - 6)}" x2="${n(x(0))}" y2="${n(bottom)}" stroke="${INK}" stroke-width="1"/>`,
    );
  const plot: Plot = { x0, plotWidth, bar, x, fmt };
  const drawn = list.map((item, k) => drawItem(item, hidden[k] === true, top + k * (bar + gap), plot));
  body.push(...drawn.flatMap((d) => d.body));
  const described = drawn.map((d) => d.description);
  if (o.referenceLine) {
    const rx = x(o.referenceLine.value);
    body.push(
      `<line x1="${n(rx)}" y1="${n(top - 10)}" x2="${n(rx)}" y2="${n(bottom)}" stroke="${COLOURS[1]}" stroke-width="2" stroke-dasharray="6 3"/>`,
    );
    body.push(
      `<text x="${n(rx + 4)}" y="${n(top - 12)}" fill="${COLOURS[1]}">${escapeXml(o.referenceLine.label)}</text>`,
    );
  }
  const ci = list.find((i, k) => i.value.computable && !hidden[k]);
  const whiskers =
    ci && ci.value.computable
      ? `${Math.round(ci.value.confidence * 100)} % confidence interval (${escapeXml(ci.value.method.replace(/_/g, " "))})`
      : "confidence interval";
  body.push(
    `<text x="16" y="${n(height - 8)}" fill="${MUTED}" font-size="11">Bars: estimate; whiskers: ${whiskers}. n.c.: not computable.</text>`,
  );
  if (anyHidden)
    body.push(
      `<text x="16" y="${n(height - 24)}" fill="${MUTED}" font-size="11">Secret statistique: figures the protected report hides are not shown.</text>`,
    );
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described.join("; "), body);
}

/** The horizontal geometry shared by every item of the chart. */
interface Plot {
  readonly x0: number;
  readonly plotWidth: number;
  readonly bar: number;
  /** The x coordinate of a value (clamped to the axis). */
  readonly x: (v: number) => number;
  readonly fmt: (v: number) => string;
}

/** One item: its label, then a dashed box (hidden or not computable) or its bar, whiskers and value. */
function drawItem(
  item: z.output<typeof Item>,
  hidden: boolean,
  y: number,
  { x0, plotWidth, bar, x, fmt }: Plot,
): { body: string[]; description: string } {
  const body = [
    `<text x="${n(x0 - 8)}" y="${n(y + bar / 2 + 4)}" text-anchor="end" fill="${INK}">${escapeXml(item.label)}</text>`,
  ];
  const m = item.value;
  const box = (dashes: string): string =>
    `<rect x="${n(x0)}" y="${n(y)}" width="${n(plotWidth / 3)}" height="${bar}" fill="none" stroke="${MUTED}" stroke-dasharray="${dashes}"/>`;
  const note = (text: string): string =>
    `<text x="${n(x0 + 6)}" y="${n(y + bar / 2 + 4)}" fill="${MUTED}">${text}</text>`;
  if (hidden) {
    body.push(box("2 3"), note("secret statistique"));
    return { body, description: `${item.label}: secret statistique (not shown)` };
  }
  if (!m.computable) {
    body.push(box("4 3"), note(`n.c. (${escapeXml(m.reason.replace(/_/g, " "))})`));
    return { body, description: `${item.label}: not computable (${m.message})` };
  }
  const left = Math.min(x(0), x(m.value));
  const width = Math.abs(x(m.value) - x(0));
  body.push(
    `<rect x="${n(left)}" y="${n(y)}" width="${n(width)}" height="${bar}" fill="${COLOURS[0]}" fill-opacity="0.75"/>`,
  );
  const cy = y + bar / 2;
  const stroke = `stroke="${INK}" stroke-width="1.5"`;
  body.push(`<line x1="${n(x(m.lower))}" y1="${n(cy)}" x2="${n(x(m.upper))}" y2="${n(cy)}" ${stroke}/>`);
  for (const v of [m.lower, m.upper])
    body.push(`<line x1="${n(x(v))}" y1="${n(cy - 6)}" x2="${n(x(v))}" y2="${n(cy + 6)}" ${stroke}/>`);
  body.push(`<text x="${n(x0 + plotWidth + 8)}" y="${n(cy + 4)}" fill="${INK}">${escapeXml(fmt(m.value))}</text>`);
  const interval = `${Math.round(m.confidence * 100)} % interval ${fmt(m.lower)} to ${fmt(m.upper)}`;
  return { body, description: `${item.label}: ${fmt(m.value)} (${interval})` };
}
