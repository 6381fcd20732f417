import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { isAnswerCorrect } from "./is-answer-correct.js";
import { parseItemBank } from "./parse-item-bank.js";
import type { Item, SingleChoiceItem } from "./item.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { STARTER_BANK } from "./starter-bank.js";
import { areaOf } from "./_select.js";

const items = STARTER_BANK.items;
const single = items.filter((i): i is SingleChoiceItem => i.kind === "single_choice");
const byId = (id: string): Item => items.find((i) => i.id === id)!;
const textsOf = (i: Item): string[] => [i.stem, ...("options" in i ? i.options.map((o) => o.text) : [])];

/** How many options are strictly longer than the key (0 = the key is the longest, possibly tied). */
function keyLengthRank(item: SingleChoiceItem): number {
  const key = item.options.find((o) => o.id === item.answer)!.text.length;
  return item.options.filter((o) => o.text.length > key).length;
}

describe("STARTER_BANK: size and coverage", () => {
  it("is a valid bank of at least 300 provisional items, every competence at every level 1 to 8", () => {
    const bank = parseItemBank(JSON.parse(JSON.stringify(STARTER_BANK)), { framework: DEFAULT_FRAMEWORK });
    expect(bank.items.length).toBeGreaterThanOrEqual(300);
    expect(bank.items.every((i) => i.parametersStatus === "provisional")).toBe(true);
    for (const c of DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences.map((x) => x.id as string))) {
      const own = bank.items.filter((i) => i.competence === c);
      expect(own.length, c).toBeGreaterThanOrEqual(15);
      expect(new Set(own.map((i) => i.level)).size, c).toBe(8);
    }
    for (const level of [6, 7, 8])
      expect(bank.items.filter((i) => i.level === level).length).toBeGreaterThanOrEqual(15);
    for (const area of DEFAULT_FRAMEWORK.areas) {
      const own = bank.items.filter((i) => areaOf(i.competence) === area.id);
      for (let level = 1; level <= 8; level++)
        expect(own.filter((i) => i.level === level).length, `area ${area.id} level ${level}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("repeats no stem, no option within an item, and no data set across items (one item cannot give another away)", () => {
    expect(new Set(items.map((i) => i.stem)).size).toBe(items.length);
    for (const i of items)
      if ("options" in i) expect(new Set(i.options.map((o) => o.text)).size, i.id).toBe(i.options.length);
    const dataSets = new Map<string, string>();
    for (const i of items) {
      for (const run of i.stem.match(/\d+(?:,\d+)?(?:(?: ?[,;] | et )\d+(?:,\d+)?){2,}/g) ?? []) {
        expect(dataSets.get(run), `${i.id} reuses the data « ${run} » of ${dataSets.get(run)}`).toBeUndefined();
        dataSets.set(run, i.id);
      }
    }
  });

  it("writes French elisions (« qu'affiche », not « que affiche »)", () => {
    const missing = /(^|[\s«(])(que|je|ne|se|me|te|de|le|la|ce) [aeiouyéèêàâîôû][a-zà-ÿ]/i;
    for (const i of items) for (const t of textsOf(i)) expect(t, i.id).not.toMatch(missing);
  });
});

describe("STARTER_BANK: no surface cue predicts the key", () => {
  it("makes the key the longest option about as often as chance, and no length rank stands out", () => {
    const ranks = [0, 0, 0, 0];
    for (const i of single) ranks[keyLengthRank(i)]!++;
    for (const r of ranks) expect(r / single.length).toBeGreaterThan(0.18);
    for (const r of ranks) expect(r / single.length).toBeLessThan(0.32);
    // A test-taker who picks the longest (ties at random) scores near chance (1/4).
    const expected = single.reduce((s, i) => {
      const max = Math.max(...i.options.map((o) => o.text.length));
      const longest = i.options.filter((o) => o.text.length === max);
      return s + (longest.some((o) => o.id === i.answer) ? 1 / longest.length : 0);
    }, 0);
    expect(expected / single.length).toBeLessThan(0.3);
  });

  it("gives no edge to avoiding absolute words or to matching the stem's words", () => {
    const absolute =
      /\b(toujours|jamais|forcément|aucun|aucune|tous|toutes|tout|rien|seul|seule|seulement|uniquement|n'importe|obligatoire|immédiatement|exactement)\b/i;
    const words = (t: string): string[] =>
      t
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 3);
    let avoid = 0;
    let overlap = 0;
    for (const i of single) {
      const plain = i.options.filter((o) => !absolute.test(o.text));
      const pool = plain.length > 0 ? plain : i.options;
      if (pool.some((o) => o.id === i.answer)) avoid += 1 / pool.length;
      const stem = new Set(words(i.stem));
      const shared = i.options.map((o) => words(o.text).filter((w) => stem.has(w)).length);
      const best = i.options.filter((_, j) => shared[j] === Math.max(...shared));
      if (best.some((o) => o.id === i.answer)) overlap += 1 / best.length;
    }
    expect(avoid / single.length).toBeLessThan(0.29);
    expect(overlap / single.length).toBeLessThan(0.29);
  });

  it("puts single-choice keys equally often on each position and never shows an ordering item in order", () => {
    expect(single.every((i) => i.options.length === 4)).toBe(true);
    for (const letter of ["a", "b", "c", "d"])
      expect(Math.abs(single.filter((i) => i.answer === letter).length / single.length - 0.25)).toBeLessThan(0.02);
    for (const i of items) if (i.kind === "ordering") expect(i.answer).not.toEqual(i.options.map((o) => o.id));
  });

  it("varies how many options a multiple-choice key holds, never all of them", () => {
    const mc = items.filter((i) => i.kind === "multiple_choice");
    const counts = new Map<number, number>();
    for (const i of mc) counts.set(i.answer.length, (counts.get(i.answer.length) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...counts.values()) / mc.length).toBeLessThan(0.6);
    for (const i of mc) expect(i.answer.length).toBeLessThan(i.options.length);
    const positions = new Map<string, number>();
    for (const i of mc) for (const k of i.answer) positions.set(k, (positions.get(k) ?? 0) + 1);
    expect(positions.size).toBe(4);
  });

  it("gives provisional parameters that do not assume zero guessing on choice items", () => {
    for (const i of items) {
      const n = "options" in i ? i.options.length : 0;
      const chance =
        i.kind === "single_choice"
          ? 1 / n
          : i.kind === "multiple_choice"
            ? 1 / (2 ** n - 2)
            : i.kind === "ordering"
              ? 1 / [1, 1, 2, 6, 24, 120][n]!
              : 0;
      expect(i.irt.c, i.id).toBeCloseTo(chance, 10);
      expect(i.irt.b, i.id).toBeCloseTo(-2.625 + 0.75 * (i.level - 1), 10);
    }
  });
});

describe("STARTER_BANK: item fixes", () => {
  it("4.2-06 asks what is erased from the device, with every wrong option something the device keeps", () => {
    const item = byId("4.2-06") as SingleChoiceItem;
    expect(item.stem).toMatch(/effacé de votre appareil/);
    expect(item.options.map((o) => o.text).join(" ")).not.toMatch(/fournisseur/);
    expect(item.options.find((o) => o.id === item.answer)!.text).toMatch(/historique/);
  });

  it("3.4-05 says « qu'affiche »", () => {
    expect(byId("3.4-05").stem).toMatch(/qu'affiche/);
  });

  it("1.3-03 and 1.3-04 use different data", () => {
    const data = (id: string): string => byId(id).stem.match(/contiennent ([^.]*)\./)![1]!;
    expect(data("1.3-03")).not.toBe(data("1.3-04"));
    const mean = byId("1.3-04");
    expect(mean.kind === "numeric" && mean.answer).toBe(6);
  });

  it("1.1-07 accepts a hyphen, an en dash or a minus sign", () => {
    const item = byId("1.1-07");
    for (const text of ["-", "–", "−"]) expect(isAnswerCorrect(item, { text })).toBe(true);
  });
});

describe("STARTER_BANK in sessions", () => {
  it("runs adaptive sessions to the end whatever the answers", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (seed, answers) => {
        let s = startAdaptiveSession(STARTER_BANK, { seed, levelConfidence: 0.9 });
        let k = 0;
        while (s.status === "in_progress") {
          s = selectNextItem(STARTER_BANK, s);
          if (s.pending === null) break;
          s = answerItem(STARTER_BANK, s, { itemId: s.pending.itemId, correct: answers[k++ % 30]! });
        }
        const r = computeSessionResult(STARTER_BANK, s);
        expect(r.finished).toBe(true);
        expect(r.itemsAdministered).toBeLessThanOrEqual(30);
      }),
      { numRuns: 20 },
    );
  });
});
