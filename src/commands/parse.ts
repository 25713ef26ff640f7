/**
 * `/incident …` text → a typed subcommand, or a usage error that shows the right form with an example.
 * Slack sends the text escaped (should_escape: true): `<@U123|alice>` mentions, `&amp;` `&lt;` `&gt;`.
 * Free text is decoded back to what the person typed; only mentions keep their `<@U…>` form.
 */
import type { DeclareInput } from '../core/incident/api.js';
import { closestMatch } from '../core/text/closest.js';
import { decodeSlackText } from '../templates/slack-text.js';

export { decodeSlackText };

export type IncidentCommand =
  | { name: 'help' }
  | { name: 'open-modal' }
  | { name: 'declare'; input: DeclareInput }
  | { name: 'sev'; severity: string }
  | { name: 'role'; role: string; userId: string }
  | { name: 'update'; text: string }
  | { name: 'note'; text: string }
  | { name: 'status' }
  | { name: 'mitigated'; note: string | null }
  | { name: 'resolve'; note: string | null }
  | { name: 'timeline'; page: number }
  | { name: 'list' };

export type ParseResult = { ok: true; value: IncidentCommand } | { ok: false; error: string };

type Name = Exclude<IncidentCommand['name'], 'open-modal'>;

export const SUBCOMMANDS: readonly Name[] = ['declare', 'update', 'sev', 'role', 'note', 'status', 'mitigated', 'resolve', 'timeline', 'list', 'help'];

/** Subcommands that act on the incident whose channel they are typed in. */
export const IN_CHANNEL_SUBCOMMANDS: readonly IncidentCommand['name'][] = ['sev', 'role', 'update', 'note', 'status', 'mitigated', 'resolve', 'timeline'];

const ALIASES: Record<string, Name> = { mitigate: 'mitigated', resolved: 'resolve', severity: 'sev', ls: 'list', '?': 'help' };

export const USAGE: Record<Name, string> = {
  declare:
    'Usage: `/incident declare <title> [--sev SEV2] [--service checkout] [--started 13:52] [--impact "what users see"] [--private]`\nExample: `/incident declare Checkout returns 500s --sev SEV1 --service checkout --started 13:52`',
  update: 'Usage: `/incident update <what we know, what we are doing, next update>`\nExample: `/incident update Rolled back v2.31; error rate is falling. Next update 14:30.`',
  sev: 'Usage: `/incident sev <severity>`\nExample: `/incident sev SEV1`',
  role: 'Usage: `/incident role <role> @person` (roles such as ic, scribe, comms)\nExample: `/incident role ic @alice`',
  note: 'Usage: `/incident note <text>`\nExample: `/incident note Disk on db-2 was 98% full at 13:40`',
  status: 'Usage: `/incident status`',
  mitigated: 'Usage: `/incident mitigated [note]`\nExample: `/incident mitigated Traffic moved to eu-west-2`',
  resolve: 'Usage: `/incident resolve [note]`\nExample: `/incident resolve Bad config reverted`',
  timeline: 'Usage: `/incident timeline [page]`\nExample: `/incident timeline 2`',
  list: 'Usage: `/incident list`',
  help: 'Usage: `/incident help`',
};

const fail = (error: string): ParseResult => ({ ok: false, error });
const usage = (name: Name, problem: string): ParseResult => fail(`${problem}\n${USAGE[name]}`);

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

interface Token {
  text: string;
  /** A quoted token is never a flag: `"--sev"` in a title stays a word. */
  quoted: boolean;
}

const CLOSING: Record<string, string> = { '"': '"”', '“': '”"', '„': '“”"' };

/** Splits on whitespace; "…" / “…” group words (also right after `=` in `--impact="…"`). */
function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const tokens: Token[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) {
      if (started) tokens.push({ text: current, quoted });
      current = '';
      quoted = false;
      started = false;
      i++;
      continue;
    }
    const closers = CLOSING[char];
    if (closers && (!started || current.endsWith('='))) {
      let end = i + 1;
      while (end < text.length && !closers.includes(text[end] ?? '')) end++;
      if (end >= text.length) return { ok: false, error: `A quote (${char}) is never closed: put the closing quote after the quoted words.` };
      current += text.slice(i + 1, end);
      quoted = quoted || !started;
      started = true;
      i = end + 1;
      continue;
    }
    current += char;
    started = true;
    i++;
  }
  if (started) tokens.push({ text: current, quoted });
  return { ok: true, tokens };
}

type FlagName = 'severity' | 'service' | 'started' | 'impact' | 'private';
const FLAGS: Record<string, FlagName> = { sev: 'severity', severity: 'severity', service: 'service', started: 'started', start: 'started', impact: 'impact', private: 'private' };
const FLAG_LIST = '--sev, --service, --started, --impact, --private';

/**
 * `--name`, `--name=value`; also `—name` and `–name`, because macOS and Slack turn `--` into a dash.
 * A dash form only counts for known flag names, so "—writes" in a title stays a word.
 */
function asFlag(token: Token): { name: string; value: string | null; explicit: boolean } | null {
  if (token.quoted) return null;
  const match = /^(--|—|–)([A-Za-z][A-Za-z-]*)(?:=([\s\S]*))?$/.exec(token.text);
  if (!match) return null;
  const name = (match[2] ?? '').toLowerCase();
  if (match[1] !== '--' && !(name in FLAGS)) return null;
  return { name, value: match[3] ?? null, explicit: match[1] === '--' };
}

