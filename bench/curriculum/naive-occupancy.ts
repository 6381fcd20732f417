import type { Occupancy } from "../../src/curriculum/_occupancy.js";

/**
 * The benchmark's baseline conflict checker: one flat list of bookings, scanned on every check (no index).
 * Lives here, not in src: production code never uses it.
 */
export function createNaiveOccupancy(): Occupancy {
  const bookings: Array<{ kind: 0 | 1; id: number; from: number; to: number }> = [];
  const free = (kind: 0 | 1, id: number, from: number, to: number): boolean => {
    for (const b of bookings) if (b.kind === kind && b.id === id && b.from < to && from < b.to) return false;
    return true;
  };
  const release = (kind: 0 | 1, id: number, from: number, to: number): void => {
    const i = bookings.findIndex((b) => b.kind === kind && b.id === id && b.from === from && b.to === to);
    if (i >= 0) bookings.splice(i, 1);
  };
  return {
    participantFree: (p, from, to) => free(0, p, from, to),
    resourceFree: (r, from, to) => free(1, r, from, to),
    occupyParticipant: (p, from, to) => void bookings.push({ kind: 0, id: p, from, to }),
    occupyResource: (r, from, to) => void bookings.push({ kind: 1, id: r, from, to }),
    releaseParticipant: (p, from, to) => release(0, p, from, to),
    releaseResource: (r, from, to) => release(1, r, from, to),
  };
}
