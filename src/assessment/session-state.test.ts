// Issue #14 part 4: keys stay on the server, the state stays small.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { STARTER_BANK } from "./starter-bank.js";
import type { AdaptiveSession } from "./session-state.js";
import { viewItem } from "./view-item.js";
import { viewPendingItem } from "./view-pending-item.js";

const KEY_FIELDS = ["answer", "accepted", "tolerance", "caseSensitive", "irt", "parametersStatus"];

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

/** A 30-item session on the starter bank, stored as JSON between every request as a server would. */
function thirtyItems(seed: number): { state: AdaptiveSession; sizes: number[]; views: unknown[] } {
  let json = JSON.stringify(startAdaptiveSession(STARTER_BANK, { seed, seThreshold: null, maxItems: 30 }));
  const sizes: number[] = [];
  const views: unknown[] = [];
  for (let i = 0; i < 30; i++) {
    let s = selectNextItem(STARTER_BANK, JSON.parse(json) as AdaptiveSession);
    views.push(JSON.parse(JSON.stringify(viewPendingItem(STARTER_BANK, s))));
    s = answerItem(STARTER_BANK, s, { itemId: s.pending!.itemId, correct: (seed + i) % 3 !== 0 });
    json = JSON.stringify(s);
    sizes.push(new TextEncoder().encode(json).length);
  }
  return { state: JSON.parse(json) as AdaptiveSession, sizes, views };
}

describe("session state and item views", () => {
  it("the state holds no item, no key and no stem, and stays under 4 kB at 30 items", () => {
    const { state, sizes } = thirtyItems(1);
    const json = JSON.stringify(state);
    for (const field of KEY_FIELDS) expect(keysOf(state).has(field), field).toBe(false);
    expect(keysOf(state).has("stem")).toBe(false);
    expect(keysOf(state).has("items")).toBe(false);
    expect(state.bank).toEqual({
      id: STARTER_BANK.id,
      version: STARTER_BANK.version ?? null,
      fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4096);
    expect(json.length).toBe(sizes[29]);
    expect(computeSessionResult(STARTER_BANK, state).itemsAdministered).toBe(30);
  });

  it("the client view of every item of the bank carries no key", () => {
    for (const item of STARTER_BANK.items) {
      const view = viewItem(item);
      for (const field of KEY_FIELDS) expect(field in view, `${item.id}.${field}`).toBe(false);
      expect(view.stem).toBe(item.stem);
      if ("options" in item) expect(view.options).toEqual(item.options);
      // The key text never appears in a short-answer item's view.
      if (item.kind === "short_answer")
        for (const a of item.accepted) expect(JSON.stringify(view).includes(`"${a}"`)).toBe(false);
    }
  });

  it("pending views sent during a session never carry a key", () => {
    fc.assert(
      fc.property(fc.nat(1000), (seed) => {
        const { views } = thirtyItems(seed);
        for (const v of views) for (const field of KEY_FIELDS) expect(keysOf(v).has(field)).toBe(false);
      }),
      { numRuns: 5 },
    );
  });

  it("a state is a frozen value: it cannot be edited in place", () => {
    const s = selectNextItem(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: 2 }));
    expect(Object.isFrozen(s)).toBe(true);
    expect(() => {
      (s.responses as { itemId: string; correct: boolean }[]).push({ itemId: "x", correct: true });
    }).toThrow();
  });

  it("resuming from JSON and from the in-memory state give the same states", () => {
    const a = thirtyItems(7).state;
    let s = startAdaptiveSession(STARTER_BANK, { seed: 7, seThreshold: null, maxItems: 30 });
    for (let i = 0; i < 30; i++) {
      s = selectNextItem(STARTER_BANK, s);
      s = answerItem(STARTER_BANK, s, { itemId: s.pending!.itemId, correct: (7 + i) % 3 !== 0 });
    }
    expect(JSON.parse(JSON.stringify(s))).toEqual(a);
  });
});