function parseDeclare(rest: string): ParseResult {
  const split = tokenize(rest);
  if (!split.ok) return usage('declare', split.error);
  const { tokens } = split;
  const title: string[] = [];
  const values: Partial<Record<FlagName, string>> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const flag = asFlag(token);
    if (!flag) {
      title.push(token.text);
      continue;
    }
    const key = FLAGS[flag.name];
    if (!key) {
      const hint = closestMatch(flag.name, Object.keys(FLAGS));
      return usage('declare', `Unknown option --${flag.name}${hint ? ` (did you mean --${hint}?)` : ''}. Options: ${FLAG_LIST}.`);
    }
    if (key in values) return usage('declare', `--${flag.name} is given twice: keep one.`);
    if (key === 'private') {
      if (flag.value !== null) return usage('declare', '--private takes no value: just add `--private`.');
      values.private = 'yes';
      continue;
    }
    let value = flag.value;
    if (value === null) {
      const next = tokens[i + 1];
      if (next && !asFlag(next)) {
        value = next.text;
        i++;
      }
    }
    if (value === null || !value.trim()) {
      const example = { severity: '--sev SEV2', service: '--service checkout', started: '--started 13:52', impact: '--impact "30% of payments fail"' }[key];
      return usage('declare', `--${flag.name} needs a value, e.g. \`${example}\`.`);
    }
    values[key] = decodeSlackText(value).trim();
  }
  const titleText = decodeSlackText(title.join(' ')).trim();
  if (!titleText) return usage('declare', 'The incident needs a title: what is broken, in a few words.');
  const input: DeclareInput = { title: titleText };
  if (values.severity) input.severity = values.severity;
  if (values.service) input.service = values.service;
  if (values.started) input.started = values.started;
  if (values.impact) input.impact = values.impact;
  if (values.private) input.isPrivate = true;
  return { ok: true, value: { name: 'declare', input } };
}

function parseRole(rest: string): ParseResult {
  const mentions = [...rest.matchAll(MENTION)].map((m) => m[1] ?? '');
  const words = rest.replace(MENTION, ' ').split(/\s+/).filter(Boolean);
  if (mentions.length === 0) {
    const typed = words.find((w) => w.startsWith('@'));
    if (typed) {
      return usage('role', `"${decodeSlackText(typed)}" is plain text, not a Slack mention: type @ and pick the person from Slack’s autocomplete list, so the name turns into a mention.`);
    }
    return usage('role', words.length === 0 ? 'Which role, and for whom?' : 'Who should get the role? Mention them with @ (pick the person from Slack’s autocomplete).');
  }
  if (mentions.length > 1) return usage('role', 'One person at a time: run the command once per person.');
  if (words.length === 0) return usage('role', 'Which role? Put it before the person.');
  if (words.length > 1) return usage('role', `Expected one role and one person, got "${decodeSlackText(words.join(' '))}".`);
  return { ok: true, value: { name: 'role', role: decodeSlackText(words[0] ?? ''), userId: mentions[0] ?? '' } };
}

function unknownSubcommand(word: string, rest: string): ParseResult {
  const typed = decodeSlackText(word);
  const hint = closestMatch(typed, [...SUBCOMMANDS, ...Object.keys(ALIASES).filter((a) => a.length > 2)]);
  const suggestion = hint ? ` Did you mean \`/incident ${ALIASES[hint] ?? hint}\`?` : rest.trim() ? ` To declare an incident: \`/incident declare ${decodeSlackText(`${word} ${rest}`.trim())}\`.` : '';
  return fail(`Unknown subcommand "${typed}".${suggestion}\nSubcommands: ${SUBCOMMANDS.join(', ')}. \`/incident help\` shows each with an example.`);
}

export function parseIncidentCommand(text: string): ParseResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: { name: 'open-modal' } };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const word = match?.[1] ?? '';
  const rest = match?.[2] ?? '';
  const lower = word.toLowerCase();
  const name = (SUBCOMMANDS as readonly string[]).includes(lower) ? (lower as Name) : ALIASES[lower];
  if (!name) return unknownSubcommand(word, rest);
  const freeText = decodeSlackText(rest).trim();

  switch (name) {
    case 'declare':
      return parseDeclare(rest);
    case 'update':
    case 'note':
      if (!freeText) return usage(name, name === 'update' ? 'The update needs text: what you know, what you are doing, when the next update comes.' : 'The note needs text.');
      return { ok: true, value: { name, text: freeText } };
    case 'sev': {
      if (!freeText) return usage('sev', 'Which severity?');
      // "SEV 1" is one severity typed with a space; anything longer is a mistake worth pointing out.
      if (/\s/.test(freeText) && !/^[A-Za-z]+\s+\d+$/.test(freeText)) return usage('sev', `Expected one severity, got "${freeText}".`);
      return { ok: true, value: { name: 'sev', severity: freeText } };
    }
    case 'role':
      return parseRole(rest);
    case 'mitigated':
    case 'resolve':
      return { ok: true, value: { name, note: freeText || null } };
    case 'timeline': {
      if (!freeText) return { ok: true, value: { name: 'timeline', page: 1 } };
      const page = /^\d+$/.test(freeText) ? Number(freeText) : NaN;
      if (!Number.isSafeInteger(page) || page < 1) return usage('timeline', `The page must be a whole number from 1 up, got "${freeText}".`);
      return { ok: true, value: { name: 'timeline', page } };
    }
    case 'status':
    case 'list':
    case 'help':
      return { ok: true, value: { name } };
  }
}
