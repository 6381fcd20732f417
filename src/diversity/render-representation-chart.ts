import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { axis, COLOURS, INK, MUTED, n, niceMax, percent, svgDocument } from "./_svg.js";
import { escapeXml } from "../_lib/svg.js";
import { isHiddenFigure } from "./_chart-secret.js";
import type { ReportRepresentationRow } from "./compute-diversity-report.js";
import { Metric, ProtectedCell } from "./schema.js";

/** A report's representation rows: counts are protected cells (exact rows, with bare numbers, are refused). */
const Rows = z.array(
  z.looseObject({
    category: z.string(),
    count: ProtectedCell,
    participants: ProtectedCell,
    share: Metric,
    ratio: Metric,
    referenceShare: z.number().nullable(),
  }),
);

const Options = z.object({
  title: z.string().min(1),
  description: z.string().optional(),
  /** Label of the reference population in the legend (e.g. "QPV residents"). */
  referenceLabel: z.string().default("reference population"),
  width: z.number().min(320).default(680),
  id: z.string().default("declics-representation-chart"),
});

/** Options of {@link renderRepresentationChart}. */
export type RenderRepresentationChartOptions = z.input<typeof Options>;

/**
 * A standalone SVG chart of representation against a reference population, drawn from a protected
 * report's `representation` rows: for each category, the share among participants (bar with its
 * interval) and the share in the reference population (a diamond), with the representation ratio
 * written beside. Accessible (`<title>`, `<desc>` with every figure). It draws only what the report
 * publishes: a category whose count or share the report hides shows "secret statistique" with no bar,
 * no interval and no ratio (only the public reference share).
 *
 * @param rows - the `representation` rows of {@link computeDiversityReport}
 * @param options - `title`, `description`, `referenceLabel`, `width`, `id`
 * @returns the SVG document as a string
 * @throws {DeclicsError} `invalid_input` for bad options or rows that are not a report's (exact counts are refused)
 * @example
 * ```ts
 * import { computeDiversityReport, parseParticipantRecords, parseReferencePopulations, renderRepresentationChart } from "declics/diversity";
 *
 * const [reference] = parseReferencePopulations([
 *   { id: "QP031007", label: "Grand Mirail", source: "INSEE 2015", population: 31691, shares: { gender: { female: 0.516, male: 0.484 } } },
 * ]);
 * const qpv = parseParticipantRecords(
 *   Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, gender: i < 30 ? "female" : "male", ageBand: "26_49", territoryKind: "qpv", stages: [] })),
 * );
 * const report = computeDiversityReport(qpv, { dimensions: ["gender"], representation: { dimension: "gender", reference: reference! } });
 * const svg = renderRepresentationChart(report.representation ?? [], { title: "Women and men", referenceLabel: "QPV residents" });
 * svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'); // => true
 * ```
 * @category Charts
 */
