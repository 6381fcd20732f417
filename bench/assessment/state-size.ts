/**
 * Session state size and the time of one server step (issue #14 part 4), starter bank:
 *
 *   npx tsx bench/assessment/state-size.ts [sessions]
 *
 * A server step is: read the stored state (JSON), answerItem, selectNextItem, viewPendingItem, store the
 * state (JSON). Measured at every step of 30-item sessions, two ways: the state kept in memory (the
 * library recognises states it produced and skips the replay) and the state read back from JSON (replayed
 * from its seed and answers and checked in full, the worst case). Compared with a state that embeds the
 * bank, as before: its size, and the cost of only parsing and writing it on every request.
 */
import { performance } from "node:perf_hooks";
import {
  answerItem,
  type AdaptiveSession,
  selectNextItem,
  STARTER_BANK,
  startAdaptiveSession,
  viewPendingItem,
} from "../../src/assessment/index.js";

const SESSIONS = Number(process.argv[2] ?? 100);
const LENGTH = 30;
const bytes = (s: string): number => Buffer.byteLength(s);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

function run(viaJson: boolean): { perStep: number[][]; sizes: number[][] } {
  const perStep: number[][] = Array.from({ length: LENGTH }, () => []);
  const sizes: number[][] = Array.from({ length: LENGTH }, () => []);
  for (let k = 0; k < SESSIONS; k++) {
    let state = selectNextItem(
      STARTER_BANK,
      startAdaptiveSession(STARTER_BANK, { seed: `state-bench/${k}`, seThreshold: null, maxItems: LENGTH }),
    );
    let stored = JSON.stringify(state);
    for (let i = 0; i < LENGTH; i++) {
      const t0 = performance.now();
      const s = viaJson ? (JSON.parse(stored) as AdaptiveSession) : state;
      let next = answerItem(STARTER_BANK, s, { itemId: s.pending!.itemId, correct: (k + i) % 3 !== 0 });
      if (next.status === "in_progress") next = selectNextItem(STARTER_BANK, next);
      viewPendingItem(STARTER_BANK, next);
      stored = JSON.stringify(next);
      perStep[i]!.push(performance.now() - t0);
      sizes[i]!.push(bytes(stored));
      state = next;
    }
  }
  return { perStep, sizes };
}

run(true); // warm-up
const memory = run(false);
const json = run(true);

// Before: the state embedded the bank (and so every key). Its size, and the cost of JSON alone per request.
const last = JSON.parse(
  JSON.stringify(selectNextItem(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: "x" }))),
) as Record<string, unknown>;
const embedded = JSON.stringify({
  ...last,
  bank: STARTER_BANK,
  log: Array.from({ length: LENGTH }, () => last.pending),
});
const tj = performance.now();
for (let i = 0; i < 200; i++) JSON.stringify(JSON.parse(embedded));
const embeddedJsonMs = (performance.now() - tj) / 200;

const us = (ms: number): string => `${Math.round(ms * 1000)} µs`;
process.stdout.write(
  `Session state and server step — starter bank (${STARTER_BANK.items.length} items), ${SESSIONS} sessions of ${LENGTH} items\n\n`,
);
process.stdout.write(
  "| after item | state size (max) | step, state in memory (median / p95) | step, state from JSON, replayed and checked (median / p95) |\n|---|---|---|---|\n",
);
for (const i of [1, 5, 10, 20, 30]) {
  const m = memory.perStep[i - 1]!;
  const j = json.perStep[i - 1]!;
  process.stdout.write(
    `| ${i} | ${Math.max(...json.sizes[i - 1]!)} B | ${us(median(m))} / ${us(p95(m))} | ${us(median(j))} / ${us(p95(j))} |\n`,
  );
}
const maxSize = Math.max(...json.sizes.flat());
process.stdout.write(
  `\nLargest state over all ${LENGTH} steps: ${maxSize} B (target <= 4096 B at ${LENGTH} items): ${maxSize <= 4096 ? "met" : "NOT met"}; no item, no key.\n`,
);
process.stdout.write(
  `Before, a state embedding the bank and the log: ${bytes(embedded)} B` +
    ` (${(bytes(embedded) / maxSize).toFixed(0)} x larger); JSON parse + stringify alone cost` +
    ` ${us(embeddedJsonMs)} per request.\n`,
);
const j30 = median(json.perStep[LENGTH - 1]!);
process.stdout.write(
  `Whole step at item ${LENGTH} from JSON: ${us(j30)} (${Math.round(1000 / j30)} steps/s per` +
    ` core); the embedded state's JSON alone cost ${(embeddedJsonMs / j30).toFixed(1)} x that.\n`,
);
