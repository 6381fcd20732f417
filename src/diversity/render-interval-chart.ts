import { z } from "zod";
import { parseWith } from "../_lib/parse.js";
import { axis, COLOURS, INK, MUTED, n, niceMax, percent, svgDocument, xml } from "./_svg.js";
import { hiddenGroups } from "./_small-groups.js";
import { Metric } from "./schema.js";

const Item = z.object({
  label: z.string(),
  value: Metric,
  /** People behind the value (a share row's `count`, a parity row's `outcome`): checked against the threshold. */
  count: z.number().int().nonnegative(),
  /** The group the value is a proportion of (a share row's `denominator`, a parity row's `among`), when there is one. */
  denominator: z.number().int().nonnegative().optional(),
});
const Options = z.object({
  title: z.string().min(1),
  /** Longer text for screen readers; default generated from the values. */
  description: z.string().optional(),
  /** Values are proportions shown as percentages (default true); false for ratios. */
  percent: z.boolean().default(true),
  /** A reference line (e.g. 1 for parity of a ratio, 0.8 for the four-fifths rule). */
  referenceLine: z.object({ value: z.number(), label: z.string() }).optional(),
  /**
   * Groups with a count or denominator from 1 to threshold - 1 are not drawn ("secret statistique"), nor,
   * among items sharing a denominator, the smallest other one when a single one is hidden. Default 11.
   */
  threshold: z.number().int().min(1).default(11),
  width: z.number().min(240).default(640),
  id: z.string().default("declics-interval-chart"),
});

/** One bar: a label and a metric (estimate with interval, or not computable). */
export type IntervalChartItem = z.input<typeof Item>;
/** Options of {@link renderIntervalChart}. */
export type RenderIntervalChartOptions = z.input<typeof Options>;

/**
 * A standalone SVG bar chart with confidence intervals (horizontal bars, whiskers for the interval).
 * A metric that is not computable is drawn as a labelled gap ("n.c." with its reason), never as zero.
 * Small groups are not drawn either: an item whose `count` or `denominator` is from 1 to `threshold - 1`
 * shows "secret statistique" with no bar, no interval and no value (the axis is scaled without it), and
 * so does the smallest other item sharing its denominator when it is the only one hidden (shares of a
 * whole add up to 1). Accessible: `role="img"` with a `<title>` and a `<desc>` listing every value and
 * interval.
 *
 * @param items - one per bar: `{ label, value, count, denominator? }` where value is a metric (e.g. a share row's `share`, `count` and `denominator`)
 * @param options - `title`, `description`, `percent` (default true), `referenceLine`, `threshold` (default 11), `width`, `id`
 * @returns the SVG document as a string
 * @throws {DeclicsError} `invalid_input` for bad items or options
 * @example
 * ```ts
 * renderIntervalChart(shares.map((r) => ({ label: r.gender ?? "", value: r.share, count: r.count, denominator: r.denominator })), { title: "Participants by gender" });
 * // => '<?xml version="1.0" encoding="UTF-8"?>\n<svg ...'
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
  const hidden = hiddenGroups(list, o.threshold);
  const anyHidden = hidden.some(Boolean);
  const height = top + list.length * (bar + gap) + 40 + (anyHidden ? 16 : 0);
  let max = o.referenceLine?.value ?? 0;
  list.forEach((item, k) => {
    // A hidden item must not stretch the axis either: its scale would bound the value.
    if (item.value.computable && !hidden[k]) max = Math.max(max, item.value.upper, item.value.value);
  });
  max = o.percent ? Math.min(1, niceMax(max)) : niceMax(max);
  const x = (v: number): number => x0 + (plotWidth * Math.max(0, Math.min(v, max))) / max;
  const bottom = top + list.length * (bar + gap);
  const body = axis(x0, plotWidth, top - 6, bottom, max, (v) => (o.percent ? percent(v, 0) : v.toFixed(2)));
  const described: string[] = [];
  list.forEach((item, k) => {
    const y = top + k * (bar + gap);
    body.push(`<text x="${n(x0 - 8)}" y="${n(y + bar / 2 + 4)}" text-anchor="end" fill="${INK}">${xml(item.label)}</text>`);
    const m = item.value;
    if (hidden[k]) {
      body.push(`<rect x="${n(x0)}" y="${n(y)}" width="${n(plotWidth / 3)}" height="${bar}" fill="none" stroke="${MUTED}" stroke-dasharray="2 3"/>`);
      body.push(`<text x="${n(x0 + 6)}" y="${n(y + bar / 2 + 4)}" fill="${MUTED}">secret statistique</text>`);
      described.push(`${item.label}: secret statistique (not shown)`);
      return;
    }
    if (!m.computable) {
      body.push(`<rect x="${n(x0)}" y="${n(y)}" width="${n(plotWidth / 3)}" height="${bar}" fill="none" stroke="${MUTED}" stroke-dasharray="4 3"/>`);
      body.push(`<text x="${n(x0 + 6)}" y="${n(y + bar / 2 + 4)}" fill="${MUTED}">n.c. (${xml(m.reason.replace(/_/g, " "))})</text>`);
      described.push(`${item.label}: not computable (${m.message})`);
      return;
    }
    body.push(`<rect x="${n(x0)}" y="${n(y)}" width="${n(x(m.value) - x0)}" height="${bar}" fill="${COLOURS[0]}" fill-opacity="0.75"/>`);
    const cy = y + bar / 2;
    body.push(`<line x1="${n(x(m.lower))}" y1="${n(cy)}" x2="${n(x(m.upper))}" y2="${n(cy)}" stroke="${INK}" stroke-width="1.5"/>`);
    for (const v of [m.lower, m.upper]) body.push(`<line x1="${n(x(v))}" y1="${n(cy - 6)}" x2="${n(x(v))}" y2="${n(cy + 6)}" stroke="${INK}" stroke-width="1.5"/>`);
    body.push(`<text x="${n(x0 + plotWidth + 8)}" y="${n(cy + 4)}" fill="${INK}">${xml(fmt(m.value))}</text>`);
    described.push(`${item.label}: ${fmt(m.value)} (${Math.round(m.confidence * 100)} % interval ${fmt(m.lower)} to ${fmt(m.upper)})`);
  });
  if (o.referenceLine) {
    const rx = x(o.referenceLine.value);
    body.push(`<line x1="${n(rx)}" y1="${n(top - 10)}" x2="${n(rx)}" y2="${n(bottom)}" stroke="${COLOURS[1]}" stroke-width="2" stroke-dasharray="6 3"/>`);
    body.push(`<text x="${n(rx + 4)}" y="${n(top - 12)}" fill="${COLOURS[1]}">${xml(o.referenceLine.label)}</text>`);
  }
  const ci = list.find((i, k) => i.value.computable && !hidden[k]);
  body.push(`<text x="16" y="${n(height - 8)}" fill="${MUTED}" font-size="11">Bars: estimate; whiskers: ${ci && ci.value.computable ? `${Math.round(ci.value.confidence * 100)} % confidence interval (${xml(ci.value.method.replace(/_/g, " "))})` : "confidence interval"}. n.c.: not computable.</text>`);
  if (anyHidden) body.push(`<text x="16" y="${n(height - 24)}" fill="${MUTED}" font-size="11">Secret statistique: groups of fewer than ${o.threshold} people are not shown (nor one that would reveal them).</text>`);
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described.join("; "), body);
}
