import { z } from "zod";
import { parseWith } from "../_lib/parse.js";
import { COLOURS, INK, MUTED, n, percent, svgDocument, xml } from "./_svg.js";
import type { Funnel } from "./compute-funnel.js";
import type { Dimension } from "./schema.js";

const Options = z.object({
  title: z.string().min(1),
  description: z.string().optional(),
  /** Stage labels shown (default English labels). */
  stageLabels: z.record(z.string(), z.string()).optional(),
  /**
   * Counts from 1 to threshold - 1 are not drawn (bar hidden, "fewer than N" written), nor the conversions
   * that involve them; a group with fewer registered people is not drawn at all. Default 11 (INSEE
   * practice); 1 shows everything (for internal use only).
   */
  threshold: z.number().int().min(1).default(11),
  width: z.number().min(480).default(760),
  id: z.string().default("declics-funnel-chart"),
});

/** Options of {@link renderFunnelChart}. */
export type RenderFunnelChartOptions = z.input<typeof Options>;

const DEFAULT_LABELS: Record<string, string> = {
  registered: "Registered",
  assessed: "Assessed",
  workshops: "Workshops",
  met_training_or_employers: "Met training / employers",
  entered_training: "Entered training",
  hired: "Hired",
};

/**
 * A standalone SVG funnel: one panel per group, one bar per stage whose length is the share of the
 * group's registered people who reached it, labelled with the count and the conversion from the previous
 * stage; the step where the group is lost most is marked. Accessible (`<title>`, `<desc>` with every
 * figure). Small counts are not drawn (see `threshold`), so the chart can be published.
 *
 * @param funnel - the result of {@link computeFunnel}
 * @param options - `title`, `description`, `stageLabels`, `threshold` (default 11), `width`, `id`
 * @returns the SVG document as a string
 * @throws {DeclicsError} `invalid_input` for bad options
 * @example
 * ```ts
 * renderFunnelChart(computeFunnel(records, { by: ["gender"] }), { title: "Parcours funnel by gender" });
 * // => '<?xml version="1.0" encoding="UTF-8"?>\n<svg ...'
 * ```
 * @category Charts
 */
export function renderFunnelChart(funnel: Funnel, options: RenderFunnelChartOptions): string {
  const o = parseWith(Options, options, { module: "diversity", what: "chart options" });
  const labels = { ...DEFAULT_LABELS, ...o.stageLabels };
  const stageCount = Object.keys(DEFAULT_LABELS).length;
  const x0 = 190;
  const plotWidth = o.width - x0 - 250;
  const bar = 18;
  const panelHeight = 26 + stageCount * (bar + 6) + 14;
  const top = 44;
  const small = (count: number): boolean => count > 0 && count < o.threshold;
  const heights = funnel.groups.map((g) => (small(g.registered) ? 56 : panelHeight));
  const offsets = heights.map((_, g) => top + heights.slice(0, g).reduce((a, b) => a + b, 0));
  const height = top + heights.reduce((a, b) => a + b, 0) + 40;
  const body: string[] = [];
  const described: string[] = [];
  const groupName = (key: object): string =>
    Object.entries(key)
      .filter(([k]) => !["registered", "lostMost", "stage", "reached", "fromPrevious", "fromStart", "lost"].includes(k))
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(", ") || "All participants";
  funnel.groups.forEach((group, g) => {
    const y0 = offsets[g] as number;
    const name = groupName(group);
    if (small(group.registered)) {
      body.push(`<text x="16" y="${n(y0 + 16)}" font-weight="bold" fill="${INK}">${xml(name)}</text>`);
      body.push(`<text x="16" y="${n(y0 + 40)}" fill="${MUTED}">Fewer than ${o.threshold} registered people: not shown, to protect them.</text>`);
      described.push(`${name}: fewer than ${o.threshold} registered people, not shown`);
      return;
    }
    body.push(`<text x="16" y="${n(y0 + 16)}" font-weight="bold" fill="${INK}">${xml(name)} (${group.registered} registered)</text>`);
    const dims = Object.keys(group).filter((k) => k !== "registered" && k !== "lostMost") as Dimension[];
    const rows = funnel.rows.filter((r) => dims.every((d) => r[d] === group[d]));
    const reachedOf = new Map(rows.map((r) => [r.stage, r.reached]));
    let lostTo = "to" in group.lostMost ? group.lostMost.to : null;
    if ("from" in group.lostMost && (small(reachedOf.get(group.lostMost.from) ?? 0) || small(reachedOf.get(group.lostMost.to) ?? 0))) lostTo = null;
    const parts: string[] = [];
    rows.forEach((row, s) => {
      const y = y0 + 26 + s * (bar + 6);
      const share = row.fromStart.computable ? row.fromStart.value : 0;
      const colour = COLOURS[g % COLOURS.length] as string;
      body.push(`<text x="${n(x0 - 8)}" y="${n(y + bar / 2 + 4)}" text-anchor="end" fill="${INK}">${xml(labels[row.stage] ?? row.stage)}</text>`);
      const hidden = small(row.reached);
      const previousHidden = s > 0 && small(rows[s - 1]?.reached ?? 0);
      if (hidden) {
        body.push(`<text x="${n(x0 + plotWidth / 2)}" y="${n(y + bar / 2 + 4)}" text-anchor="middle" fill="${MUTED}" font-size="11">fewer than ${o.threshold}</text>`);
        parts.push(`${labels[row.stage] ?? row.stage} fewer than ${o.threshold}`);
        return;
      }
      const w = plotWidth * share;
      // Centred bars give the funnel shape.
      body.push(`<rect x="${n(x0 + (plotWidth - w) / 2)}" y="${n(y)}" width="${n(Math.max(w, 0.5))}" height="${bar}" fill="${colour}" fill-opacity="${row.stage === lostTo ? 1 : 0.6}"/>`);
      const conv = s === 0 || previousHidden ? "" : row.fromPrevious.computable ? ` · ${percent(row.fromPrevious.value, 0)} of previous` : " · n.c.";
      const marker = row.stage === lostTo ? " ◀ lost most" : "";
      body.push(`<text x="${n(x0 + plotWidth + 8)}" y="${n(y + bar / 2 + 4)}" fill="${row.stage === lostTo ? INK : MUTED}" font-size="11">${row.reached}${xml(conv)}${xml(marker)}</text>`);
      parts.push(`${labels[row.stage] ?? row.stage} ${row.reached}${s > 0 && !previousHidden && row.fromPrevious.computable ? ` (${percent(row.fromPrevious.value)} of previous stage)` : ""}`);
    });
    described.push(`${name}: ${parts.join(", ")}${lostTo ? `; lost most before ${labels[lostTo] ?? lostTo}` : ""}`);
  });
  body.push(`<text x="16" y="${n(height - 22)}" fill="${MUTED}" font-size="11">Bar length: share of the group's registered people who reached the stage. Darkest bar: the step with the lowest conversion.</text>`);
  body.push(`<text x="16" y="${n(height - 8)}" fill="${MUTED}" font-size="11">Counts under ${o.threshold} are not shown.</text>`);
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described.join(". "), body);
}
