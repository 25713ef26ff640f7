/** Service lookup by name, with a "did you mean" for typos. */
import { DomainError } from '../errors.js';
import type { ServiceDefinition } from './settings.js';

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

/** The configured name closest to `input`, or null when nothing is configured. */
export function closestName(input: string, names: readonly string[]): string | null {
  const wanted = input.trim().toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best?.name ?? null;
}

export function findService(services: readonly ServiceDefinition[], input: string): ServiceDefinition {
  const wanted = input.trim().toLowerCase();
  const found = services.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const names = services.map((s) => s.name);
  if (names.length === 0) {
    throw new DomainError('UNKNOWN_SERVICE', `Unknown service "${input.trim()}": no services are configured. Leave out --service, or add services to the config.`, {
      input,
      valid: [],
    });
  }
  const suggestion = closestName(input, names);
  throw new DomainError('UNKNOWN_SERVICE', `Unknown service "${input.trim()}". Did you mean "${suggestion}"? Configured services: ${names.join(', ')}.`, {
    input,
    suggestion,
    valid: names,
  });
}
