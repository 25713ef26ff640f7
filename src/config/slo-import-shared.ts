/** What the Sloth and OpenSLO readers share: defensive access to parsed YAML, problem paths, objective checks. */
import type { SloDefinition } from '../core/release/model.js';
import type { Problem } from './problems.js';

export type Node = Record<string, unknown>;

export const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value);

/** One SLO read from a file, with where its name was written (for duplicate names across files). */
export interface ImportedSlo {
  slo: SloDefinition;
  /** Problem path of the name, e.g. `slo/checkout.sloth.yml: slos[1].name`. */
  namePath: string;
}

/** A place in a file that names a service, checked against `services:` even when its SLOs are rejected. */
export interface ServiceRef {
  service: string;
  path: string;
}

export interface DocumentContext {
  /** The file as written in slo_files (relative to the config file). */
  file: string;
  /** 1-based; null when the file holds a single document. */
  document: number | null;
  /** The window used where the file gives none (Sloth always; OpenSLO without timeWindow). */
  defaultWindow: string;
  problems: Problem[];
  services: ServiceRef[];
}

/** `slo/x.yml: document 2: spec.service`: the file, the document when there are several, the path in it. */
export function pathIn(ctx: DocumentContext, path: string): string {
  const doc = ctx.document === null ? '' : `document ${ctx.document}: `;
  return `${ctx.file}: ${doc}${path}`.replace(/: $/, '');
}

export function report(ctx: DocumentContext, path: string, message: string): void {
  ctx.problems.push({ path: pathIn(ctx, path), message });
}

/** For SloDefinition.source: `slo/checkout.sloth.yml slos[1]`. */
export function sourceIn(ctx: DocumentContext, path: string): string {
  return [ctx.file, ctx.document === null ? '' : `document ${ctx.document}`, path].filter(Boolean).join(' ');
}

/** Reads the field naming the service and records where it was written. */
export function serviceOf(ctx: DocumentContext, node: Node, key: string, path: string): string | null {
  const service = requireText(ctx, node, key, path, `the service the SLO${key === 'service' ? 's belong' : ' belongs'} to`);
  if (service !== null) ctx.services.push({ service, path: pathIn(ctx, path) });
  return service;
}

/** A non-empty string field, or null after reporting why not. */
export function requireText(ctx: DocumentContext, node: Node, key: string, path: string, what: string): string | null {
  const value = node[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  report(ctx, path, value === undefined ? `required (${what})` : `expected ${what}, got ${describe(value)}`);
  return null;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Percent objectives must leave a budget: 0 < x < 100. Returns the problem, or null. */
export function objectiveProblem(percent: number): string | null {
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100) {
    return percent === 100 ? 'an objective of 100% leaves no error budget to measure (use e.g. 99.99)' : `expected a percentage between 0 and 100 (exclusive), got ${percent}`;
  }
  return null;
}

/** 0.999 × 100 is 99.89999999999999 in floating point; objectives are shown and compared as written. */
export const fractionToPercent = (fraction: number): number => Number((fraction * 100).toPrecision(12));
