/**
 * Seeded pseudo-random numbers for the simulator: the same seed always gives the same sequence, on
 * every platform and Node version (pure 32-bit integer arithmetic, no Math.random).
 */

/** A source of uniform numbers in [0, 1). Each call advances the sequence. */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit generator, good enough for test traffic (not for cryptography).
 * @param seed any number; only its low 32 bits are used.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes several integers into one 32-bit seed (murmur3-style finaliser per part), so that
 * `mixSeed(seed, 1)` and `mixSeed(seed, 2)` start unrelated sequences. Used to give every burst of
 * random jobs its own generator, independent of how often the simulator was queried.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    let k = Math.trunc(part) >>> 0;
    k = Math.imul(k ^ (k >>> 16), 0x85ebca6b);
    k = Math.imul(k ^ (k >>> 13), 0xc2b2ae35);
    k ^= k >>> 16;
    h = Math.imul(h ^ k, 0x01000193) >>> 0;
    // Also fold in the high bits of large numbers (epoch ms exceed 32 bits).
    const high = Math.floor(Math.abs(part) / 4294967296) >>> 0;
    h = Math.imul(h ^ high, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A uniform integer in [min, max] (both inclusive). */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/**
 * One element of a non-empty list, chosen uniformly.
 * @throws Error when `items` is empty.
 */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}
