export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function summary(values: number[]): { n: number; p50: number; p99: number; max: number } {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) };
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
