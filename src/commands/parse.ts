/**
 * `/incident …` text → a typed subcommand, or a usage error that shows the right form with an example.
 * Slack sends the text escaped (should_escape: true): `<@U123|alice>` mentions, `&amp;` `&lt;` `&gt;`.
 * Free text is decoded back to what the person typed; only mentions keep their `<@U…>` form.
 */
import type { DeclareInput } from '../core/incident/api.js';
import { closestMatch } from '../core/text/closest.js';
import { readFlags, tokenize, type FlagSpec } from './flags.js';
import { MITIGATION_SUBCOMMANDS, MITIGATION_USAGE, parseMitigationCommand, type MitigationCommand, type MitigationSubcommand } from './parse-mitigation.js';
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
  | { name: 'list' }
  /** Whom to page: a mentioned person, or a word naming a service or an escalation policy (resolved by the edge). */
  | { name: 'page'; target: { userId: string } | { word: string }; message: string | null }
  | { name: 'oncall'; service: string | null }
  | { name: 'postmortem' }
  /** Open action items: everyone's, one person's (a mention), or a service's (a word). */
  | { name: 'actions'; owner: string | null; service: string | null }
  | { name: 'stats'; sinceDays: number }
  /** Refresh the context snapshot; `sinceMinutes` overrides the configured look-back. */
  | { name: 'context'; sinceMinutes: number | null }
  | MitigationCommand;

export type ParseResult = { ok: true; value: IncidentCommand } | { ok: false; error: string };

type Name = Exclude<IncidentCommand['name'], 'open-modal' | MitigationCommand['name']> | MitigationSubcommand;

export const SUBCOMMANDS: readonly Name[] = ['declare', 'update', 'sev', 'role', 'note', 'status', 'mitigated', 'resolve', 'timeline', 'list', 'page', 'oncall', ...MITIGATION_SUBCOMMANDS, 'context', 'postmortem', 'actions', 'stats', 'help'];

/** Subcommands that act on the incident whose channel they are typed in. */
export const IN_CHANNEL_SUBCOMMANDS: readonly string[] = ['sev', 'role', 'update', 'note', 'status', 'mitigated', 'resolve', 'timeline', 'context', 'postmortem', ...MITIGATION_SUBCOMMANDS];

const ALIASES: Record<string, Name> = { mitigate: 'mitigated', resolved: 'resolve', severity: 'sev', ls: 'list', '?': 'help', 'on-call': 'oncall', who: 'oncall' };

export const USAGE: Record<Name, string> = {
  ...MITIGATION_USAGE,
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
  page: 'Usage: `/incident page <@person | service | escalation policy> [message]`\nExample: `/incident page @alice Payments DB is failing over, need the DBA` or `/incident page checkout`',
  oncall: 'Usage: `/incident oncall [service]`\nExample: `/incident oncall checkout`',
  postmortem: 'Usage: `/incident postmortem` (in a mitigated or resolved incident’s channel)',
  actions: 'Usage: `/incident actions [@person | service]`\nExample: `/incident actions @alice` or `/incident actions checkout`',
  stats: 'Usage: `/incident stats [--since 90d]`\nExample: `/incident stats --since 30d`',
  context: 'Usage: `/incident context [--since 6h]`\nExample: `/incident context --since 2d`',
  help: 'Usage: `/incident help`',
};

const fail = (error: string): ParseResult => ({ ok: false, error });
const usage = (name: Name, problem: string): ParseResult => fail(`${problem}\n${USAGE[name]}`);

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

type FlagName = 'severity' | 'service' | 'started' | 'impact' | 'private';

const DECLARE_FLAGS: FlagSpec<FlagName> = {
  aliases: { sev: 'severity', severity: 'severity', service: 'service', started: 'started', start: 'started', impact: 'impact', private: 'private' },
  switches: ['private'],
  examples: { severity: '--sev SEV2', service: '--service checkout', started: '--started 13:52', impact: '--impact "30% of payments fail"' },
  shown: '--sev, --service, --started, --impact, --private',
};

function parseDeclare(rest: string): ParseResult {
  const split = tokenize(rest);
  if (!split.ok) return usage('declare', split.error);
  const read = readFlags(split.tokens, DECLARE_FLAGS);
  if (!read.ok) return usage('declare', read.error);
  const { values } = read;
  const titleText = decodeSlackText(read.words.join(' ')).trim();
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

function parsePage(rest: string): ParseResult {
  const split = tokenize(rest);
  if (!split.ok) return usage('page', split.error);
  const [first, ...others] = split.tokens;
  if (!first) return usage('page', 'Whom should Warroom page?');
  const message = decodeSlackText(others.map((t) => t.text).join(' ')).trim() || null;
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(first.text);
  if (mention) return { ok: true, value: { name: 'page', target: { userId: mention[1] ?? '' }, message } };
  const word = decodeSlackText(first.text).trim();
  if (word.startsWith('@')) return usage('page', `"${word}" is plain text, not a Slack mention: type @ and pick the person from Slack’s autocomplete list.`);
  return { ok: true, value: { name: 'page', target: { word }, message } };
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
    case 'page':
      return parsePage(rest);
    case 'oncall': {
      if (/\s/.test(freeText)) return usage('oncall', `Expected one service name, got "${freeText}".`);
      return { ok: true, value: { name: 'oncall', service: freeText || null } };
    }
    case 'status':
    case 'list':
    case 'help':
    case 'postmortem':
      if (name === 'postmortem' && freeText) return usage('postmortem', 'The postmortem form takes no text: it opens prefilled from the incident.');
      return { ok: true, value: { name } };
    case 'actions': {
      if (!freeText) return { ok: true, value: { name: 'actions', owner: null, service: null } };
      const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(rest.trim());
      if (mention) return { ok: true, value: { name: 'actions', owner: mention[1] ?? '', service: null } };
      if (/\s/.test(freeText) || freeText.startsWith('@')) return usage('actions', `Expected one person (a Slack mention) or one service, got "${freeText}".`);
      return { ok: true, value: { name: 'actions', owner: null, service: freeText } };
    }
    case 'context': {
      if (!freeText) return { ok: true, value: { name: 'context', sinceMinutes: null } };
      const since = /^--since[= ](\d+)(m|h|d)$/.exec(freeText);
      if (!since || Number(since[1]) < 1) return usage('context', `Expected \`--since <number>m|h|d\` such as \`--since 6h\`, got "${freeText}".`);
      return { ok: true, value: { name: 'context', sinceMinutes: Number(since[1]) * { m: 1, h: 60, d: 1440 }[since[2] as 'm' | 'h' | 'd'] } };
    }
    case 'stats': {
      if (!freeText) return { ok: true, value: { name: 'stats', sinceDays: 90 } };
      const since = /^--since[= ](\d+)d$/.exec(freeText);
      if (!since || Number(since[1]) < 1) return usage('stats', `Expected \`--since <days>d\`, got "${freeText}".`);
      return { ok: true, value: { name: 'stats', sinceDays: Number(since[1]) } };
    }
    default:
      return parseMitigationCommand(name, rest);
  }
}
