/** Seeded random choices for the hostile corpus and the fuzz test (the project's one PRNG). */

import { seededRng } from "../../scripts/sample_data/prng.ts";

/** Random choices drawn from one seed. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T;
}

/** A generator for `seed`: the same seed gives the same run. */
export function seededRandom(seed: number): SeededRandom {
  const rng = seededRng(seed);
  return { next: rng.next, int: (n) => rng.int(0, n - 1), pick: rng.pick };
}
