import { pino, stdSerializers, type Logger as PinoLogger } from 'pino';

/** Paths pino blanks out wherever they appear, so a token passed in a log object never reaches the log. */
const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'password',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  '*.Authorization',
  '*.password',
  'headers.authorization',
  'config.headers.Authorization',
  'err.config.headers.Authorization',
];

/** Slack tokens and similar secrets found inside free text (error messages, URLs). */
const SECRET_PATTERN = /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+)\b/g;

export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, '[REDACTED]');
}

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): PinoLogger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: unknown) => {
          const serialized = stdSerializers.err(err as Error);
          return { ...serialized, message: scrubSecrets(serialized.message ?? ''), stack: scrubSecrets(serialized.stack ?? '') };
        },
      },
    },
    options.destination ?? process.stdout,
  );
}
