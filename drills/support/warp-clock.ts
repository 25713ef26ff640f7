/**
 * A clock for drills: `<simulated start ISO>@<wall-clock start ms>x<speed>`. Every process given the same spec reads
 * the same simulated time (they share the machine's wall clock), so replicas agree on what is due.
 */
export interface WarpSpec {
  simulatedStart: number;
  wallStart: number;
  speed: number;
}

export function warpSpec(simulatedStart: Date, speed: number, wallStart = Date.now()): string {
  return `${simulatedStart.toISOString()}@${wallStart}x${speed}`;
}

export function parseWarp(spec: string): WarpSpec {
  const match = /^(.+)@(\d+)x(\d+(?:\.\d+)?)$/.exec(spec);
  const simulatedStart = match ? Date.parse(match[1] ?? '') : Number.NaN;
  if (!match || Number.isNaN(simulatedStart)) throw new Error(`DRILL_CLOCK must look like 2026-01-05T08:00:00Z@<wall ms>x<speed>, got "${spec}"`);
  return { simulatedStart, wallStart: Number(match[2]), speed: Number(match[3]) };
}

export function simulatedAt(spec: WarpSpec, wallMs: number): number {
  return spec.simulatedStart + (wallMs - spec.wallStart) * spec.speed;
}

export function warpClock(text: string): { now(): Date } {
  const spec = parseWarp(text);
  return { now: () => new Date(simulatedAt(spec, Date.now())) };
}
