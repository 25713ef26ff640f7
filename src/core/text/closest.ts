/** "Did you mean …?" for typed names (services, subcommands, config keys): one implementation for every edge. */

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("chekcout" → "checkout" is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidate nearest to `input` (case-insensitive), or null when none is within a typo's reach. */
export function closestMatch(input: string, candidates: readonly string[]): string | null {
  const needle = input.trim().toLowerCase();
  if (!needle) return null;
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    // A prefix ("resol" → "resolve") is as good as a one-letter typo.
    const distance = hay.startsWith(needle) && needle.length >= 2 ? 1 : editDistance(needle, hay);
    if (best === null || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return null;
  const allowed = Math.max(1, Math.min(3, Math.floor(best.candidate.length / 3)));
  return best.distance <= allowed ? best.candidate : null;
}
