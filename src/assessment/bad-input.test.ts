// Issue #14 part 5: each bad input that used to pass silently now gets a coded DeclicsError.
import { describe, expect, it } from "vitest";
import { type DeclicsError, type DeclicsErrorCode, isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { estimateAbilityEap } from "./estimate-ability-eap.js";
import { parseItemBank } from "./parse-item-bank.js";
import { scoreFixedForm } from "./score-fixed-form.js";
import { selectNextItem } from "./select-next-item.js";
import { simulateAssessment } from "./simulate-assessment.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import type { AdaptiveSession } from "./session-state.js";
import { TEST_BANK } from "./__fixtures__/test-bank.js";

function expectCode(code: DeclicsErrorCode, f: () => unknown, message?: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(isDeclicsError(e, code), String(e)).toBe(true);
    if (message !== undefined) expect((e as Error).message).toMatch(message);
    return;
  }
  expect.unreachable(`expected a ${code} DeclicsError`);
}

const ids = TEST_BANK.items.map((i) => i.id as string);

/** A session of `n` answered items, its state as a server would store it (JSON). */
function stored(n: number): AdaptiveSession {
  let s = startAdaptiveSession(TEST_BANK, { seed: "bad", seThreshold: null });
  for (let i = 0; i < n; i++) {
    s = selectNextItem(TEST_BANK, s);
    s = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct: i % 2 === 0 });
  }
  return JSON.parse(JSON.stringify(s)) as AdaptiveSession;
}

describe("bad input gets a coded DeclicsError", () => {
  it("an empty bank (the result used to be the prior)", () => {
    const empty = { id: "empty", items: [] };
    expectCode("invalid_item_bank", () => startAdaptiveSession(empty, { seed: 1 }), /the bank has no items/);
    expectCode("invalid_item_bank", () => parseItemBank(empty));
    expectCode("invalid_item_bank", () => scoreFixedForm(empty, []));
    expectCode("invalid_item_bank", () =>
      simulateAssessment(empty, { seed: 1, design: { kind: "adaptive" }, examinees: 1 }),
    );
  });

  it("prior weights of the wrong length (used to be cut or zero-padded)", () => {
    const weights = Array.from({ length: 80 }, () => 1);
    expectCode(
      "invalid_option",
      () => estimateAbilityEap([{ irt: { b: 0 }, correct: true }], { prior: { kind: "weights", weights } }),
      /81/,
    );
    expectCode(
      "invalid_option",
      () => startAdaptiveSession(TEST_BANK, { seed: 1, prior: { kind: "weights", weights: [...weights, 1, 1] } }),
      /one weight per grid point \(81\), received Array\(82\)/,
    );
  });

  it("all-zero weights and a prior outside the grid (used to give theta NaN, 'interior')", () => {
    expectCode(
      "invalid_option",
      () => estimateAbilityEap([], { prior: { kind: "weights", weights: Array.from({ length: 81 }, () => 0) } }),
      /positive weight/,
    );
    expectCode(
      "invalid_option",
      () => estimateAbilityEap([{ irt: { b: 0 }, correct: true }], { prior: { kind: "normal", mean: 50, sd: 1 } }),
      /within the grid/,
    );
    expectCode("invalid_option", () =>
      startAdaptiveSession(TEST_BANK, { seed: 1, prior: { kind: "normal", mean: -9, sd: 0.5 } }),
    );
    // A narrow prior inside the grid no longer underflows.
    const narrow = estimateAbilityEap([{ irt: { b: 0 }, correct: true }], {
      prior: { kind: "normal", mean: 3.9, sd: 0.01 },
    });
    expect(narrow.theta).toBeCloseTo(3.9, 1);
  });

  it("unordered level cut points", () => {
    const levelCuts = [-2, -1.5, -0.75, 0.75, 0, 1.5, 2.25];
    expectCode("invalid_input", () => startAdaptiveSession(TEST_BANK, { seed: 1, levelCuts }), /strictly increasing/);
    expectCode(
      "invalid_input",
      () => scoreFixedForm(TEST_BANK, [{ itemId: ids[0]!, correct: true }], { levelCuts }),
      /strictly increasing/,
    );
    expectCode(
      "invalid_input",
      () =>
        simulateAssessment(TEST_BANK, { seed: 1, design: { kind: "adaptive" }, examinees: 1, session: { levelCuts } }),
      /strictly increasing/,
    );
  });

  it("a fixed form with repeated item ids", () => {
    expectCode(
      "invalid_input",
      () =>
        simulateAssessment(TEST_BANK, {
          seed: 1,
          design: { kind: "fixed", itemIds: [ids[0]!, ids[1]!, ids[0]!] },
          examinees: 1,
          length: 3,
        }),
      /once/,
    );
    expectCode(
      "invalid_option",
      () => scoreFixedForm(TEST_BANK, [], { itemIds: [ids[1]!, ids[0]!, ids[0]!] }),
      new RegExp(`distinct item ids in the form, received "${ids[0]!}"`),
    );
  });

  it("Sympson-Hetter parameters naming items that are not in the bank (used to be ignored)", () => {
    const exposure = { method: "sympson_hetter" as const, parameters: { [ids[0]!]: 0.5, "no-such-item": 0.2 } };
    expectCode("invalid_option", () => startAdaptiveSession(TEST_BANK, { seed: 1, exposure }), /no-such-item/);
    expectCode(
      "invalid_option",
      () =>
        simulateAssessment(TEST_BANK, { seed: 1, design: { kind: "adaptive" }, examinees: 1, session: { exposure } }),
      /no-such-item/,
    );
  });

  describe("a resumed state is checked (unknown responses used to be skipped, duplicates counted twice)", () => {
    it("refuses an unknown response", () => {
      const s = stored(3);
      const tampered = { ...s, responses: [...s.responses, { itemId: "no-such-item", correct: true }] };
      expectCode("invalid_session_state", () => computeSessionResult(TEST_BANK, tampered), /no-such-item/);
    });

    it("refuses a duplicated response", () => {
      const s = stored(3);
      const tampered = { ...s, responses: [...s.responses, s.responses[0]!] };
      expectCode("invalid_session_state", () => computeSessionResult(TEST_BANK, tampered));
      expectCode("invalid_session_state", () => selectNextItem(TEST_BANK, tampered));
    });

    it("refuses a pending item the engine did not choose, a reordered history and edited counters", () => {
      const s = JSON.parse(JSON.stringify(selectNextItem(TEST_BANK, stored(4)))) as AdaptiveSession;
      const other = ids.find((id) => id !== s.pending!.itemId && !s.responses.some((r) => r.itemId === id))!;
      expectCode("invalid_session_state", () =>
        answerItem(TEST_BANK, { ...s, pending: { ...s.pending!, itemId: other } }, { itemId: other, correct: true }),
      );
      expectCode("invalid_session_state", () =>
        computeSessionResult(TEST_BANK, { ...s, responses: [...s.responses].reverse() }),
      );
      expectCode("invalid_session_state", () =>
        computeSessionResult(TEST_BANK, { ...s, randomDraws: s.randomDraws + 1 }),
      );
      expectCode("invalid_session_state", () =>
        computeSessionResult(TEST_BANK, { ...s, status: "finished", stopReason: "max_length" }),
      );
    });

    it("refuses malformed states, version 1 states and states of another bank", () => {
      const s = stored(2);
      for (const bad of [null, 42, {}, { ...s, responses: [{ itemId: 3 }] }, { ...s, version: 3 }]) {
        expectCode("invalid_session_state", () => computeSessionResult(TEST_BANK, bad as unknown as AdaptiveSession));
      }
      expectCode(
        "invalid_input",
        () => computeSessionResult(TEST_BANK, { ...s, options: { ...s.options, maxItems: -1 } }),
        /maxItems/,
      );
      expectCode(
        "invalid_session_state",
        () => computeSessionResult(TEST_BANK, { ...s, version: 1 } as unknown as AdaptiveSession),
        /version 1/,
      );
      expectCode("invalid_session_state", () => computeSessionResult({ ...TEST_BANK, version: "2" }, s), /version/);
    });
  });
});

