import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { COLOURS, INK, MUTED, n, percent, svgDocument, xml } from "./_svg.js";
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
  const labels = { ...DEFAULT_LABELS, ...o.stageLabels };
  const stageCount = Object.keys(DEFAULT_LABELS).length;
  const x0 = 190;
  const plotWidth = o.width - x0 - 250;
  const bar = 18;
  const panelHeight = 26 + stageCount * (bar + 6) + 14;
  const top = 44;
  const height = top + f.groups.length * panelHeight + 40;
  const body: string[] = [];
  const described: string[] = [];
  const keyOf = (row: object): [string, unknown][] => Object.entries(row).filter(([k]) => !NOT_KEY.has(k));
  const groupName = (key: object): string =>
    keyOf(key)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(", ") || "All participants";
  let anyHidden = false;
  f.groups.forEach((group, g) => {
    const y0 = top + g * panelHeight;
    const name = groupName(group);
    const registered = shownCount(group.registered);
    body.push(
      `<text x="16" y="${n(y0 + 16)}" font-weight="bold" fill="${INK}">${xml(name)} (${registered === null ? "secret statistique" : `${registered} registered`})</text>`,
    );
    const key = keyOf(group);
    const rows = f.rows.filter((r) => key.every(([k, v]) => (r as Record<string, unknown>)[k] === v));
    const lostTo = "to" in group.lostMost ? group.lostMost.to : null;
    const parts: string[] = [];
    rows.forEach((row, s) => {
      const y = y0 + 26 + s * (bar + 6);
      const colour = COLOURS[g % COLOURS.length] as string;
      const stage = labels[row.stage] ?? row.stage;
      body.push(
        `<text x="${n(x0 - 8)}" y="${n(y + bar / 2 + 4)}" text-anchor="end" fill="${INK}">${xml(stage)}</text>`,
      );
      const reached = shownCount(row.reached);
      if (reached === null) {
        anyHidden = true;
        body.push(
          `<text x="${n(x0 + plotWidth / 2)}" y="${n(y + bar / 2 + 4)}" text-anchor="middle" fill="${MUTED}" font-size="11">secret statistique</text>`,
        );
        parts.push(`${stage} secret statistique`);
        return;
      }
      // Centred bars give the funnel shape; a bar needs the share of registered people, published.
      if (row.fromStart.computable) {
        const w = plotWidth * row.fromStart.value;
        body.push(
          `<rect x="${n(x0 + (plotWidth - w) / 2)}" y="${n(y)}" width="${n(Math.max(w, 0.5))}" height="${bar}" fill="${colour}" fill-opacity="${row.stage === lostTo ? 1 : 0.6}"/>`,
        );
      }
      const conv =
        s === 0
          ? ""
          : row.fromPrevious.computable
            ? ` · ${percent(row.fromPrevious.value, 0)} of previous`
            : isHiddenFigure(row.fromPrevious)
              ? " · secret statistique"
              : " · n.c.";
      const marker = row.stage === lostTo ? " ◀ lost most" : "";
      body.push(
        `<text x="${n(x0 + plotWidth + 8)}" y="${n(y + bar / 2 + 4)}" fill="${row.stage === lostTo ? INK : MUTED}" font-size="11">${reached}${xml(conv)}${xml(marker)}</text>`,
      );
      parts.push(
        `${stage} ${reached}${s > 0 && row.fromPrevious.computable ? ` (${percent(row.fromPrevious.value)} of previous stage)` : ""}`,
      );
    });
    const lostMost = lostTo
      ? `; lost most before ${labels[lostTo] ?? lostTo}`
      : isHiddenFigure(group.lostMost as Metric)
        ? "; where it is lost most: secret statistique"
        : "";
    described.push(`${name}: ${parts.join(", ")}${lostMost}`);
  });
  body.push(
    `<text x="16" y="${n(height - 22)}" fill="${MUTED}" font-size="11">Bar length: share of the group's registered people who reached the stage. Darkest bar: the step with the lowest conversion.</text>`,
  );
  if (anyHidden)
    body.push(
      `<text x="16" y="${n(height - 8)}" fill="${MUTED}" font-size="11">Secret statistique: figures the protected report hides are not shown.</text>`,
    );
  return svgDocument(o.id, o.width, height, o.title, o.description ?? described.join(". "), body);
}
