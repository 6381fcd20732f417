import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "./_synthetic.js";
import { wellFormedProblems } from "./_well-formed.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeParity } from "./compute-parity.js";
import { computeRepresentation } from "./compute-representation.js";
import { computeShares } from "./compute-shares.js";
import { renderFunnelChart } from "./render-funnel-chart.js";
import { renderIntervalChart } from "./render-interval-chart.js";
import { renderRepresentationChart } from "./render-representation-chart.js";

const records = syntheticParticipants(300, createSeededRandom(42));
const reference = { id: "qpv", label: "QPV", source: "test", shares: { gender: { female: 0.516, male: 0.484 } } };

describe("the three charts", () => {
  it("the well-formedness check catches broken XML", () => {
    expect(wellFormedProblems("<svg><g></svg>")).not.toEqual([]);
    expect(wellFormedProblems('<svg a="1" a="2"/>')).not.toEqual([]);
    expect(wellFormedProblems("<svg>a & b</svg>")).not.toEqual([]);
    expect(wellFormedProblems("<svg>a \u0001 b</svg>")).not.toEqual([]);
    expect(wellFormedProblems('<svg x="1"><text>a &amp; b</text></svg>')).toEqual([]);
  });

  it("interval chart: well formed, accessible, draws not computable as n.c. not zero", () => {
    const shares = computeShares(records, { by: ["gender"], within: ["gender"] });
    const svg = renderIntervalChart([...shares.map((r) => ({ label: r.gender ?? "", value: r.share })), { label: "empty & <odd>", value: { computable: false, reason: "empty_group", message: "the group has no participant" } }], { title: "Women & men" });
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toMatch(/role="img" aria-labelledby="declics-interval-chart-title declics-interval-chart-desc"/);
    expect(svg).toContain("<title id=\"declics-interval-chart-title\">Women &amp; men</title>");
    expect(svg).toContain("n.c. (empty group)");
    expect(svg).toMatch(/<desc[^>]*>[^<]*empty &amp; &lt;odd&gt;: not computable/);
  });

  it("funnel chart: one panel per group, the worst step named in the description", () => {
    const svg = renderFunnelChart(computeFunnel(records, { by: ["gender"] }), { title: "Funnel" });
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toContain("gender female");
    expect(svg).toMatch(/<desc[^>]*>[^<]*lost most before/);
  });

  it("funnel chart: counts under the threshold are not drawn, small groups not at all", () => {
    const funnel = computeFunnel(records, { by: ["gender"] });
    const svg = renderFunnelChart(funnel, { title: "Funnel" });
    const other = funnel.groups.find((g) => g.gender === "other");
    expect(other && other.registered < 11).toBe(true);
    expect(svg).toContain("gender other: fewer than 11 registered people, not shown");
    for (const row of funnel.rows) {
      if (row.reached > 0 && row.reached < 11) expect(svg).not.toContain(`>${row.reached} · `);
    }
    expect(renderFunnelChart(funnel, { title: "Funnel", threshold: 1 })).not.toContain("not shown, to protect");
  });

  it("representation chart: participants against the reference with the ratio", () => {
    const rows = computeRepresentation(records.filter((r) => r.territoryKind === "qpv"), { dimension: "gender", reference });
    const svg = renderRepresentationChart(rows, { title: "QPV", referenceLabel: "QPV residents" });
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toContain("ratio n.c. (no reference)");
    expect(svg).toMatch(/female: [\d.]+ % of participants/);
  });

  it("property: any labels and titles give well-formed SVG", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 5 }), (title, labels) => {
        fc.pre(title.length > 0);
        const clean = (s: string): string => s;
        const items = labels.map((label, k) => ({ label: clean(label), value: { computable: true as const, value: k / 10, lower: 0, upper: 0.9, confidence: 0.95, method: "wilson" } }));
        expect(wellFormedProblems(renderIntervalChart(items, { title: clean(title) || "t" }))).toEqual([]);
        const parity = computeParity(records, { by: "gender" });
        expect(wellFormedProblems(renderIntervalChart(parity.map((r) => ({ label: clean(labels[0] ?? "") + r.group, value: r.ratio })), { title: "p", percent: false, referenceLine: { value: 0.8, label: clean(title) } }))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
