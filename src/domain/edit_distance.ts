/** "Did you mean ...?": the nearest of a few known names to a mistyped one. */

/** Edit distance with adjacent transpositions (optimal string alignment): "hcp" -> "hpc" is 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidates nearest to `typed` (case-insensitive) when close enough to be
 * a typo (at most 2 edits, and fewer than half the letters), joined with " or "
 * ("gcp or hpc"), else null.
 */
export function didYouMean(typed: string, candidates: Iterable<string>): string | null {
  const t = typed.trim().toLowerCase();
  let best: string[] = [];
  let bestD = Infinity;
  for (const c of new Set(candidates)) {
    const d = editDistance(t, c.toLowerCase());
    if (d === 0 || d > 2 || d * 2 >= Math.max(t.length, 2)) continue;
    if (d < bestD) [best, bestD] = [[c], d];
    else if (d === bestD) best.push(c);
  }
  return best.length ? best.join(" or ") : null;
}
