/**
 * The campaign's randomness: a seeded generator per input (xoshiro128**, seeded from the campaign seed and the
 * input's index by splitmix32), so input `i` of seed `s` is the same input whatever ran before it, and one case
 * reproduces alone (`npm run fuzz -- --seed s --only i`).
 */
export interface Prng {
  /** A whole number in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T;
  bytes(n: number): Uint8Array;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function inputPrng(seed: number, index: number): Prng {
  const mix = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ index) >>> 0);
  mix();
  const s = [mix(), mix(), mix(), mix() | 1];
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const prng: Prng = {
    int: (n) => (n <= 0 ? 0 : Math.floor((next() / 2 ** 32) * n)),
    chance: (p) => next() / 2 ** 32 < p,
    pick: (items) => items[prng.int(items.length)],
    weighted: (choices) => {
      const total = choices.reduce((sum, [w]) => sum + w, 0);
      let at = (next() / 2 ** 32) * total;
      for (const [w, value] of choices) {
        if ((at -= w) < 0) return value;
      }
      return choices[choices.length - 1][1];
    },
    bytes: (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = next() & 0xff;
      return out;
    },
  };
  return prng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
