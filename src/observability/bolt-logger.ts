import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import { scrubSecrets } from './logger.js';

const PINO_LEVEL: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

function line(parts: unknown[]): string {
  return scrubSecrets(parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(' '));
}

/** Bolt and the Slack SDK log through our pino logger, with the same secret scrubbing. */
export function toBoltLogger(logger: PinoLogger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
      child.level = PINO_LEVEL[next];
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
