export { createGitHubCodeHost, type GitHubCodeHostOptions } from './github-code-host.js';
export { DEFAULT_GITHUB_API_URL, DEFAULT_GITHUB_TIMEOUT_MS, MAX_RATE_LIMIT_RETRIES, type GitHubAuth } from './client.js';
export { GitHubError, type GitHubOperation, type GitHubValidationDetail } from './github-error.js';
export { MalformedGitHubWebhook, parseGitHubWebhook, verifyGitHubSignature } from './webhook.js';
export { MAX_HISTORY_PAGES } from './history.js';
