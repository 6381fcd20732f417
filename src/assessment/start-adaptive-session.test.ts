import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { isDeclicsError } from "../errors.js";
import { answerItem } from "./answer-item.js";
import { computeProbability } from "./compute-probability.js";
import { computeSessionResult } from "./compute-session-result.js";
import { selectNextItem } from "./select-next-item.js";
import { type AdaptiveSessionOptions, startAdaptiveSession } from "./start-adaptive-session.js";
import { TEST_BANK } from "./__fixtures__/test-bank.js";
import type { AdaptiveSession } from "./session-state.js";

const allItems = new Map(TEST_BANK.items.map((it) => [it.id as string, it]));
const itemOf = (id: string) => allItems.get(id)!;
const competenceOf = (id: string): string => itemOf(id).competence;
const logOf = (s: AdaptiveSession, bank: unknown = TEST_BANK) => computeSessionResult(bank, s).log;

/** Runs a session to the end with a simulated examinee of ability `theta`. */
function run(
  options: AdaptiveSessionOptions,
  theta: number,
  answerSeed: number,
  bank: unknown = TEST_BANK,
): AdaptiveSession {
  const random = createSeededRandom(answerSeed);
  let s = startAdaptiveSession(bank, options);
  for (let guard = 0; guard < 600 && s.status === "in_progress"; guard++) {
    s = selectNextItem(bank, s);
    if (s.pending === null) break;
    const correct = random() < computeProbability(itemOf(s.pending.itemId).irt, theta);
    s = answerItem(bank, s, { itemId: s.pending.itemId, correct });
  }
  return s;
}

