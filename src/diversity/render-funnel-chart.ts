import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { COLOURS, INK, MUTED, n, percent, svgDocument, svgText } from "./_svg.js";
import { isHiddenFigure, shownCount } from "./_chart-secret.js";
import type { ReportFunnel } from "./compute-diversity-report.js";
import { Metric, ProtectedCell } from "./schema.js";

/** A report's funnel: its counts are protected cells (exact funnels, with bare numbers, are refused). */
const FunnelSchema = z.object({
  rows: z.array(
    z.looseObject({
      stage: z.string(),
      reached: ProtectedCell,
      fromPrevious: Metric,
      fromStart: Metric,
      lost: ProtectedCell,
    }),
  ),
  groups: z.array(
    z.looseObject({
      registered: ProtectedCell,
      lostMost: z.union([Metric, z.looseObject({ from: z.string(), to: z.string() })]),
    }),
  ),
});

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

/** The fields of a funnel row or group that are not its group key. */
const NOT_KEY = new Set(["registered", "lostMost", "stage", "reached", "fromPrevious", "fromStart", "lost"]);

/**
 * A standalone SVG funnel drawn from a protected report's funnel (`report.funnels.gender`): one panel per
 * group, one bar per stage whose length is the share of the group's registered people who reached it,
 * labelled with the count and the conversion from the previous stage; the step where the group is lost
 * most is marked. It draws only what the report publishes: a hidden count, conversion or marker shows
 * "secret statistique" (no bar, no number), so two consecutive bars never give a hidden difference back.
 * Accessible (`<title>`, `<desc>` with every figure).
 *
 * @param funnel - a funnel of {@link computeDiversityReport} (`report.funnels[dimension]`)
 * @param options - `title`, `description`, `stageLabels`, `width`, `id`
 * @returns the SVG document as a string
 * @throws {DeclicsError} `invalid_input` for bad options or a funnel that is not a report's (exact counts are refused)
 * @example
 * ```ts
 * import { computeDiversityReport, parseParticipantRecords, renderFunnelChart } from "declics/diversity";
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
 * const svg = renderFunnelChart(report.funnels.gender!, { title: "Parcours funnel by gender" });
 * svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'); // => true
 * ```
 * @category Charts
 */
export function renderFunnelChart(funnel: ReportFunnel, options: RenderFunnelChartOptions): string {
  const f = parseWith(FunnelSchema, funnel, { module: "diversity", what: "report funnel" }) as ReportFunnel;
  const o = parseWith(Options, options, { module: "diversity", what: "chart options" });
  const stageCount = Object.keys(DEFAULT_LABELS).length;
  const x0 = 190;
  const layout: Layout = { x0, plotWidth: o.width - x0 - 250, labels: { ...DEFAULT_LABELS, ...o.stageLabels } };
  const panelHeight = 26 + stageCount * (BAR + 6) + 14;
  const top = 44;
  const height = top + f.groups.length * panelHeight + 40;
  const panels = f.groups.map((group, g) => drawGroup(f, group, g, top + g * panelHeight, layout));
  const body = panels.flatMap((p) => p.body);
  body.push(`<text x="16" y="${n(height - 22)}" fill="${MUTED}" font-size="11">${FOOTNOTE}</text>`);
  if (panels.some((p) => p.anyHidden))
    body.push(
      svgText(
        16,
        height - 8,
        "Secret statistique: figures the protected report hides are not shown.",
        `fill="${MUTED}" font-size="11"`,
      ),
    );
  const described = panels.map((p) => p.description).join(". ");
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described, body);
}

const BAR = 18;
// Written as is: no markup character to escape, and the apostrophe stays an apostrophe.
const FOOTNOTE =
  "Bar length: share of the group's registered people who reached the stage. Darkest bar: the step with the lowest conversion.";

interface Layout {
  readonly x0: number;
  readonly plotWidth: number;
  readonly labels: Readonly<Record<string, string>>;
}

