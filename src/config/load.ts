/** loadConfig(): the environment plus warroom.yml, validated together; one ConfigError lists every problem. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IncidentSettings } from '../core/incident/settings.js';
import { DEFAULT_JOBS, defaultIncidentSettings } from './defaults.js';
import { type Env, type LogLevel, readEnv } from './env.js';
import { readConfigFile } from './file.js';
import { ConfigError, type Problem, problemText } from './problems.js';

export const DEFAULT_CONFIG_FILE = './warroom.yml';

export interface AppConfig {
  slack: { botToken: string; appToken: string | null; signingSecret: string | null; apiUrl: string | null; mode: 'socket' | 'http' };
  port: number;
  /** Unset means the store's SQLite default (./data/warroom.db). */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  /** Owner name for job leases; unique per process. */
  instanceId: string;
  /** Absolute path of the YAML file used; null when running on built-in defaults. */
  configPath: string | null;
  incident: IncidentSettings;
  templatesDir: string | null;
  jobs: { pollIntervalMs: number; leaseMs: number };
  /** Things worth a log line at start-up that do not stop it. */
  warnings: string[];
}

export interface LoadConfigOptions {
  env: Env;
  /** An explicit file (e.g. from the command line); wins over WARROOM_CONFIG and must exist. */
  configPath?: string;
  /** Where relative paths start; defaults to the process's working directory. */
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const problems: Problem[] = [];
  const env = readEnv(options.env, problems);
  const warnings: string[] = [];

  const explicit = options.configPath ?? env.configFile;
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  let configPath: string | null = file;
  let fromFile: { incident: IncidentSettings; templatesDir: string | null; jobs: AppConfig['jobs'] } | null = null;
  if (!explicit && !existsSync(file)) {
    configPath = null;
    warnings.push(`no config file at ${file}: using built-in defaults (copy config/warroom.example.yml there, or set WARROOM_CONFIG, to change them)`);
  } else if (explicit && !existsSync(file)) {
    if (options.configPath) problems.push({ path: 'config file', message: `file not found: ${file}` });
    else problems.push({ path: 'env WARROOM_CONFIG', message: `file not found: ${file} (unset WARROOM_CONFIG to use ./warroom.yml, or the built-in defaults when that does not exist)` });
  } else {
    const result = readConfigFile(file);
    if (result.ok) {
      fromFile = result.settings;
      warnings.push(...result.settings.warnings);
    } else {
      problems.push(...result.problems);
    }
  }

  if (problems.length > 0) {
    throw new ConfigError(problems.map(problemText), configPath ? `environment and ${configPath}` : 'environment');
  }
  return {
    slack: env.slack,
    port: env.port,
    databaseUrl: env.databaseUrl,
    logLevel: env.logLevel,
    instanceId: env.instanceId,
    configPath,
    incident: fromFile?.incident ?? defaultIncidentSettings(),
    templatesDir: fromFile?.templatesDir ?? null,
    jobs: fromFile?.jobs ?? { ...DEFAULT_JOBS },
    warnings,
  };
}

/** Problems in a YAML file on its own (for `warroom config validate [file]`); [] means it is fine. */
export function validateConfigFile(path: string): string[] {
  const result = readConfigFile(path);
  return result.ok ? [] : result.problems.map(problemText);
}
