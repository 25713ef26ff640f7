/**
 * examples/deploy-gate.yml: a plausible GitHub Actions workflow, and its gate step really works: the step's script
 * runs under bash as Actions runs it, with a stub `docker` on PATH that plays `warroom deploy-check` answering each
 * exit code of the real CLI (DEPLOY_CHECK_EXIT), and the step's status, outputs and messages are checked per decision.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY_CHECK_EXIT } from '../../src/templates/deploy-check/index.js';
import { runProcess } from './support/process.js';

const repo = new URL('../../', import.meta.url).pathname;

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Job {
  'runs-on'?: string;
  needs?: string | string[];
  environment?: string;
  outputs?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  env?: Record<string, string>;
  jobs?: Record<string, Job>;
}

const workflow = parse(readFileSync(join(repo, 'examples/deploy-gate.yml'), 'utf8')) as Workflow;
const gateJob = workflow.jobs?.gate;
const gateStep = gateJob?.steps?.find((step) => step.run?.includes('deploy-check'));
const script = gateStep?.run ?? '';

/** How Actions runs `shell: bash` (docs: "Default shell"): bash --noprofile --norc -eo pipefail {0}. */
const BASH_AS_ACTIONS = ['--noprofile', '--norc', '-eo', 'pipefail'];

describe('examples/deploy-gate.yml', () => {
  it('is a workflow: triggers, jobs on a runner with steps, and a deploy job that needs the gate', () => {
    expect(workflow.name).toBeTruthy();
    expect(Object.keys(workflow.on ?? {})).toEqual(expect.arrayContaining(['push', 'workflow_dispatch']));
    for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
      expect(job['runs-on'], name).toBe('ubuntu-latest');
      expect(job.steps?.length, name).toBeGreaterThan(0);
      for (const step of job.steps ?? []) expect(Boolean(step.run) !== Boolean(step.uses), `${name}: a step has run or uses`).toBe(true);
    }
    const deploy = workflow.jobs?.deploy;
    expect(deploy?.needs).toBe('gate');
    expect(deploy?.environment).toBe('${{ needs.gate.outputs.environment }}');
    expect(gateJob?.outputs?.environment).toBe(`\${{ steps.${gateStep?.id ?? '?'}.outputs.environment }}`);
  });

  it('runs the gate in bash with its inputs from the environment (no ${{ }} inside the script) and secrets for credentials', () => {
    expect(gateStep?.shell).toBe('bash');
    expect(script).toMatch(/deploy-check "\$SERVICE" --json/);
    expect(script).not.toContain('${{');
    expect(gateStep?.env?.DATABASE_URL).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
    expect(gateStep?.env?.PROMETHEUS_URL).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
    expect(workflow.env?.WARROOM_IMAGE).toMatch(/^[\w./-]+\/warroom:(?!latest$)[\w.-]+$/);
  });

  it('names every exit code of warroom deploy-check', () => {
    for (const code of Object.values(DEPLOY_CHECK_EXIT)) {
      if (code === DEPLOY_CHECK_EXIT.failure) continue; // 1 falls to the catch-all: no decision, no deploy
      expect(script).toMatch(new RegExp(`^\\s*${code}\\)`, 'm'));
    }
  });

  describe('the gate step, run against a stub warroom container', () => {
    let scratch = '';
    let bin = '';

    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'warroom-gate-'));
      bin = join(scratch, 'bin');
      mkdirSync(bin);
      // Plays `docker run … warroom deploy-check …`: records its arguments, prints the JSON it was given, exits as told.
      writeFileSync(join(bin, 'docker'), '#!/bin/sh\nprintf "%s\\n" "$@" > "$STUB_ARGS"\nif [ -n "$STUB_JSON" ]; then printf "%s\\n" "$STUB_JSON"; fi\necho "stub stderr" >&2\nexit "$STUB_EXIT"\n');
      chmodSync(join(bin, 'docker'), 0o755);
    });

    afterAll(() => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    async function runGate(exitCode: number, answer: { decision: string; counts_as: string } | null) {
      const dir = mkdtempSync(join(scratch, 'run-'));
      const files = { script: join(dir, 'step.sh'), output: join(dir, 'output'), summary: join(dir, 'summary'), args: join(dir, 'args') };
      writeFileSync(files.script, script);
      for (const file of [files.output, files.summary]) writeFileSync(file, '');
      const json = answer ? JSON.stringify({ version: 1, service: 'checkout', ...answer, exit_code: exitCode, reasons: ['error budget 12% left'], conditions: ['2 approvals'] }) : '';
      const result = await runProcess('bash', [...BASH_AS_ACTIONS, files.script], {
        cwd: dir,
        env: {
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          HOME: dir,
          ...workflow.env,
          SERVICE: 'checkout',
          ...gateStep?.env,
          DATABASE_URL: 'postgres://gate@db/warroom',
          PROMETHEUS_URL: 'http://prometheus:9090',
          CHANGE: 'https://github.com/acme/shop/commit/abc123',
          GITHUB_OUTPUT: files.output,
          GITHUB_STEP_SUMMARY: files.summary,
          GITHUB_ACTOR: 'octocat',
          STUB_EXIT: String(exitCode),
          STUB_JSON: json,
          STUB_ARGS: files.args,
        },
        timeoutMs: 20_000,
      });
      const outputs = Object.fromEntries(
        readFileSync(files.output, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('=', 2) as [string, string]),
      );
      return { code: result.code, stdout: result.stdout, outputs, summary: readFileSync(files.summary, 'utf8'), dockerArgs: readFileSync(files.args, 'utf8').trim().split('\n') };
    }

    const decision = (name: string, countsAs = name) => ({ decision: name, counts_as: countsAs });

    it('PROCEED goes to the production environment', async () => {
      const gate = await runGate(DEPLOY_CHECK_EXIT.PROCEED, decision('PROCEED'));
      expect(gate.code, gate.stdout).toBe(0);
      expect(gate.outputs).toEqual({ decision: 'PROCEED', environment: 'production' });
      expect(gate.stdout).toContain('::notice');
      expect(gate.summary).toContain('Deploy check for checkout: PROCEED');
      // The container is asked the right question, with credentials passed by name only.
      expect(gate.dockerArgs.slice(0, 2)).toEqual(['run', '--rm']);
      expect(gate.dockerArgs).toEqual(expect.arrayContaining([workflow.env?.WARROOM_IMAGE, 'deploy-check', 'checkout', '--json', '--change', 'https://github.com/acme/shop/commit/abc123', 'DATABASE_URL', 'PROMETHEUS_URL', 'WARROOM_CONFIG=/etc/warroom/warroom.yml']));
      expect(gate.dockerArgs.join(' ')).not.toContain('postgres://');
      const image = gate.dockerArgs.indexOf(workflow.env?.WARROOM_IMAGE ?? '');
      expect(gate.dockerArgs.slice(image + 1, image + 4)).toEqual(['deploy-check', 'checkout', '--json']);
    });

    for (const name of ['CAUTION', 'REVIEW'] as const) {
      it(`${name} goes to the reviewed environment, with its conditions in the summary`, async () => {
        const gate = await runGate(DEPLOY_CHECK_EXIT[name], decision(name));
        expect(gate.code, gate.stdout).toBe(0);
        expect(gate.outputs).toEqual({ decision: name, environment: 'production-reviewed' });
        expect(gate.stdout).toContain(`::warning title=Deploy gate::${name}`);
        expect(gate.summary).toContain('- 2 approvals');
        expect(gate.summary).toContain('- error budget 12% left');
      });
    }

    it('BLOCKED stops the workflow and says how to break glass', async () => {
      const gate = await runGate(DEPLOY_CHECK_EXIT.BLOCKED, decision('BLOCKED'));
      expect(gate.code).not.toBe(0);
      expect(gate.outputs).toEqual({ decision: 'BLOCKED' });
      expect(gate.stdout).toContain('::error title=Deploy gate::BLOCKED');
      expect(gate.stdout).toContain('--override');
    });

    it('UNKNOWN follows counts_as: REVIEW waits for a reviewer, BLOCKED stops', async () => {
      const asReview = await runGate(DEPLOY_CHECK_EXIT.UNKNOWN, decision('UNKNOWN', 'REVIEW'));
      expect(asReview.code, asReview.stdout).toBe(0);
      expect(asReview.outputs).toEqual({ decision: 'UNKNOWN', environment: 'production-reviewed' });
      expect(asReview.summary).toContain('Counts as REVIEW');

      const asBlocked = await runGate(DEPLOY_CHECK_EXIT.UNKNOWN, decision('UNKNOWN', 'BLOCKED'));
      expect(asBlocked.code).not.toBe(0);
      expect(asBlocked.outputs).toEqual({ decision: 'UNKNOWN' });
      expect(asBlocked.stdout).toContain('counts as BLOCKED');
    });

    const errors: [string, number, RegExp][] = [
      ['a usage error', DEPLOY_CHECK_EXIT.usage, /usage error \(exit 64\).*"checkout"/],
      ['a configuration error', DEPLOY_CHECK_EXIT.config, /configuration error \(exit 78\)/],
      ['an unexpected failure', DEPLOY_CHECK_EXIT.failure, /failed \(exit 1\)/],
      ['docker failing to run the image', 125, /failed \(exit 125\)/],
    ];
    for (const [what, code, message] of errors) {
      it(`${what} (exit ${code}) stops the workflow without a decision`, async () => {
        const gate = await runGate(code, null);
        expect(gate.code).not.toBe(0);
        expect(gate.outputs).toEqual({});
        expect(gate.stdout).toMatch(/::error title=Deploy gate::/);
        expect(gate.stdout).toMatch(message);
      });
    }
  });

  const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (shellcheck.status !== 0) console.warn('shellcheck is not installed: the gate script is not statically checked (apt-get install shellcheck)');
  it.skipIf(shellcheck.status !== 0)('passes shellcheck', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', '-'], { input: script, encoding: 'utf8' });
    expect(result.status, result.stdout).toBe(0);
  });
});