type FunnelGroup = ReportFunnel["groups"][number];
type FunnelRow = ReportFunnel["rows"][number];

function keyOf(row: object): [string, unknown][] {
  return Object.entries(row).filter(([k]) => !NOT_KEY.has(k));
}

/** One group's panel: its title, one bar per stage, and its sentence of the description. */
function drawGroup(
  f: ReportFunnel,
  group: FunnelGroup,
  g: number,
  y0: number,
  layout: Layout,
): { body: string[]; description: string; anyHidden: boolean } {
  const key = keyOf(group);
  const name = key.map(([k, v]) => `${k} ${String(v)}`).join(", ") || "All participants";
  const registered = shownCount(group.registered);
  const count = registered === null ? "secret statistique" : `${registered} registered`;
  const body = [svgText(16, y0 + 16, `${name} (${count})`, `font-weight="bold" fill="${INK}"`)];
  const rows = f.rows.filter((r) => key.every(([k, v]) => (r as Record<string, unknown>)[k] === v));
  const lostTo = "to" in group.lostMost ? group.lostMost.to : null;
  const colour = COLOURS[g % COLOURS.length] as string;
  const stages = rows.map((row, s) => drawStage(row, s, y0 + 26 + s * (BAR + 6), row.stage === lostTo, colour, layout));
  body.push(...stages.flatMap((st) => st.body));
  const lostMost = lostTo
    ? `; lost most before ${layout.labels[lostTo] ?? lostTo}`
    : isHiddenFigure(group.lostMost as Metric)
      ? "; where it is lost most: secret statistique"
      : "";
  const description = `${name}: ${stages.map((st) => st.part).join(", ")}${lostMost}`;
  return { body, description, anyHidden: stages.some((st) => st.hidden) };
}

/** One stage of a group: its label, its bar (when the share is published) and its count and conversion. */
function drawStage(
  row: FunnelRow,
  s: number,
  y: number,
  lostHere: boolean,
  colour: string,
  { x0, plotWidth, labels }: Layout,
): { body: string[]; part: string; hidden: boolean } {
  const stage = labels[row.stage] ?? row.stage;
  const middle = y + BAR / 2 + 4;
  const body = [svgText(x0 - 8, middle, stage, `text-anchor="end" fill="${INK}"`)];
  const reached = shownCount(row.reached);
  if (reached === null) {
    body.push(
      svgText(x0 + plotWidth / 2, middle, "secret statistique", `text-anchor="middle" fill="${MUTED}" font-size="11"`),
    );
    return { body, part: `${stage} secret statistique`, hidden: true };
  }
  // Centred bars give the funnel shape; a bar needs the share of registered people, published.
  if (row.fromStart.computable) {
    const w = plotWidth * row.fromStart.value;
    const geometry = `x="${n(x0 + (plotWidth - w) / 2)}" y="${n(y)}" width="${n(Math.max(w, 0.5))}" height="${BAR}"`;
    body.push(`<rect ${geometry} fill="${colour}" fill-opacity="${lostHere ? 1 : 0.6}"/>`);
  }
  const conv =
    s === 0
      ? ""
      : row.fromPrevious.computable
        ? ` · ${percent(row.fromPrevious.value, 0)} of previous`
        : isHiddenFigure(row.fromPrevious)
          ? " · secret statistique"
          : " · n.c.";
  const marker = lostHere ? " ◀ lost most" : "";
  body.push(
    svgText(
      x0 + plotWidth + 8,
      middle,
      `${reached}${conv}${marker}`,
      `fill="${lostHere ? INK : MUTED}" font-size="11"`,
    ),
  );
  const ofPrevious =
    s > 0 && row.fromPrevious.computable ? ` (${percent(row.fromPrevious.value)} of previous stage)` : "";
  return { body, part: `${stage} ${reached}${ofPrevious}`, hidden: false };
}
