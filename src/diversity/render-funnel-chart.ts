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
 * figure).
 *
 * @param funnel - the result of {@link computeFunnel}
 * @param options - `title`, `description`, `stageLabels`, `width`, `id`
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
  const height = top + funnel.groups.length * panelHeight + 24;
  const body: string[] = [];
  const described: string[] = [];
  const groupName = (key: object): string =>
    Object.entries(key)
      .filter(([k]) => !["registered", "lostMost", "stage", "reached", "fromPrevious", "fromStart", "lost"].includes(k))
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(", ") || "All participants";
  funnel.groups.forEach((group, g) => {
    const y0 = top + g * panelHeight;
    const name = groupName(group);
    body.push(`<text x="16" y="${n(y0 + 16)}" font-weight="bold" fill="${INK}">${xml(name)} (${group.registered} registered)</text>`);
    const dims = Object.keys(group).filter((k) => k !== "registered" && k !== "lostMost") as Dimension[];
    const rows = funnel.rows.filter((r) => dims.every((d) => r[d] === group[d]));
    const lostTo = "to" in group.lostMost ? group.lostMost.to : null;
    const parts: string[] = [];
    rows.forEach((row, s) => {
      const y = y0 + 26 + s * (bar + 6);
      const share = row.fromStart.computable ? row.fromStart.value : 0;
      const colour = COLOURS[g % COLOURS.length] as string;
      body.push(`<text x="${n(x0 - 8)}" y="${n(y + bar / 2 + 4)}" text-anchor="end" fill="${INK}">${xml(labels[row.stage] ?? row.stage)}</text>`);
      const w = plotWidth * share;
      // Centred bars give the funnel shape.
      body.push(`<rect x="${n(x0 + (plotWidth - w) / 2)}" y="${n(y)}" width="${n(Math.max(w, 0.5))}" height="${bar}" fill="${colour}" fill-opacity="${row.stage === lostTo ? 1 : 0.6}"/>`);
      const conv = s === 0 ? "" : row.fromPrevious.computable ? ` · ${percent(row.fromPrevious.value, 0)} of previous` : " · n.c.";
      const marker = row.stage === lostTo ? " ◀ lost most" : "";
      body.push(`<text x="${n(x0 + plotWidth + 8)}" y="${n(y + bar / 2 + 4)}" fill="${row.stage === lostTo ? INK : MUTED}" font-size="11">${row.reached}${xml(conv)}${xml(marker)}</text>`);
      parts.push(`${labels[row.stage] ?? row.stage} ${row.reached}${s > 0 && row.fromPrevious.computable ? ` (${percent(row.fromPrevious.value)} of previous stage)` : ""}`);
    });
    described.push(`${name}: ${parts.join(", ")}${lostTo ? `; lost most before ${labels[lostTo] ?? lostTo}` : ""}`);
  });
  body.push(`<text x="16" y="${n(height - 8)}" fill="${MUTED}" font-size="11">Bar length: share of the group's registered people who reached the stage. Darkest bar: the step with the lowest conversion.</text>`);
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described.join(". "), body);
}
