/**
 * `warroom deploy-check <service> [--json] [risk flags]` for CI pipelines: the same check as `/deploy-check`, printed
 * as a table or JSON, with an exit code per decision (README: "Deploy gate in CI").
 */
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Env } from './config/index.js';
import { describeError, isDomainError } from './core/errors.js';
import { buildDeployCheckDeps } from './deps.js';
import { DEPLOY_CHECK_USAGE, parseDeployCheckTokens } from './commands/deploy-check-parse.js';
import { DEPLOY_CHECK_EXIT, deployCheckJson, deployCheckText } from './templates/deploy-check/index.js';

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const CLI_USAGE = DEPLOY_CHECK_USAGE.replace(/`/g, '').replace(/\/deploy-check/g, 'warroom deploy-check').replace('[--override "<reason>"]', '[--json]');

/** Who ran it, for the record: the CI system's actor when there is one. */
function actorOf(env: Env): string {
  const name = env.WARROOM_ACTOR ?? env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.USER ?? 'unknown';
  return `cli:${name}`;
}

export async function runDeployCheckCli(args: string[], env: Env, io: CliOutput): Promise<number> {
  const parsed = parseDeployCheckTokens(args.map((text) => ({ text, quoted: false })));
  if (!parsed.ok) {
    io.err(`${parsed.error.replace(/`/g, '')}\n\n${CLI_USAGE}\n`);
    return DEPLOY_CHECK_EXIT.usage;
  }
  const command = parsed.value;
  if (command.name === 'help') {
    io.out(`${CLI_USAGE}\n\nExit codes: 0 PROCEED, 10 CAUTION, 20 REVIEW, 30 BLOCKED, 40 UNKNOWN, 64 usage error, 78 configuration error, 1 unexpected failure.\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig({ env, purpose: 'deploy-check' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${err.message}\n`);
    return DEPLOY_CHECK_EXIT.config;
  }
  if (!config.databaseUrl && !existsSync('./data/warroom.db')) {
    io.err('DATABASE_URL is not set and there is no ./data/warroom.db: point DATABASE_URL at Warroom’s database, so the check sees open incidents (deploy freezes) and is recorded.\n');
    return DEPLOY_CHECK_EXIT.config;
  }
  const { deployChecks, store } = await buildDeployCheckDeps(config);
  try {
    if (command.name === 'history') {
      for (const check of await deployChecks.history(command.service)) {
        io.out(`#${check.id} ${check.requestedAt.toISOString()} ${check.outcome.decision} by ${check.requestedBy} (${check.origin})${check.override ? ` override: ${check.override.reason}` : ''}\n`);
      }
      return 0;
    }
    if (command.override !== null) {
      io.err('Break glass from Slack (/deploy-check <service> --override "<reason>"), where Warroom knows who you are.\n');
      return DEPLOY_CHECK_EXIT.usage;
    }
    const check = await deployChecks.run({ service: command.service, risk: command.risk, override: null, requestedBy: actorOf(env), origin: 'cli' });
    const view = { unknownCountsAs: config.release.unknownCountsAs };
    io.out(command.json ? `${JSON.stringify(deployCheckJson(check, view), null, 2)}\n` : deployCheckText(check, view));
    return DEPLOY_CHECK_EXIT[check.outcome.decision];
  } catch (err) {
    if (isDomainError(err)) {
      io.err(`${err.message}\n`);
      return err.code === 'UNKNOWN_SERVICE' ? DEPLOY_CHECK_EXIT.usage : DEPLOY_CHECK_EXIT.failure;
    }
    io.err(`deploy check failed: ${describeError(err)}\n`);
    return DEPLOY_CHECK_EXIT.failure;
  } finally {
    await store.close();
  }
}
