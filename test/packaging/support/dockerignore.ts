/**
 * `.dockerignore` semantics, enough for the packaging tests: patterns are relative to the context root, `*` and `?`
 * stay within one path segment, `**` spans any number of segments, `!` re-includes, the last matching line wins, and
 * a pattern that matches a directory excludes everything below it.
 */
import { readFileSync } from 'node:fs';

interface Rule {
  regex: RegExp;
  include: boolean;
  source: string;
}

export interface DockerIgnore {
  /** Is this context-relative path (forward slashes) left out of the build context? */
  ignores(path: string): boolean;
  /** The pattern lines, for messages. */
  patterns: string[];
}

export function readDockerIgnore(path: string): DockerIgnore {
  return parseDockerIgnore(readFileSync(path, 'utf8'));
}

export function parseDockerIgnore(text: string): DockerIgnore {
  const rules: Rule[] = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const pattern = normalize(include ? line.slice(1) : line);
      return { regex: toRegex(pattern), include, source: line };
    });
  return {
    patterns: rules.map((rule) => rule.source),
    ignores(path: string): boolean {
      const candidates = prefixes(normalize(path));
      let ignored = false;
      for (const rule of rules) {
        if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.include;
      }
      return ignored;
    },
  };
}

function normalize(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

/** `a/b/c` → [`a`, `a/b`, `a/b/c`]: a pattern matching a parent directory excludes the path too. */
function prefixes(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] ?? '';
    if (char === '*' && pattern[index + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches anything.
      const slash = pattern[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
