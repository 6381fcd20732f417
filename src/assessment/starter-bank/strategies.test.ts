import { describe, expect, it } from "vitest";
import { createSeededRandom, type RandomSource } from "../../_lib/random.js";
import { answerItem } from "../answer-item.js";
import type { Answer, ClientItem } from "../item.js";
import { selectNextItem } from "../select-next-item.js";
import { startAdaptiveSession } from "../start-adaptive-session.js";
import { STARTER_BANK } from "../starter-bank.js";
import { viewPendingItem } from "../view-pending-item.js";

/** A test-taker who knows nothing and answers by a rule, from what is shown on screen only (the key-free view). */
type Strategy = (item: ClientItem, random: RandomSource) => Answer;

const optionsOf = (item: ClientItem): readonly { id: string; text: string }[] => item.options ?? [];

const byLength = (item: ClientItem, pick: (a: number, b: number) => boolean): string =>
  optionsOf(item).reduce((best, o) => (pick(o.text.length, best.text.length) ? o : best)).id;

/** Typed answers the strategies give: a round number and an "I don't know". */
function typed(item: ClientItem, random: RandomSource, randomNumber: boolean): Answer | null {
  if (item.kind === "numeric") return { value: randomNumber ? Math.floor(random() * 101) : 10 };
  if (item.kind === "short_answer") return { text: "je ne sais pas" };
  if (item.kind === "ordering") return { order: optionsOf(item).map((o) => o.id) };
  return null;
}

const STRATEGIES: Record<string, Strategy> = {
  longest: (item, r) =>
    typed(item, r, false) ??
    (item.kind === "multiple_choice"
      ? { choices: [byLength(item, (a, b) => a > b)] }
      : { choice: byLength(item, (a, b) => a > b) }),
  shortest: (item, r) =>
    typed(item, r, false) ??
    (item.kind === "multiple_choice"
      ? { choices: [byLength(item, (a, b) => a < b)] }
      : { choice: byLength(item, (a, b) => a < b) }),
  "always first": (item, r) =>
    typed(item, r, false) ?? (item.kind === "multiple_choice" ? { choices: ["a"] } : { choice: "a" }),
  'always "all of them"': (item, r) => {
    const t = typed(item, r, false);
    if (t !== null) return t;
    const options = optionsOf(item);
    if (item.kind === "multiple_choice") return { choices: options.map((o) => o.id) };
    return { choice: (options.find((o) => /\b(tous|toutes|tout)\b/i.test(o.text)) ?? options[0]!).id };
  },
  "avoid absolute words": (item, r) => {
    const t = typed(item, r, false);
    if (t !== null) return t;
    const options = optionsOf(item);
    const plain = options.filter(
      (o) =>
        !/\b(toujours|jamais|forcément|aucun|aucune|tous|toutes|tout|rien|seul|seulement|uniquement)\b/i.test(o.text),
    );
    const pool = plain.length > 0 ? plain : options;
    const pick = pool[Math.floor(r() * pool.length)]!.id;
    return item.kind === "multiple_choice"
      ? { choices: pool.map((o) => o.id).filter((id) => id === pick || r() < 0.5) }
      : { choice: pick };
  },
  random: (item, r) => {
    const t = typed(item, r, true);
    if (t !== null) {
      if ("order" in t) return { order: [...t.order].sort(() => r() - 0.5) };
      return t;
    }
    const options = optionsOf(item);
    if (item.kind === "multiple_choice") {
      const chosen = options.filter(() => r() < 0.5).map((o) => o.id);
      return { choices: chosen.length > 0 ? chosen : [options[Math.floor(r() * options.length)]!.id] };
    }
    return { choice: options[Math.floor(r() * options.length)]!.id };
  },
};

const SESSIONS = 60;

/** Plays full adaptive sessions with the default options; returns mean theta, mean level and share >= 5. */
function play(strategy: Strategy): { theta: number; level: number; atLeast5: number; correct: number } {
  let theta = 0;
  let level = 0;
  let high = 0;
  let correct = 0;
  let answered = 0;
  for (let seed = 0; seed < SESSIONS; seed++) {
    const random = createSeededRandom(`strategy/${seed}`);
    let s = startAdaptiveSession(STARTER_BANK, { seed });
    while (s.status === "in_progress") {
      s = selectNextItem(STARTER_BANK, s);
      const item = viewPendingItem(STARTER_BANK, s);
      if (item === null) break;
      s = answerItem(STARTER_BANK, s, { itemId: item.id, answer: strategy(item, random) });
    }
    theta += s.estimate.theta;
    level += s.estimate.level;
    if (s.estimate.level >= 5) high++;
    correct += s.responses.filter((r) => r.correct).length;
    answered += s.responses.length;
  }
  return { theta: theta / SESSIONS, level: level / SESSIONS, atLeast5: high / SESSIONS, correct: correct / answered };
}

describe("STARTER_BANK against test-wise strategies (full adaptive sessions, default options)", () => {
  for (const [name, strategy] of Object.entries(STRATEGIES)) {
    it(`someone who knows nothing and answers "${name}" lands at level 2 or below on average`, () => {
      const r = play(strategy);
      expect(r.level).toBeLessThanOrEqual(2);
      expect(r.theta).toBeLessThan(-1.5);
      expect(r.atLeast5).toBe(0);
      // Near chance on what was asked: never the systematic edge a surface cue would give.
      expect(r.correct).toBeLessThan(0.35);
    }, 60_000);
  }
});
