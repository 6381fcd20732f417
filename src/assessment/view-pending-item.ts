import { resumeSession } from "./_session.js";
import type { ClientItem } from "./item.js";
import type { AdaptiveSession } from "./session-state.js";
import { viewItem } from "./view-item.js";

/**
 * The key-free view of the item a session is waiting for (see {@link viewItem}), or null when nothing
 * is pending. This is what a server sends to the participant's browser; the state and the bank stay on
 * the server.
 *
 * @param bank - the bank the session was started with
 * @param state - a session state
 * @returns `{ id, kind, competence, stem, options?, unit?, timeLimitSeconds? }` or null
 * @throws {DeclicsError} `invalid_session_state` when the state does not replay on this bank
 * @example
 * ```ts
 * import { STARTER_BANK, startAdaptiveSession, selectNextItem, viewPendingItem } from "declics/assessment";
 * const s = selectNextItem(STARTER_BANK, startAdaptiveSession(STARTER_BANK, { seed: 1 }));
 * const item = viewPendingItem(STARTER_BANK, s);
 * [item?.id === s.pending?.itemId, item !== null && "answer" in item];
 * // => [true, false]
 * ```
 * @category Adaptive testing
 */
export function viewPendingItem(bank: unknown, state: AdaptiveSession): ClientItem | null {
  const r = resumeSession(bank, state);
  return r.pending === null ? null : viewItem(r.engine.p.items[r.pending.index]!);
}
