/**
 * Bridges our pino-style Logger to @slack/web-api's Logger. Everything passes through `redactSecrets` first, so a
 * token that ends up in an SDK message (an echoed header, a URL) never reaches the logs.
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../../core/ports.js';

const SEVERITY: Record<LogLevel, number> = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };

/** Slack tokens (xoxb-, xoxp-, xapp-, …) and bearer credentials. */
export function redactSecrets(text: string): string {
  return text.replace(/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g, '[redacted]').replace(/\b(Bearer)\s+[^\s"',}]+/gi, '$1 [redacted]');
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

/**
 * A @slack/web-api Logger writing to `logger`, or dropping everything when none is given. `secrets` (the token in use)
 * are blanked out verbatim too, whatever their shape.
 */
export function toSlackLogger(logger: Logger | undefined, options: { level?: LogLevel; secrets?: string[] } = {}): SlackLogger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  let current = options.level ?? LogLevel.INFO;
  let name = 'slack-web-api';
  const write = (at: LogLevel, msg: unknown[]): void => {
    if (!logger || SEVERITY[at] < SEVERITY[current]) return;
    const text = secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), redactSecrets(msg.map(describe).join(' ')));
    logger[at]({ component: name }, text);
  };
  return {
    debug: (...msg: unknown[]) => write(LogLevel.DEBUG, msg),
    info: (...msg: unknown[]) => write(LogLevel.INFO, msg),
    warn: (...msg: unknown[]) => write(LogLevel.WARN, msg),
    error: (...msg: unknown[]) => write(LogLevel.ERROR, msg),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next: string) => {
      name = next;
    },
  };
}
