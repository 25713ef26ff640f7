/**
 * Recent history for the bot's context snapshot to find: a pull request merged two hours ago, the release that
 * shipped it, its production deployment, and a config commit, each relative to the moment the demo starts.
 */
import { createHash } from 'node:crypto';
import type { DemoGitHubState } from './state.js';

const HOUR = 3600_000;
const sha = (text: string) => createHash('sha1').update(text).digest('hex');

/** The files of the seeded config commit; a service's `github_path` under `deploy/` finds it. */
export const SEEDED_CONFIG_PATH = 'deploy/checkout/values.yaml';

export function seedChanges(state: DemoGitHubState, now: Date, logins: string[]): void {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const [first = state.viewer, second = first] = logins;

  // An older pull request, merged days ago: outside a snapshot's window, it shows the window is applied.
  const old = state.takeNumber();
  state.pulls.push({ number: old, title: 'Add checkout latency dashboard', author: second, base: 'main', head: 'dashboards', createdAt: at(80), mergedAt: at(72), closedAt: at(72) });
  const merged = state.takeNumber();
  state.pulls.push({ number: merged, title: 'Raise checkout DB connection pool to 80', author: first, base: 'main', head: 'pool-size', createdAt: at(5), mergedAt: at(2), closedAt: at(2) });

  state.commits.push({ sha: sha('config'), message: 'checkout: lower payment gateway timeout to 2s\n\nMatches the gateway SLA.', author: second, files: [SEEDED_CONFIG_PATH], committedAt: at(3) });
  state.commits.push({ sha: sha('merge'), message: `Merge pull request #${merged} from pool-size`, author: first, files: ['src/db/pool.ts'], committedAt: at(2) });

  state.releases.push({ id: 1, tag: 'v1.42.0', name: 'checkout v1.42.0', author: first, createdAt: at(1.5), publishedAt: at(1.5) });
  state.deployments.push({ id: 1, sha: sha('merge'), ref: 'v1.42.0', environment: 'production', creator: first, createdAt: at(1.2) });
}
