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
    const svg = renderIntervalChart([...shares.map((r) => ({ label: r.gender ?? "", value: r.share, count: r.count })), { label: "empty & <odd>", value: { computable: false, reason: "empty_group", message: "the group has no participant" }, count: 0 }], { title: "Women & men" });
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
    const svg = renderRepresentationChart(rows, { title: "QPV", referenceLabel: "QPV residents", threshold: 1 });
    expect(wellFormedProblems(svg)).toEqual([]);
    expect(svg).toContain("ratio n.c. (no reference)");
    expect(svg).toMatch(/female: [\d.]+ % of participants/);
  });

  it("property: any labels and titles give well-formed SVG", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 5 }), (title, labels) => {
        fc.pre(title.length > 0);
        const clean = (s: string): string => s;
        const items = labels.map((label, k) => ({ label: clean(label), value: { computable: true as const, value: k / 10, lower: 0, upper: 0.9, confidence: 0.95, method: "wilson" }, count: 3 * k }));
        expect(wellFormedProblems(renderIntervalChart(items, { title: clean(title) || "t" }))).toEqual([]);
        const parity = computeParity(records, { by: "gender" });
        expect(wellFormedProblems(renderIntervalChart(parity.map((r) => ({ label: clean(labels[0] ?? "") + r.group, value: r.ratio, count: r.outcome, denominator: r.among })), { title: "p", percent: false, referenceLine: { value: 0.8, label: clean(title) } }))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it("interval chart: groups under the threshold are drawn as secret statistique, with no bar, no value and a note", () => {
    const shares = computeShares(records, { by: ["gender"] });
    const items = shares.map((r) => ({ label: r.gender ?? "", value: r.share, count: r.count, denominator: r.denominator }));
    const small = shares.filter((r) => r.count > 0 && r.count < 11);
    expect(small.length).toBeGreaterThan(0); // "other" and "undisclosed" are small groups here
    const svg = renderIntervalChart(items, { title: "Gender" });
    expect(wellFormedProblems(svg)).toEqual([]);
    for (const r of small) {
      expect(svg).toContain(`${r.gender}: secret statistique (not shown)`);
      if (r.share.computable) expect(svg).not.toContain(`${r.gender}: ${(r.share.value * 100).toFixed(1)} %`);
    }
    expect(svg).toContain(">secret statistique</text>");
    expect(svg).toContain("Secret statistique: groups of fewer than 11 people are not shown");
    // The threshold is the caller's: 1 hides nothing.
    const open = renderIntervalChart(items, { title: "Gender", threshold: 1 });
    expect(open).not.toContain("secret statistique");
  });

  it("interval chart: a single small part of a whole hides one more, so 1 minus the others gives nothing away", () => {
    const share = (v: number) => ({ computable: true as const, value: v, lower: v - 0.05, upper: v + 0.05, confidence: 0.95, method: "wilson" });
    const svg = renderIntervalChart(
      [
        { label: "women", value: share(0.05), count: 5, denominator: 100 },
        { label: "men", value: share(0.75), count: 75, denominator: 100 },
        { label: "other", value: share(0.2), count: 20, denominator: 100 },
      ],
      { title: "t" },
    );
    expect(svg).toContain("women: secret statistique");
    expect(svg).toContain("other: secret statistique");
    expect(svg).toContain("men: 75.0 %");
    // Rates of different groups are not parts of one whole: only the small group is hidden.
    const rates = renderIntervalChart(
      [
        { label: "a", value: share(0.5), count: 4, denominator: 8 },
        { label: "b", value: share(0.5), count: 20, denominator: 40 },
      ],
      { title: "t" },
    );
    expect(rates).toContain("a: secret statistique");
    expect(rates).toContain("b: 50.0 %");
  });

  it("representation chart: small categories are secret statistique, their ratio too; the reference share stays", () => {
    const qpv = records.filter((r) => r.territoryKind === "qpv");
    const rows = computeRepresentation(qpv, { dimension: "gender", reference });
    const small = rows.filter((r) => r.count > 0 && r.count < 11);
    expect(small.length).toBeGreaterThan(0);
    const svg = renderRepresentationChart(rows, { title: "QPV", referenceLabel: "QPV residents" });
    expect(wellFormedProblems(svg)).toEqual([]);
    for (const r of small) expect(svg).toContain(`${r.category}: secret statistique (not shown)`);
    expect(svg).toContain("ratio: secret statistique");
    expect(svg).toContain("Secret statistique: groups of fewer than 11 people are not shown");
    expect(renderRepresentationChart(rows, { title: "QPV", threshold: 1 })).not.toContain("secret statistique");
  });

  it("property: no small group's value is drawn, and a lone small part of a whole is never the only one hidden", () => {
    const item = fc.record({ count: fc.integer({ min: 0, max: 40 }), extra: fc.integer({ min: 0, max: 40 }), shared: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 15 }), (raw, threshold) => {
        const whole = raw.filter((r) => r.shared).reduce((s, r) => s + r.count, 0);
        const items = raw.map((r, k) => {
          // Rates of other groups never share the whole's denominator here (the chart groups by denominator).
          const denominator = r.shared ? whole : whole + 1 + r.count + r.extra;
          const v = denominator > 0 ? r.count / denominator : 0;
          return { label: `g${k}`, value: { computable: true as const, value: v, lower: v, upper: v, confidence: 0.95, method: "wilson" }, count: r.count, denominator };
        });
        const svg = renderIntervalChart(items, { title: "t", threshold });
        expect(wellFormedProblems(svg)).toEqual([]);
        const isHidden = items.map((it) => svg.includes(`${it.label}: secret statistique`));
        items.forEach((it, k) => {
          const small = (x: number): boolean => x > 0 && x < threshold;
          if (small(it.count) || small(it.denominator)) expect(isHidden[k]).toBe(true);
        });
        const parts = items.map((it, k) => k).filter((k) => raw[k]?.shared);
        const hiddenParts = parts.filter((k) => isHidden[k]);
        if (hiddenParts.length === 1) expect(parts.filter((k) => !isHidden[k]).every((k) => items[k]?.count === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
