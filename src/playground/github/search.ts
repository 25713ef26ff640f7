/**
 * GitHub's issue search syntax, the part the bot and a person trying things use: `is:issue|pr|open|closed`,
 * `state:`, `label:` (every one must match; quoted names allowed), `assignee:`, `author:`, `repo:`, `in:` (ignored)
 * and free words matched against title and body. Unknown qualifiers count as words, as GitHub treats them.
 */
import type { GhIssueRecord } from './state.js';

export interface IssueSearch {
  repo: string | null;
  kind: 'issue' | 'pr' | null;
  state: 'open' | 'closed' | null;
  labels: string[];
  assignee: string | null;
  author: string | null;
  words: string[];
}

const TOKEN = /(-?[a-z]+):("([^"]*)"|\S+)|"([^"]*)"|(\S+)/gi;

export function parseIssueSearch(q: string): IssueSearch {
  const search: IssueSearch = { repo: null, kind: null, state: null, labels: [], assignee: null, author: null, words: [] };
  for (const match of q.matchAll(TOKEN)) {
    const [, qualifier, rawValue, quoted, phrase, word] = match;
    if (qualifier === undefined || rawValue === undefined) {
      const text = phrase ?? word;
      if (text) search.words.push(text.toLowerCase());
      continue;
    }
    const value = quoted ?? rawValue;
    switch (qualifier.toLowerCase()) {
      case 'is':
        if (value === 'issue' || value === 'pr') search.kind = value;
        else if (value === 'open' || value === 'closed') search.state = value;
        break;
      case 'state':
        if (value === 'open' || value === 'closed') search.state = value;
        break;
      case 'label':
        search.labels.push(value.toLowerCase());
        break;
      case 'assignee':
        search.assignee = value.toLowerCase();
        break;
      case 'author':
        search.author = value.toLowerCase();
        break;
      case 'repo':
        search.repo = value.toLowerCase();
        break;
      case 'in':
        break;
      default:
        search.words.push(match[0].toLowerCase());
    }
  }
  return search;
}

/** Whether an issue of repository `fullName` is a hit; pull requests are not issues here (kept apart in state). */
export function matchesIssue(search: IssueSearch, issue: GhIssueRecord, fullName: string): boolean {
  if (search.repo !== null && search.repo !== fullName.toLowerCase()) return false;
  if (search.kind === 'pr') return false;
  if (search.state !== null && issue.state !== search.state) return false;
  const labels = issue.labels.map((l) => l.toLowerCase());
  if (!search.labels.every((l) => labels.includes(l))) return false;
  if (search.assignee !== null && !issue.assignees.some((a) => a.toLowerCase() === search.assignee)) return false;
  if (search.author !== null && issue.author.toLowerCase() !== search.author) return false;
  const text = `${issue.title}\n${issue.body}`.toLowerCase();
  return search.words.every((w) => text.includes(w));
}
