import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { wellFormedProblems } from "../../test/support/well-formed.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeShares } from "./compute-shares.js";
import { renderFunnelChart } from "./render-funnel-chart.js";
import { renderIntervalChart, type IntervalChartItem } from "./render-interval-chart.js";
import { renderRepresentationChart } from "./render-representation-chart.js";
import type { Metric } from "./schema.js";

const records = syntheticParticipants(300, createSeededRandom(42));
const reference = { id: "qpv", label: "QPV", source: "test", shares: { gender: { female: 0.516, male: 0.484 } } };
const report = computeDiversityReport(records, {
  referenceDate: "2021-01-01",
  representation: { dimension: "gender", reference },
});
const published = (value: number) => ({ status: "published" as const, value });
const estimate = (value: number, lower = value - 0.05, upper = value + 0.05): Metric => ({
  computable: true,
  value,
  lower,
  upper,
  confidence: 0.95,
  method: "wilson",
});

function throwsInvalidInput(f: () => unknown): void {
  let caught: unknown;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  expect(isDeclicsError(caught, "invalid_input")).toBe(true);
}

describe("the three charts, drawn from the protected report", () => {
  it("the well-formedness check catches broken XML", () => {
    expect(wellFormedProblems("<svg><g></svg>")).not.toEqual([]);
    expect(wellFormedProblems('<svg a="1" a="2"/>')).not.toEqual([]);
    expect(wellFormedProblems("<svg>a & b</svg>")).not.toEqual([]);
    expect(wellFormedProblems("<svg>a \u0001 b</svg>")).not.toEqual([]);
    expect(wellFormedProblems('<svg x="1"><text>a &amp; b</text></svg>')).toEqual([]);
  });

  it("interval chart of the report's shares: hidden rows say secret statistique, with no bar, no value", () => {
    const rows = report.shares.gender ?? [];
    expect(rows.some((r) => r.count.status === "suppressed")).toBe(true);
    const svg = renderIntervalChart(
      rows.map((r) => ({ label: r.gender ?? "", value: r.share, count: r.count, denominator: r.denominator })),
      { title: "Women & men" },
    );
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toMatch(/role="img" aria-labelledby="declics-interval-chart-title declics-interval-chart-desc"/);
    expect(svg).toContain('<title id="declics-interval-chart-title">Women &amp; men</title>');
    for (const r of rows) {
      if (r.count.status === "suppressed") expect(svg).toContain(`${r.gender}: secret statistique (not shown)`);
      else if (r.share.computable) expect(svg).toContain(`${r.gender}: ${(r.share.value * 100).toFixed(1)} %`);
    }
    expect(svg).toContain("Secret statistique: figures the protected report hides are not shown.");
  });

  it("interval chart: a metric not computable for another reason is n.c., never zero", () => {
    const svg = renderIntervalChart(
      [
        {
          label: "empty & <odd>",
          value: { computable: false, reason: "empty_group", message: "the group has no participant" },
          count: published(0),
        },
      ],
      { title: "t" },
    );
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toContain("n.c. (empty group)");
    expect(svg).toMatch(/<desc[^>]*>[^<]*empty &amp; &lt;odd&gt;: not computable/);
  });

  it("regression: exact results (bare counts) are refused; only the report's protected rows are drawn", () => {
    const exact = computeShares(records, { by: ["gender"] });
    throwsInvalidInput(() =>
      renderIntervalChart(
        exact.map((r) => ({
          label: r.gender ?? "",
          value: r.share,
          count: r.count,
          denominator: r.denominator,
        })) as unknown as IntervalChartItem[],
        { title: "t" },
      ),
    );
    throwsInvalidInput(() => renderFunnelChart(computeFunnel(records, { by: ["gender"] }) as never, { title: "t" }));
  });

  it("regression: the interval chart drew negative values as zero; a negative difference is drawn left of the zero line", () => {
    const svg = renderIntervalChart(
      [
        { label: "gap", value: estimate(-0.2, -0.3, -0.1) },
        { label: "other", value: estimate(0.1, 0.05, 0.15) },
      ],
      { title: "Differences", percent: false },
    );
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toContain(">-0.20</text>");
    const zero = /<line x1="([\d.]+)"[^>]*stroke="#1f1f1f" stroke-width="1"\/>/.exec(svg);
    expect(zero).not.toBeNull();
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="22" fill="#0072B2"/g)].map(
      (m) => [Number(m[1]), Number(m[2])] as const,
    );
    const x0 = Number(zero?.[1]);
    // The negative bar ends at zero and has a positive width; the positive one starts at zero.
    expect(bars[0]?.[1]).toBeGreaterThan(0);
    expect((bars[0]?.[0] ?? 0) + (bars[0]?.[1] ?? 0)).toBeCloseTo(x0, 0);
    expect(bars[1]?.[0]).toBeCloseTo(x0, 0);
  });

  it("regression: renderFunnelChart(report.funnels.gender) printed [object Object]; it draws the published counts and hides the rest", () => {
    const funnel = report.funnels.gender;
    if (!funnel) throw new Error("no funnel");
    const svg = renderFunnelChart(funnel, { title: "Funnel" });
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).not.toContain("[object Object]");
    expect(svg).toContain("gender female (");
    for (const row of funnel.rows) {
      if (row.reached.status === "suppressed") continue;
      expect(svg).toContain(`>${row.reached.value}`);
    }
    expect(funnel.rows.some((r) => r.reached.status === "suppressed")).toBe(true);
    expect(svg).toContain("secret statistique");
    // The marker of the step lost most is drawn only where the report publishes it.
    for (const g of funnel.groups)
      if (!("from" in g.lostMost)) expect(svg).not.toMatch(new RegExp(`gender ${g.gender}:[^.]*lost most before`));
  });

  it("representation chart: participants against the reference, hidden categories as secret statistique", () => {
    const rows = report.representation ?? [];
    const svg = renderRepresentationChart(rows, { title: "QPV", referenceLabel: "QPV residents" });
    expect(wellFormedProblems(svg)).toEqual([]);
    for (const r of rows) {
      if (r.count.status === "suppressed") expect(svg).toContain(`${r.category}: secret statistique (not shown)`);
      else if (r.share.computable)
        expect(svg).toContain(`${r.category}: ${(r.share.value * 100).toFixed(1)} % of participants`);
    }
    expect(svg).toContain("ratio: secret statistique");
  });

  it("property: any labels and titles give well-formed SVG", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 5 }),
        (title, labels) => {
          fc.pre(title.length > 0);
          const items = labels.map((label, k) => ({
            label,
            value: estimate(k / 10 - 0.1, k / 10 - 0.2, 0.9),
            count: published(3 * k),
          }));
          expect(wellFormedProblems(renderIntervalChart(items, { title }))).toEqual([]);
          const parity = report.parity.gender ?? [];
          expect(
            wellFormedProblems(
              renderIntervalChart(
                parity.map((r) => ({
                  label: (labels[0] ?? "") + r.group,
                  value: r.ratio,
                  count: r.outcome,
                  denominator: r.among,
                })),
                { title: "p", percent: false, referenceLine: { value: 0.8, label: title } },
              ),
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
