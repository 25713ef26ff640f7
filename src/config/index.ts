export { DEFAULT_JOBS, DEFAULT_ROLES, DEFAULT_SEVERITIES, defaultIncidentSettings } from './defaults.js';
export { LOG_LEVELS, type Env, type LogLevel } from './env.js';
export { parseConfigText, readConfigFile, type FileResult, type FileSettings } from './file.js';
export { DEFAULT_CONFIG_FILE, loadConfig, validateConfigFile, type AppConfig, type LoadConfigOptions } from './load.js';
export { ConfigError, formatProblems } from './problems.js';
export { redactConfig } from './redact.js';
