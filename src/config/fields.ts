/** Leaf schemas for warroom.yml with messages written for the person editing the file. */
import { z } from 'zod';
import { closestMatch } from '../core/text/closest.js';

interface IssueLike {
  code?: string;
  input?: unknown;
  keys?: string[];
}

function shown(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return String(input);
}

/** `expected …` for a wrong value, `required` when the key is absent. */
export function expected(what: string) {
  return (iss: IssueLike): string => (iss.input === undefined ? `required (${what})` : `expected ${what}, got ${shown(iss.input)}`);
}

/** A section with every key commented out is YAML null: read it as "all defaults", not as an error. */
export const orDefaults = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === null ? undefined : value), schema);

export const text = (what = 'text') => z.string({ error: expected(what) });

export const bool = () => z.boolean({ error: expected('true or false') });

export function positiveInt(orNull = false) {
  const what = orNull ? 'a positive integer or null' : 'a positive integer';
  return z.int({ error: expected(what) }).positive({ error: expected(what) });
}

export const positiveIntOrNull = () => positiveInt(true).nullable();

const SLACK_IDS = {
  user: {
    pattern: /^[UW][A-Z0-9]{2,}$/,
    what: 'a Slack user ID like U0123456789',
    why: 'Slack user IDs start with U or W; in Slack open the person’s profile, ⋮ → Copy member ID',
  },
  group: {
    pattern: /^S[A-Z0-9]{2,}$/,
    what: 'a Slack user group ID like S0123456789',
    why: 'Slack user group IDs start with S; find it in the group’s profile: People → User groups → the group → ⋮ → Copy group ID',
  },
  channel: {
    pattern: /^[CG][A-Z0-9]{2,}$/,
    what: 'a Slack channel ID like C0123456789',
    why: 'channel IDs start with C (or G); find it at the bottom of the channel’s About tab, not its #name',
  },
} as const;

export function slackId(kind: keyof typeof SLACK_IDS) {
  const { pattern, what, why } = SLACK_IDS[kind];
  return z.string({ error: expected(`${what} (${why})`) }).regex(pattern, { error: (iss: IssueLike) => `expected ${what}, got ${shown(iss.input)} (${why})` });
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: expected(`one of ${values.join(', ')}`) });
}

export function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: expected('a list') });
}

/**
 * A mapping that rejects unknown keys. The message carries one line per unknown key (zod reports them together);
 * problems.ts splits it back so that each key gets its own path and "did you mean".
 */
export function strictMapping<S extends z.core.$ZodLooseShape>(shape: S, what = 'a mapping of options (key: value)') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss: IssueLike) => {
      if (iss.code === 'unrecognized_keys' && iss.keys) {
        return iss.keys
          .map((key) => {
            const suggestion = closestMatch(key, known);
            return suggestion ? `unknown option (did you mean ${suggestion}?)` : `unknown option (expected one of ${known.join(', ')})`;
          })
          .join('\n');
      }
      return expected(what)(iss);
    },
  });
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = () =>
  text('an IANA time zone like Europe/Berlin or UTC').refine(isValidTimeZone, {
    error: (iss: IssueLike) => `unknown time zone ${shown(iss.input)} (expected an IANA name like Europe/Berlin, America/New_York or UTC)`,
  });
