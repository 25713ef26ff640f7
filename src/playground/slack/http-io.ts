/** Request parsing for the fake Web API, as Slack reads arguments (answers go through ../http-kit.ts). */
import type { IncomingMessage } from 'node:http';
import type { SlackArgs } from './method-kit.js';

/** Arguments Slack takes as JSON even in form-encoded calls; decoded so tests see values, not strings. */
const JSON_VALUED_ARGS = ['blocks', 'attachments', 'view', 'metadata'];

/** Query string and body (form-encoded or JSON) merged, as Slack reads arguments from both. */
export function parseArgs(url: URL, contentType: string | undefined, body: string): SlackArgs | { invalid: string } {
  const args: SlackArgs = Object.fromEntries(url.searchParams.entries());
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length > 0) {
    if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return { invalid: 'invalid_json' };
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { invalid: 'json_not_object' };
      Object.assign(args, parsed);
    } else if (type === 'application/x-www-form-urlencoded' || type === '') {
      Object.assign(args, Object.fromEntries(new URLSearchParams(body).entries()));
    } else {
      return { invalid: 'invalid_form_data' };
    }
  }
  for (const name of JSON_VALUED_ARGS) {
    const value = args[name];
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        args[name] = JSON.parse(value) as unknown;
      } catch {
        // Left as a string: the method answers with its own "invalid format" error.
      }
    }
  }
  return args;
}

export function bearerToken(req: IncomingMessage, args: SlackArgs): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match?.[1]) return match[1];
  return typeof args.token === 'string' && args.token.length > 0 ? args.token : undefined;
}


