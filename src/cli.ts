#!/usr/bin/env node
import { ConfigError, loadConfig, validateConfigFile } from './config/index.js';
import { runDeployCheckCli } from './cli-deploy-check.js';
import { startWarroom } from './main.js';
import { runPlayground } from './cli-playground.js';
import { createStore, migrationStatus } from './store/index.js';

const USAGE = `Usage: warroom <command>

Commands:
  start                    start the bot (Slack tokens from the environment, options from warroom.yml)
  playground [--port 3000] try the bot without Slack: a local Slack-like page with demo PagerDuty, GitHub, Kubernetes
  deploy-check <service>   may this deploy go ahead? exit code per decision (deploy-check help for flags)
  migrate                  apply database migrations to DATABASE_URL (default ./data/warroom.db) and exit
  config validate [file]   check a configuration file (default: $WARROOM_CONFIG or ./warroom.yml)
  help                     show this help

See README.md for every environment variable and option.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const config = loadConfig({ env: process.env });
      await startWarroom(config);
      return -1; // keep running until a signal
    }
    case 'playground':
      return runPlayground(rest);
    case 'deploy-check':
      return runDeployCheckCli(rest, process.env, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
    case 'migrate': {
      const store = await createStore({ databaseUrl: process.env.DATABASE_URL, migrate: true });
      try {
        const status = await migrationStatus(store);
        console.log(`database migrated (${store.dialect}): ${status.applied.length} applied, ${status.pending.length} pending`);
      } finally {
        await store.close();
      }
      return 0;
    }
    case 'config': {
      if (rest[0] !== 'validate') break;
      const file = rest[1] ?? process.env.WARROOM_CONFIG ?? './warroom.yml';
      const problems = validateConfigFile(file);
      if (problems.length === 0) {
        console.log('ok');
        return 0;
      }
      console.error(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
      for (const problem of problems) console.error(`  - ${problem}`);
      return 1;
    }
    case 'help':
    case '--help':
    case '-h':
    case undefined:
      console.log(USAGE);
      return command === undefined ? 2 : 0;
  }
  console.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(`warroom: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
