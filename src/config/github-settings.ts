/** warroom.yml's github, postmortem, review and services[].github_repository → PostmortemSettings and FollowupSettings. */
import type { FollowupSettings, PostmortemSettings } from '../core/postmortem/model.js';
import type { FileConfig } from './file-schema.js';
import { DEFAULT_DUE_DAYS, DEFAULT_REVIEW_CRON, DEFAULT_TARGET_COMPLETION_PERCENT } from './github-schema.js';

export function defaultPostmortemSettings(): PostmortemSettings {
  return { centralRepository: null, serviceRepositories: {}, githubUsers: {}, dueDays: { ...DEFAULT_DUE_DAYS } };
}

export function defaultFollowupSettings(timeZone: string): FollowupSettings {
  return { reviewCron: DEFAULT_REVIEW_CRON, timeZone, reliabilityChannel: null, targetCompletionPercent: DEFAULT_TARGET_COMPLETION_PERCENT };
}

export function postmortemSettingsFrom(config: FileConfig): PostmortemSettings {
  return {
    centralRepository: config.github.central_repository,
    serviceRepositories: Object.fromEntries(config.services.flatMap((s) => (s.github_repository ? [[s.name, s.github_repository]] : []))),
    githubUsers: { ...config.github.users },
    dueDays: { ...config.postmortem.due_days },
  };
}

export function followupSettingsFrom(config: FileConfig): FollowupSettings {
  return {
    reviewCron: config.review.cron,
    timeZone: config.time_zone,
    reliabilityChannel: config.review.channel,
    targetCompletionPercent: config.review.target_completion_percent,
  };
}

/** Worth a line at start-up: postmortems of services without a repository have nowhere to go. */
export function postmortemWarnings(settings: PostmortemSettings, serviceNames: string[]): string[] {
  if (settings.centralRepository !== null) return [];
  const without = serviceNames.filter((name) => !settings.serviceRepositories[name]);
  if (serviceNames.length > 0 && without.length === 0) return [];
  return [
    `github.central_repository is not set: postmortems of incidents without a service${without.length > 0 ? ` or of ${without.join(', ')}` : ''} cannot be published (set it, or services[].github_repository)`,
  ];
}
