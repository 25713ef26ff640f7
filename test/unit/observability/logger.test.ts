import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/observability/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

describe('logger', () => {
  it('never writes Slack tokens or secrets, whether in fields, nested objects, messages or errors', () => {
    const { lines, logger } = capture();
    logger.info({ token: 'xoxb-123-456-abcdef', config: { botToken: 'xoxb-9', signingSecret: 's3cret' }, headers: { authorization: 'Bearer xoxb-77' } }, 'starting');
    logger.warn({}, 'call failed with token xoxb-111-222-secretvalue and app token xapp-1-A1-2-secret');
    logger.error({ err: new Error('invalid_auth for xoxb-555-666-leaked') }, 'auth failed');
    const output = lines.join('\n');
    expect(output).not.toMatch(/xox[bp]-\d|xapp-1|s3cret/);
    expect(output).toContain('[REDACTED]');
    expect(lines).toHaveLength(3);
  });
});
