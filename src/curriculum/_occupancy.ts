/**
 * Who is busy when. Time is a grid of global slots (working-day index × slots per day). The indexed
 * occupancy keeps one byte per entity and slot; the naive one (kept for the benchmark baseline) scans
 * every booking made so far.
 */
export interface Occupancy {
  participantFree(p: number, from: number, to: number): boolean;
  resourceFree(r: number, from: number, to: number): boolean;
  occupyParticipant(p: number, from: number, to: number): void;
  occupyResource(r: number, from: number, to: number): void;
  releaseParticipant(p: number, from: number, to: number): void;
  releaseResource(r: number, from: number, to: number): void;
}

export function createIndexedOccupancy(participants: number, resources: number, slots: number): Occupancy {
  const pGrid = new Uint8Array(participants * slots);
  const rGrid = new Uint8Array(resources * slots);
  const free = (grid: Uint8Array, base: number, from: number, to: number): boolean => {
    for (let s = base + from, end = base + to; s < end; s++) if (grid[s] !== 0) return false;
    return true;
  };
  const set = (grid: Uint8Array, base: number, from: number, to: number, delta: number): void => {
    for (let s = base + from, end = base + to; s < end; s++) grid[s] = (grid[s] ?? 0) + delta;
  };
  return {
    participantFree: (p, from, to) => free(pGrid, p * slots, from, to),
    resourceFree: (r, from, to) => free(rGrid, r * slots, from, to),
    occupyParticipant: (p, from, to) => set(pGrid, p * slots, from, to, 1),
    occupyResource: (r, from, to) => set(rGrid, r * slots, from, to, 1),
    releaseParticipant: (p, from, to) => set(pGrid, p * slots, from, to, -1),
    releaseResource: (r, from, to) => set(rGrid, r * slots, from, to, -1),
  };
}

/** The baseline: one flat list of bookings, scanned on every check (no index). */
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
