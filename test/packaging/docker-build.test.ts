/**
 * Builds the image and runs it, where a Docker engine answers (`docker info`); elsewhere the test is skipped, saying
 * why: the rest of test/packaging checks the Dockerfile and the runtime tree without an engine.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runProcess } from './support/process.js';

const repo = new URL('../../', import.meta.url).pathname;
const TAG = `warroom-packaging-test:${process.pid}`;

const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
const engine = info.status === 0 && !info.error;
if (!engine) {
  const why = info.error ? `no docker command (${info.error.message})` : (info.stderr || info.stdout).trim().split('\n')[0];
  console.warn(`Docker image build SKIPPED: no Docker engine answers \`docker info\` here: ${why}`);
}

describe.skipIf(!engine)('docker image', () => {
  it('builds, runs `help` as uid 1000, and removes it again', async () => {
    try {
      const build = await runProcess('docker', ['build', '--tag', TAG, repo], { timeoutMs: 900_000 });
      expect(build.code, build.stderr.slice(-4000)).toBe(0);

      const help = await runProcess('docker', ['run', '--rm', TAG, 'help'], { timeoutMs: 60_000 });
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain('Usage: warroom <command>');

      const user = await runProcess('docker', ['run', '--rm', '--entrypoint', 'id', TAG, '-u'], { timeoutMs: 60_000 });
      expect(user.stdout.trim()).toBe('1000');
    } finally {
      await runProcess('docker', ['image', 'rm', '--force', TAG], { timeoutMs: 60_000 });
    }
  }, 1_000_000);
});
