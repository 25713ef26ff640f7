/** Configuration problems: collected, never thrown one at a time, and reported together with their paths. */

export interface Problem {
  /** `incidents.severities[1].name`, `env SLACK_BOT_TOKEN`; empty for the file as a whole. */
  path: string;
  message: string;
}

export function problemText(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** `['incidents', 'severities', 1, 'name']` → `incidents.severities[1].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** One readable block: a heading, then one problem per line. */
export function formatProblems(problems: readonly string[], source?: string): string {
  const count = `${problems.length} configuration problem${problems.length === 1 ? '' : 's'}`;
  const heading = source ? `${count} (${source}):` : `${count}:`;
  return [heading, ...problems.map((p) => `  - ${p}`)].join('\n');
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[], source?: string) {
    super(`Warroom cannot start: ${formatProblems(problems, source)}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