describe("startAdaptiveSession", () => {
  it("starts at the prior and validates options", () => {
    const s = startAdaptiveSession(TEST_BANK, { seed: 1 });
    expect(s.status).toBe("in_progress");
    expect(s.estimate.theta).toBeCloseTo(0, 10);
    expect(s.options.maxItems).toBe(30);
    expect(() => startAdaptiveSession(TEST_BANK, { seed: 1, maxItems: 0 })).toThrow(/maxItems/);
  });

  it("replays exactly: same seed and same answers give the same session", () => {
    const a = run({ seed: "replay", seThreshold: null }, 0.4, 9);
    const b = run({ seed: "replay", seThreshold: null }, 0.4, 9);
    expect(logOf(b)).toEqual(logOf(a));
    expect(b.estimate).toEqual(a.estimate);
    const c = run({ seed: "other", seThreshold: null }, 0.4, 9);
    expect(c.responses.map((e) => e.itemId)).not.toEqual(a.responses.map((e) => e.itemId));
  });

  it("resumes identically from a JSON round trip of its state", () => {
    let s = startAdaptiveSession(TEST_BANK, { seed: 3, seThreshold: null, maxItems: 12 });
    let t = s;
    for (let i = 0; i < 12; i++) {
      s = selectNextItem(TEST_BANK, s);
      t = selectNextItem(TEST_BANK, JSON.parse(JSON.stringify(t)) as AdaptiveSession);
      expect(t.pending!.itemId).toBe(s.pending!.itemId);
      const correct = i % 3 !== 0;
      s = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct });
      t = answerItem(TEST_BANK, JSON.parse(JSON.stringify(t)) as AdaptiveSession, {
        itemId: t.pending!.itemId,
        correct,
      });
    }
    expect(t).toEqual(s);
    expect(logOf(t)).toEqual(logOf(s));
    expect(s.status).toBe("finished");
    expect(s.stopReason).toBe("max_length");
  });

  it("never changes the state it is given", () => {
    const s0 = selectNextItem(TEST_BANK, startAdaptiveSession(TEST_BANK, { seed: 5 }));
    const copy = JSON.parse(JSON.stringify(s0)) as unknown;
    answerItem(TEST_BANK, s0, { itemId: s0.pending!.itemId, correct: true });
    expect(JSON.parse(JSON.stringify(s0))).toEqual(copy);
  });

  it("always ends within the maximum length and never repeats an item", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.nat(1000),
        fc.constantFrom(0.25, 0.3, 0.4, null),
        (maxItems, theta, seed, se) => {
          const s = run({ seed, maxItems, minItems: Math.min(5, maxItems), seThreshold: se }, theta, seed + 1);
          expect(s.status).toBe("finished");
          expect(s.responses.length).toBeLessThanOrEqual(maxItems);
          expect(new Set(s.responses.map((r) => r.itemId)).size).toBe(s.responses.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("balances content by competence on request: 18 items on 18 competences cover each competence once", () => {
    const s = run({ seed: 11, maxItems: 18, seThreshold: null, contentBalancing: { by: "competence" } }, 0, 2);
    expect(new Set(s.responses.map((r) => competenceOf(r.itemId))).size).toBe(18);
    const unbalanced = run({ seed: 11, maxItems: 18, seThreshold: null, contentBalancing: false }, 0, 2);
    expect(logOf(unbalanced)[0]!.selection.competenceRule).toBe("unrestricted");
  });

  it("respects target shares and restricted competences", () => {
    const s = run(
      {
        seed: 4,
        maxItems: 12,
        seThreshold: null,
        contentBalancing: { by: "competence", targets: { "3.4": 2, "A.1": 1 } },
      },
      0,
      2,
    );
    const counts = new Map<string, number>();
    for (const r of s.responses) counts.set(competenceOf(r.itemId), (counts.get(competenceOf(r.itemId)) ?? 0) + 1);
    expect(counts.get("3.4")).toBe(8);
    expect(counts.get("A.1")).toBe(4);
    const only = run({ seed: 4, maxItems: 6, seThreshold: null, competences: ["1.1"] }, 0, 2);
    expect(only.responses.every((r) => competenceOf(r.itemId) === "1.1")).toBe(true);
  });

  it("refuses competences or targets the bank cannot serve", () => {
    expect(() => startAdaptiveSession(TEST_BANK, { seed: 1, competences: ["9.9"] })).toThrow(/9\.9/);
    expect(() =>
      startAdaptiveSession(TEST_BANK, {
        seed: 1,
        competences: ["1.1"],
        contentBalancing: { by: "competence", targets: { "1.2": 1 } },
      }),
    ).toThrow(/1\.2/);
  });

  it("stops on the SE threshold, on a settled level, and when the bank is exhausted", () => {
    const se = run({ seed: 1, maxItems: 60, seThreshold: 0.35 }, 0, 1);
    expect(se.stopReason).toBe("se_threshold");
    expect(se.estimate.se).toBeLessThanOrEqual(0.35);
    const level = run({ seed: 1, maxItems: 60, seThreshold: null, levelConfidence: 0.6 }, 3, 1);
    expect(level.stopReason).toBe("level_settled");
    expect(level.estimate.levelProbability).toBeGreaterThanOrEqual(0.6);
    const small = { id: "small", items: TEST_BANK.items.slice(0, 4) };
    const exhausted = run({ seed: 1, maxItems: 10, seThreshold: null }, 0, 1, small);
    expect(exhausted.stopReason).toBe("bank_exhausted");
    expect(exhausted.responses.length).toBe(4);
  });

  it("randomises among the best k and logs why each item was chosen", () => {
    const s = run({ seed: 8, maxItems: 10, seThreshold: null, exposure: { method: "randomesque", k: 4 } }, 0, 1);
    const log = logOf(s);
    for (const e of log) {
      expect(e.selection.candidates.length).toBeLessThanOrEqual(4);
      expect(e.selection.candidates[e.selection.rank]).toBe(e.itemId);
      expect(e.selection.why).toContain(e.itemId);
    }
    expect(log.some((e) => e.selection.rank > 0)).toBe(true);
  });

  it("never administers an item whose Sympson-Hetter parameter is 0", () => {
    const banned = Object.fromEntries(TEST_BANK.items.filter((_, i) => i % 2 === 0).map((it) => [it.id, 0]));
    const s = run(
      { seed: 2, maxItems: 20, seThreshold: null, exposure: { method: "sympson_hetter", k: 1, parameters: banned } },
      0,
      1,
    );
    expect(s.responses.length).toBe(20);
    expect(s.responses.every((r) => banned[r.itemId] === undefined)).toBe(true);
    expect(logOf(s).some((e) => e.selection.rejected.length > 0)).toBe(true);
  });

  it("refuses out-of-order driving with invalid_session_state", () => {
    const s = startAdaptiveSession(TEST_BANK, { seed: 1, maxItems: 1 });
    const expectCode = (f: () => unknown): void => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isDeclicsError(e, "invalid_session_state")).toBe(true);
      }
    };
    expectCode(() => answerItem(TEST_BANK, s, { itemId: "x", correct: true }));
    const p = selectNextItem(TEST_BANK, s);
    expect(selectNextItem(TEST_BANK, p)).toEqual(p);
    expectCode(() => answerItem(TEST_BANK, p, { itemId: "not-the-pending-one", correct: true }));
    const done = answerItem(TEST_BANK, p, { itemId: p.pending!.itemId, correct: true });
    expect(done.status).toBe("finished");
    expectCode(() => selectNextItem(TEST_BANK, done));
    expectCode(() => answerItem(TEST_BANK, done, { itemId: "x", correct: true }));
  });
});
