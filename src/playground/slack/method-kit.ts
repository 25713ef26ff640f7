/**
 * What every fake Web API method is made of: a handler over the workspace, plus the error codes it may answer with,
 * so the spec test can check them against Slack's published description.
 */
import type { FakeWorkspace } from './workspace.js';

export type SlackArgs = Record<string, unknown>;

export interface MethodContext {
  ws: FakeWorkspace;
  args: SlackArgs;
  /** http://127.0.0.1:PORT, for URLs the fake hands out (permalinks, workspace URL). */
  baseUrl: string;
}

export interface FakeMethod {
  /** Error codes this method can answer with (beyond auth errors, which the server answers itself). */
  errors: readonly string[];
  handle(ctx: MethodContext): Record<string, unknown>;
}

/** Thrown by handlers: becomes HTTP 200 `{ ok: false, error, ...extra }`, as Slack answers. */
export class SlackFailure extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export function fail(error: string, extra: Record<string, unknown> = {}): never {
  throw new SlackFailure(error, extra);
}

export function optionalString(args: SlackArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

/** A required argument; Slack answers `invalid_arguments` when one is missing (older methods have their own codes). */
export function requiredString(args: SlackArgs, name: string, missingError = 'invalid_arguments'): string {
  return optionalString(args, name) ?? fail(missingError);
}

export function flag(args: SlackArgs, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Form-encoded calls carry JSON-valued arguments (blocks, view) as strings; JSON calls carry them as values. */
export function jsonArg(args: SlackArgs, name: string, invalidError: string): unknown {
  const value = args[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fail(invalidError);
  }
}

export function csv(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Cursor pagination as Slack does it: an opaque cursor, `next_cursor: ''` on the last page. */
export function paginate<T>(items: T[], args: SlackArgs, defaultLimit: number): { page: T[]; nextCursor: string } {
  const limitArg = Number(optionalString(args, 'limit') ?? defaultLimit);
  const limit = Number.isFinite(limitArg) && limitArg > 0 ? Math.min(limitArg, 1000) : defaultLimit;
  const cursor = optionalString(args, 'cursor');
  let offset = 0;
  if (cursor !== undefined) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!decoded?.[1]) fail('invalid_cursor');
    offset = Number(decoded[1]);
  }
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { page, nextCursor: next };
}
