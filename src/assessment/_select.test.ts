import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { isDeclicsError } from "../errors.js";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { computeInformation } from "./compute-information.js";
import { computeProbability } from "./compute-probability.js";
import { createSimulatedBank } from "./create-simulated-bank.js";
import { parseItemBank } from "./parse-item-bank.js";
import type { ItemBank } from "./item-bank.js";
import { selectNextItem } from "./select-next-item.js";
import { simulateAssessment } from "./simulate-assessment.js";
import { type AdaptiveSessionOptions, startAdaptiveSession } from "./start-adaptive-session.js";
import { STARTER_BANK } from "./starter-bank.js";
import { areaOf, createSelectionContext, selectItem, type SelectionOutcome } from "./_select.js";
import { engineOf } from "./_session.js";
import { type AdaptiveSession, SessionOptions as Options } from "./session-state.js";

function run(bank: ItemBank, options: AdaptiveSessionOptions, theta: number): AdaptiveSession {
  const random = createSeededRandom(`answers/${String(options.seed)}`);
  const items = new Map(bank.items.map((i) => [i.id as string, i]));
  let s = startAdaptiveSession(bank, options);
  while (s.status === "in_progress") {
    s = selectNextItem(bank, s);
    if (s.pending === null) break;
    const item = items.get(s.pending.itemId)!;
    s = answerItem(bank, s, { itemId: item.id, correct: random() < computeProbability(item.irt, theta) });
  }
  return s;
}

const competenceOf = new Map(STARTER_BANK.items.map((i) => [i.id as string, i.competence as string]));

const countBy = (s: AdaptiveSession, key: (competence: string) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of s.responses) {
    const group = key(competenceOf.get(r.itemId)!);
    m.set(group, (m.get(group) ?? 0) + 1);
  }
  return m;
};

describe("content balancing over areas", () => {
  it("maps competences to areas: the default framework's, else the id before the first dot", () => {
    expect(areaOf("2.4")).toBe("2");
    expect(areaOf("A.2")).toBe("A");
    expect(areaOf("6.1")).toBe("6");
    expect(areaOf("maths")).toBe("maths");
  });

  it("balances the six areas of the default framework by default, whatever the answers", () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.integer({ min: 6, max: 30 }),
        (seed, theta, maxItems) => {
          const s = run(STARTER_BANK, { seed, maxItems, seThreshold: null }, theta);
          const counts = countBy(s, areaOf);
          expect(s.responses.length).toBe(maxItems);
          expect(counts.size).toBe(6);
          for (const n of counts.values()) expect(Math.abs(n - maxItems / 6)).toBeLessThanOrEqual(1);
          expect(computeSessionResult(STARTER_BANK, s).log[0]!.selection.competenceRule).toBe("content_deficit_tie");
        },
      ),
      { numRuns: 15 },
    );
  });

  it("follows area targets and refuses areas it cannot serve", () => {
    const s = run(
      STARTER_BANK,
      { seed: 3, maxItems: 12, seThreshold: null, contentBalancing: { targets: { "3": 2, A: 1 } } },
      0,
    );
    const counts = countBy(s, areaOf);
    expect([...counts.keys()].sort()).toEqual(["3", "A"]);
    expect(counts.get("3")).toBe(8);
    expect(counts.get("A")).toBe(4);
    try {
      startAdaptiveSession(STARTER_BANK, { seed: 1, contentBalancing: { targets: { "9": 1 } } });
      expect.unreachable();
    } catch (e) {
      expect(isDeclicsError(e, "invalid_option")).toBe(true);
      expect((e as Error).message).toMatch(/9/);
    }
    expect(() =>
      startAdaptiveSession(STARTER_BANK, { seed: 1, competences: ["1.1"], contentBalancing: { targets: { "2": 1 } } }),
    ).toThrow(/2/);
  });

  it("reports the area served and whether it was drawn among tied areas", () => {
    const options = Options.parse({ seed: 1 });
    const { p, t } = engineOf(STARTER_BANK, options);
    const ctx = createSelectionContext(p, t, options);
    const out: SelectionOutcome = { index: -1, competence: -1, candidates: 0, rank: 0, information: 0, rejected: [] };
    expect(selectItem(ctx, 0, 0, createSeededRandom(1), out)).toBe(true);
    expect(out.tiedGroups).toBe(6);
    expect(areaOf(p.competences[out.competence]!)).toBe(out.group);
    // Once every area but one has had an item, that one is served without a draw.
    for (const area of ["1", "2", "3", "4", "5"]) {
      const k = p.competences.findIndex((c) => areaOf(c) === area);
      ctx.counts[k] = 1;
    }
    expect(selectItem(ctx, 0, 5, createSeededRandom(2), out)).toBe(true);
    expect(out.group).toBe("A");
    expect(out.tiedGroups).toBe(1);
  });

  it("can still balance over competences", () => {
    const s = run(
      STARTER_BANK,
      { seed: 5, maxItems: 18, seThreshold: null, contentBalancing: { by: "competence" } },
      0,
    );
    expect(countBy(s, (c) => c).size).toBe(18);
  });
});