describe("assessment refusals speak French too (issue #11: no English-only expectation)", () => {
  const refusals = (): unknown[] => {
    const caught: unknown[] = [];
    const tryIt = (f: () => unknown): void => {
      try {
        f();
      } catch (e) {
        caught.push(e);
      }
    };
    const weights = Array.from({ length: 80 }, () => 1);
    tryIt(() => startAdaptiveSession(TEST_BANK, { seed: 1, prior: { kind: "weights", weights } }));
    tryIt(() => scoreFixedForm(TEST_BANK, [], { itemIds: [ids[1]!, ids[0]!, ids[0]!] }));
    tryIt(() => scoreFixedForm(TEST_BANK, [], { itemIds: ["nowhere"] }));
    const s = stored(3);
    tryIt(() => computeSessionResult(TEST_BANK, { ...s, responses: [...s.responses, { itemId: "x", correct: true }] }));
    tryIt(() => computeSessionResult(TEST_BANK, { ...s, responses: [...s.responses].reverse() }));
    tryIt(() => computeSessionResult(TEST_BANK, { ...s, randomDraws: s.randomDraws + 1 }));
    tryIt(() => selectNextItem(TEST_BANK, { ...s, version: 1 } as never));
    tryIt(() => selectNextItem(TEST_BANK, "not a state" as never));
    return caught;
  };

  it("renders every refusal in French without an English word and without the generic fallback", () => {
    const caught = refusals();
    expect(caught).toHaveLength(8);
    for (const e of caught) {
      expect(isDeclicsError(e)).toBe(true);
      const fr = formatDeclicsError(e as DeclicsError, { language: "fr" });
      expect(fr).not.toMatch(/passe le contrôle|received|expected|weights? per|listed|items of the/);
      expect(fr).toMatch(/attendu/);
    }
  });
});
