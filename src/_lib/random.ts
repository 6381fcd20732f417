/** A source of uniform numbers in [0, 1), like `Math.random`. The core never calls `Math.random` itself. */
export type RandomSource = () => number;

/**
 * A small, fast, seedable generator (sfc32 seeded through splitmix32). The same seed always yields the
 * same sequence on every platform, so simulations and adaptive sessions replay exactly.
 */
export function createSeededRandom(seed: number | string): RandomSource {
  let state = typeof seed === "number" ? seed >>> 0 : hashString(seed);
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

function hashString(text: string): number {
  // FNV-1a, enough to turn a textual seed into 32 bits.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