describe("the bank's own Sympson-Hetter parameters", () => {
  const base = parseItemBank(createSimulatedBank({ seed: "sh", items: 60, competences: ["1.1", "2.1"] }));
  // The most informative item at the prior, given a parameter of 0, is never administered by default.
  const best = [...base.items].sort((x, y) => computeInformation(y.irt, 0) - computeInformation(x.irt, 0))[0]!;
  const bank = { ...base, items: base.items.map((i) => (i.id === best.id ? { ...i, sympsonHetter: 0 } : i)) };

  it("applies them by default and reports the items it turns down", () => {
    let turnedDown = 0;
    for (let seed = 0; seed < 20; seed++) {
      const s = run(
        bank,
        { seed, maxItems: 10, seThreshold: null, contentBalancing: false, exposure: { method: "randomesque", k: 1 } },
        0,
      );
      expect(s.responses.map((r) => r.itemId)).not.toContain(best.id);
      turnedDown += computeSessionResult(bank, s).log.filter((e) => e.selection.rejected.includes(best.id)).length;
    }
    expect(turnedDown).toBeGreaterThan(0);
  });

  it("ignores them with bankParameters: false, and explicit parameters win over them", () => {
    const off = run(
      bank,
      {
        seed: 1,
        maxItems: 10,
        seThreshold: null,
        contentBalancing: false,
        exposure: { method: "randomesque", k: 1, bankParameters: false },
      },
      0,
    );
    expect(off.responses[0]!.itemId).toBe(best.id);
    const explicit = run(
      bank,
      {
        seed: 1,
        maxItems: 10,
        seThreshold: null,
        contentBalancing: false,
        exposure: { method: "sympson_hetter", k: 1, parameters: { [best.id]: 1 } },
      },
      0,
    );
    expect(explicit.responses[0]!.itemId).toBe(best.id);
  });

  it("ships parameters for the starter bank that keep its items' exposure at or below 0.25 by default", () => {
    const limited = STARTER_BANK.items.filter((i) => i.sympsonHetter !== undefined);
    expect(limited.length).toBeGreaterThan(20);
    for (const i of limited) expect(i.sympsonHetter).toBeGreaterThan(0);
    // The session defaults (areas, best 3, the bank's parameters, stop at SE <= 0.3 or 30 items).
    const sim = simulateAssessment(STARTER_BANK, {
      seed: "exposure-test",
      design: { kind: "adaptive" },
      examinees: 2000,
      length: 30,
    });
    expect(Math.max(...Object.values(sim.exposure))).toBeLessThanOrEqual(0.25);
    expect(sim.shareReachingSeTarget).toBeGreaterThan(0.9);
    expect(sim.meanLength).toBeLessThan(30);
    // Without them, the most informative items reach far more examinees.
    const without = simulateAssessment(STARTER_BANK, {
      seed: "exposure-test",
      design: { kind: "adaptive" },
      examinees: 2000,
      length: 30,
      session: { seThreshold: 0.3, exposure: { method: "randomesque", k: 3, bankParameters: false } },
    });
    expect(Math.max(...Object.values(without.exposure))).toBeGreaterThan(0.4);
  });
});
