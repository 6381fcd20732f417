/**
 * What a reader reads off a published SVG chart, for the disclosure attack: the numbers it SHOWS (text
 * labels and bar lengths), not the data it was drawn from. Written independently of src/diversity: it
 * parses the SVG text only. Percentages are rounded on the chart, so they come back as ranges.
 */

/** A figure read off a chart: an exact count, or a proportion known to lie in [lo, hi]. */
export type ChartFigure =
  | { readonly kind: "count"; readonly key: string; readonly value: number }
  | { readonly kind: "ratio"; readonly num: string; readonly den: string; readonly lo: number; readonly hi: number };

interface Element {
  readonly tag: string;
  readonly attrs: Record<string, string>;
  readonly text: string;
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** The drawing elements of an SVG document, in order (text content unescaped). */
export function elementsOf(svg: string): Element[] {
  const out: Element[] = [];
  const re = /<(text|rect|line|path|desc|title)\b([^>]*?)(\/>|>([^<]*)<\/\1>)/g;
  for (let m = re.exec(svg); m !== null; m = re.exec(svg)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    out.push({ tag: m[1] as string, attrs, text: unescape(m[4] ?? "") });
  }
  return out;
}

/** Every number written anywhere in a chart's text (labels, desc, title), as a reader sees them. */
export function numbersShown(svg: string): number[] {
  return elementsOf(svg)
    .filter((e) => e.tag === "text" || e.tag === "desc")
    .flatMap((e) => [...e.text.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0])));
}

const STAGE_BY_LABEL: Record<string, string> = {
  Registered: "registered",
  Assessed: "assessed",
  Workshops: "workshops",
  "Met training / employers": "met_training_or_employers",
  "Entered training": "entered_training",
  Hired: "hired",
};
const STAGES = Object.values(STAGE_BY_LABEL);

/** Proportion shown as "12.3 %" with `digits` decimals: the range it stands for. */
function percentRange(text: string, digits: number): [number, number] | null {
  const m = /(-?\d+(?:\.\d+)?) %/.exec(text);
  if (!m) return null;
  const half = 0.5 * 10 ** -digits;
  return [(Number(m[1]) - half) / 100, (Number(m[1]) + half) / 100];
}

/**
 * Figures of a funnel chart of dimension `d`: each panel's registered count, each stage's count, its
 * conversion from the previous stage (rounded percentage) and its bar length (share of registered, to
 * the 0.1 px the file keeps).
 */
export function funnelChartFigures(svg: string, d: string): ChartFigure[] {
  const out: ChartFigure[] = [];
  const els = elementsOf(svg).filter((e) => e.tag === "text" || e.tag === "rect");
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const plotWidth = width - 190 - 250;
  let group: string | null = null;
  let stage: string | null = null;
  for (const e of els) {
    const panel =
      e.tag === "text" && e.attrs["font-weight"] === "bold"
        ? /^(\S+) (.+) \((?:(\d+) registered|secret statistique)\)$/.exec(e.text)
        : null;
    if (panel) {
      group = panel[2] as string;
      if (panel[3] !== undefined)
        out.push({ kind: "count", key: `reached:${d}=${group}:registered`, value: Number(panel[3]) });
      continue;
    }
    if (group === null) continue;
    if (e.tag === "text" && e.attrs["text-anchor"] === "end" && e.text in STAGE_BY_LABEL) {
      stage = STAGE_BY_LABEL[e.text] as string;
      continue;
    }
    if (stage === null) continue;
    const here = `reached:${d}=${group}:${stage}`;
    const s = STAGES.indexOf(stage);
    if (e.tag === "rect" && e.attrs.height !== undefined && e.attrs.width !== undefined) {
      const w = Number(e.attrs.width);
      const barShare = [Math.max(0, (w - 0.05) / plotWidth), (w + 0.05) / plotWidth] as const;
      out.push({ kind: "ratio", num: here, den: `reached:${d}=${group}:registered`, lo: barShare[0], hi: barShare[1] });
      continue;
    }
    const m = e.tag === "text" ? /^(\d+)(?: · (.*))?$/.exec(e.text) : null;
    if (m) {
      out.push({ kind: "count", key: here, value: Number(m[1]) });
      const conv = m[2] === undefined ? null : percentRange(m[2], 0);
      if (conv && s > 0)
        out.push({ kind: "ratio", num: here, den: `reached:${d}=${group}:${STAGES[s - 1]}`, lo: conv[0], hi: conv[1] });
      stage = null;
    }
  }
  return out;
}

/**
 * Figures of an interval chart whose bars are proportions num(label) / den(label): the value written at
 * the end of each bar (a rounded percentage, or a ratio with 2 decimals when `decimals` is given).
 */
export function intervalChartFigures(
  svg: string,
  of: (label: string) => { num: string; den: string; scale?: number } | null,
  decimals?: number,
): ChartFigure[] {
  const out: ChartFigure[] = [];
  const texts = elementsOf(svg).filter((e) => e.tag === "text");
  let label: string | null = null;
  for (const e of texts) {
    if (e.attrs["text-anchor"] === "end") {
      label = e.text;
      continue;
    }
    if (label === null || e.attrs["text-anchor"] !== undefined || e.attrs["font-size"] !== undefined) continue;
    let range: [number, number] | null = null;
    if (decimals === undefined) range = percentRange(e.text, 1);
    else if (/^-?\d+\.\d+$/.test(e.text))
      range = [Number(e.text) - 0.5 * 10 ** -decimals, Number(e.text) + 0.5 * 10 ** -decimals];
    const target = of(label);
    if (range && target) {
      const k = target.scale ?? 1;
      out.push({ kind: "ratio", num: target.num, den: target.den, lo: range[0] * k, hi: range[1] * k });
      label = null;
    }
  }
  return out;
}

/** Figures of a representation chart of dimension `d`: each category's share of participants (rounded percentage). */
export function representationChartFigures(svg: string, d: string): ChartFigure[] {
  const desc = elementsOf(svg).find((e) => e.tag === "desc")?.text ?? "";
  const out: ChartFigure[] = [];
  for (const part of desc.split("; ")) {
    const m = /^(.+?): (-?\d+\.\d) % of participants/.exec(part);
    if (m)
      out.push({
        kind: "ratio",
        num: `${d}=${m[1]}`,
        den: "all",
        lo: (Number(m[2]) - 0.05) / 100,
        hi: (Number(m[2]) + 0.05) / 100,
      });
  }
  return out;
}
