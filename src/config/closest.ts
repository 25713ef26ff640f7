/** "Did you mean …?" for typed names: the closest candidate by edit distance, when it is close enough to be a typo. */

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] ?? 0;
}

/** The candidate nearest to `input` (case-insensitive), or null when none is within a typo's reach. */
export function closestMatch(input: string, candidates: readonly string[]): string | null {
  const needle = input.toLowerCase();
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
