/**
 * Who is busy when. Time is a grid of global slots (working-day index × slots per day). The indexed
 * occupancy keeps one byte per entity and slot (bench/curriculum compares it with a naive list of bookings).
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
