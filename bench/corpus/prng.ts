/**
 * A seeded pseudo-random number generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128 bits of
 * state, passes PractRand), seeded through the cyrb128 string hash. The generator needs several independent streams
 * (the citation graph is replayed on its own, see preferentialAttachment.ts), so a stream is named by a label.
 */
export interface Prng {
  /** The next 32-bit unsigned integer. */
  uint32(): number;
  /** A float in [0, 1) with 53 random bits. */
  float(): number;
  /** An integer in [0, n), for 1 ≤ n ≤ 2^53. */
  below(n: number): number;
}

/** cyrb128: four 32-bit words from a string, well mixed, so nearby seeds and labels give unrelated states. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * The generator for `seed` and `stream`: the same pair always yields the same sequence, on every platform (integer
 * arithmetic only); different streams of one seed are unrelated.
 */
export function createPrng(seed: number, stream: string): Prng {
  let [a, b, c, d] = cyrb128(`${seed}/${stream}`);
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of a freshly seeded sfc32 are still close to its seed words.
  for (let i = 0; i < 12; i++) uint32();
  const float = (): number => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
  return {
    uint32,
    float,
    below: (n) => Math.min(n - 1, Math.floor(float() * n)),
  };
}
