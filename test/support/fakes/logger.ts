/** A logger that prints nothing and keeps what it was told, for assertions. */
import type { Logger } from '../../../src/core/ports.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

export interface RecordingLogger extends Logger {
  entries: LogEntry[];
  messages(level?: LogEntry['level']): string[];
}

export function createSilentLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    messages: (level) => entries.filter((e) => !level || e.level === level).map((e) => e.msg ?? ''),
  };
}
