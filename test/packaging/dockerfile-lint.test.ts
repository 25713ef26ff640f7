/**
 * Lints the Dockerfile with our own rules (support/dockerfile-rules.ts), shows each rule catching a bad Dockerfile,
 * and runs hadolint too where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instructionsOf, parseCopy, parseDockerfile, readDockerfile } from './support/dockerfile.js';
import { readDockerIgnore } from './support/dockerignore.js';
import { ALL_RULES, runtimeCopiesOnly, type Rule } from './support/dockerfile-rules.js';

const repo = new URL('../../', import.meta.url).pathname;
const dockerfile = readDockerfile(join(repo, 'Dockerfile'));

/** The only build-context paths the runtime stage may copy: the documented example configuration. */
const RUNTIME_CONTEXT_ALLOW_LIST = ['config/'] as const;

const GOOD = `
ARG BASE=node:20.20-bookworm-slim
FROM \${BASE} AS build
WORKDIR /app
RUN apt-get update \\
 && apt-get install -y --no-install-recommends g++ \\
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
FROM \${BASE}
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/dist/ dist/
COPY config/ config/
RUN mkdir -p /app/data && chown 1000:1000 /app/data
USER 1000:1000
EXPOSE 3000
HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz')"]
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["start"]
`;

/** One broken variant of GOOD per rule, each breaking only that rule. */
const BROKEN: Record<keyof typeof ALL_RULES, [string, string]> = {
  pinnedBaseImages: ['ARG BASE=node:20.20-bookworm-slim', 'ARG BASE=node:latest'],
  nonRootNumericUser: ['USER 1000:1000', 'USER node'],
  healthcheckOnHealthz: ['/healthz', '/'],
  noRemoteAdd: ['COPY config/ config/', 'COPY config/ config/\nADD https://example.com/tool.tgz /tmp/'],
  tidyAptGet: [' && rm -rf /var/lib/apt/lists/*', ' && true'],
  npmCiOnly: ['RUN npm ci', 'RUN npm install'],
  noSecretsInEnvOrArg: ['ENV NODE_ENV=production', 'ENV NODE_ENV=production SLACK_BOT_TOKEN=xoxb-1'],
  execFormCommands: ['CMD ["start"]', 'CMD node dist/cli.js start'],
  productionRuntime: ['RUN mkdir -p /app/data && chown 1000:1000 /app/data', 'RUN mkdir -p /app/data'],
  exposesDefaultPort: ['EXPOSE 3000', 'EXPOSE 8080'],
};

describe('Dockerfile lint', () => {
  it('has a build stage and a runtime stage', () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
  });

  for (const [name, rule] of Object.entries(ALL_RULES) as [string, Rule][]) {
    it(`follows the rule ${name}`, () => {
      expect(rule(dockerfile)).toEqual([]);
    });
  }

  it('copies into the runtime stage only from the build stage or the allow-listed context paths', () => {
    expect(runtimeCopiesOnly(RUNTIME_CONTEXT_ALLOW_LIST)(dockerfile)).toEqual([]);
  });

  it('keeps only production dependencies: the build stage prunes devDependencies after building', () => {
    const build = dockerfile.stages[0];
    const runs = build ? instructionsOf(build, 'RUN').map((run) => run.args) : [];
    const buildIndex = runs.findIndex((run) => /\bnpm run build\b/.test(run));
    const pruneIndex = runs.findIndex((run) => /\bnpm prune\b.*--omit=dev/.test(run) || /\bnpm ci\b.*--omit=dev/.test(run));
    expect(buildIndex).toBeGreaterThanOrEqual(0);
    expect(pruneIndex).toBeGreaterThanOrEqual(buildIndex);
  });

  it('keeps secrets and local state out of the build context, but not what the build copies', () => {
    const ignore = readDockerIgnore(join(repo, '.dockerignore'));
    for (const path of ['.env', '.env.local', 'config/.env', 'warroom.yml', 'data/warroom.db', 'warroom.db-wal', 'node_modules/x/index.js', 'dist/cli.js', '.git/config', 'coverage/index.html', 'test-artifacts/a.png', 'bench/results.json']) {
      expect(ignore.ignores(path), path).toBe(true);
    }
    const copied = dockerfile.stages.flatMap((stage) => instructionsOf(stage, 'COPY').map(parseCopy)).filter((copy) => copy.from === null);
    for (const source of copied.flatMap((copy) => copy.sources)) expect(ignore.ignores(source), source).toBe(false);
  });

  describe('each rule catches a bad Dockerfile', () => {
    it('finds nothing wrong with the reference Dockerfile', () => {
      const good = parseDockerfile(GOOD);
      for (const rule of Object.values(ALL_RULES)) expect(rule(good)).toEqual([]);
      expect(runtimeCopiesOnly(RUNTIME_CONTEXT_ALLOW_LIST)(good)).toEqual([]);
    });

    for (const [name, [from, to]] of Object.entries(BROKEN)) {
      it(name, () => {
        expect(GOOD).toContain(from);
        const bad = parseDockerfile(GOOD.replace(from, to));
        expect(ALL_RULES[name as keyof typeof ALL_RULES](bad)).not.toEqual([]);
      });
    }

    it('runtimeCopiesOnly', () => {
      expect(runtimeCopiesOnly(RUNTIME_CONTEXT_ALLOW_LIST)(parseDockerfile(GOOD.replace('COPY config/ config/', 'COPY . .')))).not.toEqual([]);
      expect(runtimeCopiesOnly(RUNTIME_CONTEXT_ALLOW_LIST)(parseDockerfile(GOOD.replace('--from=build', '--from=nowhere')))).not.toEqual([]);
    });

    it('the parser joins continuation lines and skips comments inside them', () => {
      const parsed = parseDockerfile('FROM node:20-slim AS a\nRUN one \\\n# a comment\n  && two\nCMD ["x"]\n');
      expect(parsed.stages[0]?.instructions.map((instruction) => [instruction.keyword, instruction.args, instruction.line])).toEqual([
        ['RUN', 'one && two', 2],
        ['CMD', '["x"]', 5],
      ]);
    });
  });

  const hadolint = spawnSync('hadolint', ['--version'], { encoding: 'utf8' });
  const hasHadolint = hadolint.status === 0;
  if (!hasHadolint) console.warn('hadolint is not installed: the Dockerfile is checked with our own rules only (test/packaging/support/dockerfile-rules.ts)');
  it.skipIf(!hasHadolint)('passes hadolint without errors', () => {
    const result = spawnSync('hadolint', ['--failure-threshold', 'error', join(repo, 'Dockerfile')], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });
});
