/**
 * Handlebars helpers for Warroom templates. Handlebars' strict mode does not check helper arguments, so every
 * helper here (and the wrapped built-in block helpers) throws on an undefined argument: a misspelt variable
 * fails in tests instead of rendering "undefined" or nothing at 3 AM.
 */
import type Handlebars from 'handlebars';
import { escapeMarkdown, escapeMrkdwn, escapeMrkdwnMessage, isSlackChannelId, isSlackUserId } from './escape.js';
import { createTimeFormat, formatDuration, formatRelative } from './format.js';

type HelperFn = (...args: unknown[]) => unknown;

/** Drops Handlebars' trailing options argument and rejects undefined values. */
function strict(name: string, fn: (...args: unknown[]) => unknown): HelperFn {
  return function (this: unknown, ...all: unknown[]) {
    const args = all.slice(0, -1);
    const missing = args.findIndex((a) => a === undefined);
    if (missing >= 0 || args.length === 0) {
      throw new Error(`template helper "${name}": argument ${missing + 1} is undefined (is the variable name right?)`);
    }
    return fn.apply(this, args);
  };
}

const asText = (value: unknown): string => (value === null ? '' : String(value));

function asDate(name: string, value: unknown): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`template helper "${name}": not a date: ${String(value)}`);
  return date;
}

export function registerHelpers(hb: typeof Handlebars, timeZone: string): void {
  const times = createTimeFormat(timeZone);
  const helpers: Record<string, HelperFn> = {
    mrkdwn: strict('mrkdwn', (v) => escapeMrkdwn(asText(v))),
    mrkdwnMessage: strict('mrkdwnMessage', (v) => escapeMrkdwnMessage(asText(v))),
    md: strict('md', (v) => escapeMarkdown(asText(v))),
    user: strict('user', (v) => {
      const id = asText(v);
      return isSlackUserId(id) ? `<@${id}>` : escapeMrkdwn(id);
    }),
    channel: strict('channel', (v) => {
      const id = asText(v);
      return isSlackChannelId(id) ? `<#${id}>` : escapeMrkdwn(id);
    }),
    /** `{{link url label}}`: a Slack link for an http(s) URL; anything else shows as the escaped label. */
    link: strict('link', (url, label) => {
      const href = asText(url);
      const text = escapeMrkdwn(asText(label)).replace(/\|/g, '¦');
      return /^https?:\/\/[^\s<>|]+$/.test(href) ? `<${href}|${text}>` : text;
    }),
    time: strict('time', (v) => {
      const date = asDate('time', v);
      return date ? times.time(date) : '';
    }),
    datetime: strict('datetime', (v) => {
      const date = asDate('datetime', v);
      return date ? times.dateTime(date) : '';
    }),
    duration: strict('duration', (v) => (v === null ? '' : formatDuration(Number(v)))),
    relative: strict('relative', (date, base) => {
      const a = asDate('relative', date);
      const b = asDate('relative', base);
      return a && b ? formatRelative(a, b) : '';
    }),
    eq: strict('eq', (a, b) => a === b),
    ne: strict('ne', (a, b) => a !== b),
    gt: strict('gt', (a, b) => Number(a) > Number(b)),
    gte: strict('gte', (a, b) => Number(a) >= Number(b)),
    /** `{{plural n "minute"}}` → `1 minute` / `5 minutes`. */
    plural: strict('plural', (n, word) => `${Number(n)} ${asText(word)}${Number(n) === 1 ? '' : 's'}`),
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);

  // The built-in block helpers get the same guard: `{{#if incidnet.impact}}` must throw, not hide the section.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const original = hb.helpers[name] as HelperFn | undefined;
    if (!original) continue;
    hb.registerHelper(name, function (this: unknown, ...all: unknown[]) {
      if (all.length > 1 && all[0] === undefined) throw new Error(`template block "#${name}": its value is undefined (is the variable name right?)`);
      return original.apply(this, all);
    });
  }
}