export function renderRepresentationChart(
  rows: readonly ReportRepresentationRow[],
  options: RenderRepresentationChartOptions,
): string {
  // Validated for its shape (protected counts, not bare numbers); the rows are then read as given.
  parseWith(Rows, rows, { module: "diversity", what: "report representation rows" });
  const o = parseWith(Options, options, { module: "diversity", what: "chart options" });
  const x0 = 150;
  const plotWidth = o.width - x0 - 170;
  const bar = 22;
  const gap = 16;
  const top = 64;
  const bottom = top + rows.length * (bar + gap);
  const hidden = rows.map((r) => isHiddenFigure(r.share, r.count, r.participants));
  const anyHidden = hidden.some(Boolean);
  const height = bottom + 44 + (anyHidden ? 16 : 0);
  let max = 0;
  rows.forEach((r, k) => {
    // A hidden share must not stretch the axis either.
    if (r.share.computable && !hidden[k]) max = Math.max(max, r.share.upper);
    if (r.referenceShare !== null) max = Math.max(max, r.referenceShare);
  });
  max = Math.min(1, niceMax(max));
  const x = (v: number): number => x0 + (plotWidth * Math.max(0, Math.min(v, max))) / max;
  const body = axis(x0, plotWidth, top - 6, bottom, max, (v) => percent(v, 0));
  body.push(`<rect x="16" y="36" width="12" height="12" fill="${COLOURS[0]}" fill-opacity="0.75"/>`);
  body.push(`<text x="34" y="46" fill="${INK}">participants (with interval)</text>`);
  body.push(`<path d="M ${n(226)} 42 l 6 -6 l 6 6 l -6 6 z" fill="${COLOURS[1]}"/>`);
  body.push(`<text x="244" y="46" fill="${INK}">${escapeXml(o.referenceLabel)}</text>`);
  const described: string[] = [];
  rows.forEach((r, k) => {
    const y = top + k * (bar + gap);
    const cy = y + bar / 2;
    body.push(
      `<text x="${n(x0 - 8)}" y="${n(cy + 4)}" text-anchor="end" fill="${INK}">${escapeXml(r.category)}</text>`,
    );
    if (hidden[k]) {
      body.push(`<text x="${n(x0 + 6)}" y="${n(cy + 4)}" fill="${MUTED}">secret statistique</text>`);
    } else if (r.share.computable) {
      const s = r.share;
      body.push(
        `<rect x="${n(x0)}" y="${n(y)}" width="${n(x(s.value) - x0)}" height="${bar}" fill="${COLOURS[0]}" fill-opacity="0.75"/>`,
      );
      body.push(
        `<line x1="${n(x(s.lower))}" y1="${n(cy)}" x2="${n(x(s.upper))}" y2="${n(cy)}" stroke="${INK}" stroke-width="1.5"/>`,
      );
      for (const v of [s.lower, s.upper])
        body.push(
          `<line x1="${n(x(v))}" y1="${n(cy - 6)}" x2="${n(x(v))}" y2="${n(cy + 6)}" stroke="${INK}" stroke-width="1.5"/>`,
        );
    } else {
      body.push(
        `<text x="${n(x0 + 6)}" y="${n(cy + 4)}" fill="${MUTED}">n.c. (${escapeXml(r.share.reason.replace(/_/g, " "))})</text>`,
      );
    }
    if (r.referenceShare !== null) {
      const rx = x(r.referenceShare);
      body.push(
        `<path d="M ${n(rx - 7)} ${n(cy)} l 7 -7 l 7 7 l -7 7 z" fill="${COLOURS[1]}" stroke="#ffffff" stroke-width="1"/>`,
      );
    }
    const ratio =
      hidden[k] || isHiddenFigure(r.ratio)
        ? "ratio: secret statistique"
        : r.ratio.computable
          ? `ratio ${r.ratio.value.toFixed(2)} [${r.ratio.lower.toFixed(2)}; ${r.ratio.upper.toFixed(2)}]`
          : `ratio n.c. (${r.ratio.reason.replace(/_/g, " ")})`;
    body.push(
      `<text x="${n(x0 + plotWidth + 10)}" y="${n(cy + 4)}" fill="${INK}" font-size="11">${escapeXml(ratio)}</text>`,
    );
    described.push(rowSentence(r, hidden[k] === true, o.referenceLabel, ratio));
  });
  const conf = rows.find((r, k) => r.share.computable && !hidden[k])?.share;
  if (anyHidden)
    body.push(
      `<text x="16" y="${n(height - 26)}" fill="${MUTED}" font-size="11">Secret statistique: figures the protected report hides are not shown.</text>`,
    );
  const intervals = conf && conf.computable ? `; ${Math.round(conf.confidence * 100)} % intervals` : "";
  const ratioNote = `Ratio: share among participants / share in the ${escapeXml(o.referenceLabel)} (1 = parity)${intervals}.`;
  body.push(`<text x="16" y="${n(height - 10)}" fill="${MUTED}" font-size="11">${ratioNote}</text>`);
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described.join("; "), body);
}

/** A row of the description: the participants' share, the reference share and the ratio, in words. */
function rowSentence(r: ReportRepresentationRow, hidden: boolean, referenceLabel: string, ratio: string): string {
  const share = hidden
    ? "secret statistique (not shown)"
    : r.share.computable
      ? `${percent(r.share.value)} of participants (interval ${percent(r.share.lower)} to ${percent(r.share.upper)})`
      : "share not computable";
  const reference =
    r.referenceShare === null ? "no reference share" : `${percent(r.referenceShare)} of ${referenceLabel}`;
  return `${r.category}: ${share}, ${reference}, ${ratio}`;
}
