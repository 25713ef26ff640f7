import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

function warroom(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('warroom command line', () => {
  it('start without Slack credentials fails fast, naming every variable and where to get it', () => {
    const result = warroom(['start'], { WARROOM_CONFIG: join(root, 'config/warroom.example.yml') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).toContain('OAuth & Permissions');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(result.stderr).toContain('SLACK_APP_TOKEN');
  });

  it('config validate says ok for the shipped example and lists every problem of a bad file with its path', () => {
    expect(warroom(['config', 'validate', 'config/warroom.example.yml'])).toMatchObject({ code: 0, stdout: 'ok\n' });

    const dir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, ['time_zone: Mars/Olympus', 'incidents:', '  default_severity: SEV9', '  sevrities: []', 'services:', '  - name: checkout', '    owners_group: not-a-group'].join('\n'));
    const result = warroom(['config', 'validate', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/time_zone/);
    expect(result.stderr).toMatch(/incidents\.default_severity/);
    expect(result.stderr).toMatch(/incidents\.sevrities.*severities/);
    expect(result.stderr).toMatch(/services\[0\]\.owners_group/);
  });

  it('migrate applies the migrations to a fresh SQLite file and is idempotent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-cli-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'w.db')}` };
    const first = warroom(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/sqlite.*0 pending/);
    expect(warroom(['migrate'], env).code).toBe(0);
  });

  it('rejects an unknown command with the usage', () => {
    const result = warroom(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: warroom');
  });
});
