/**
 * Words and `--flags` of slash-command text (and of CLI arguments): one tokenizer and one flag reader for
 * every command. Slack sends text escaped; values are decoded back to what the person typed.
 */
import { closestMatch } from '../core/text/closest.js';
import { decodeSlackText } from '../templates/slack-text.js';

export interface Token {
  text: string;
  /** A quoted token is never a flag: `"--sev"` in a title stays a word. */
  quoted: boolean;
}

const CLOSING: Record<string, string> = { '"': '"”', '“': '”"', '„': '“”"' };

/** Splits on whitespace; "…" / “…” group words (also right after `=` in `--impact="…"`). */
export function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
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

export interface FlagSpec<Name extends string> {
  /** Every accepted spelling (lower case, without dashes) → the flag it means. */
  aliases: Record<string, Name>;
  /** Flags that take no value. */
  switches: readonly Name[];
  /** An example per flag that takes a value, shown when the value is missing. */
  examples: Partial<Record<Name, string>>;
  /** The options as the usage text spells them, e.g. "--sev, --service". */
  shown: string;
}

export type FlagRead<Name extends string> = { ok: true; words: string[]; values: Partial<Record<Name, string>> } | { ok: false; error: string };

/**
 * `--name`, `--name=value`, `-x` for one-letter flags the command defines; also `—name` and `–name`, because macOS
 * and Slack turn `--` into a dash.
 * A dash form only counts for known flag names, so "—writes" in a title stays a word.
 */
function asFlag(token: Token, known: Record<string, unknown>): { name: string; value: string | null } | null {
  if (token.quoted) return null;
  // kubectl-style one-letter flags (`-l app=web`, `-n shop`), only where the command defines them.
  const short = /^-([A-Za-z])(?:=([\s\S]*))?$/.exec(token.text);
  if (short && (short[1] as string) in known) return { name: short[1] as string, value: short[2] ?? null };
  const match = /^(--|—|–)([A-Za-z][A-Za-z-]*)(?:=([\s\S]*))?$/.exec(token.text);
  if (!match) return null;
  const name = (match[2] ?? '').toLowerCase();
  if (match[1] !== '--' && !(name in known)) return null;
  return { name, value: match[3] ?? null };
}

/** `l` → `-l`, `cluster` → `--cluster`. */
const dashed = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);

/** Separates the words from the flags; unknown, repeated and valueless flags are errors that say how to fix them. */
export function readFlags<Name extends string>(tokens: Token[], spec: FlagSpec<Name>): FlagRead<Name> {
  const words: string[] = [];
  const values: Partial<Record<Name, string>> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const flag = asFlag(token, spec.aliases);
    if (!flag) {
      words.push(token.text);
      continue;
    }
    const key = spec.aliases[flag.name];
    if (!key) {
      const hint = closestMatch(flag.name, Object.keys(spec.aliases));
      return { ok: false, error: `Unknown option --${flag.name}${hint ? ` (did you mean --${hint}?)` : ''}. Options: ${spec.shown}.` };
    }
    if (key in values) return { ok: false, error: `${dashed(flag.name)} is given twice: keep one.` };
    if (spec.switches.includes(key)) {
      if (flag.value !== null) return { ok: false, error: `${dashed(flag.name)} takes no value: just add \`${dashed(flag.name)}\`.` };
      values[key] = 'yes';
      continue;
    }
    let value = flag.value;
    if (value === null) {
      const next = tokens[i + 1];
      if (next && !asFlag(next, spec.aliases)) {
        value = next.text;
        i++;
      }
    }
    if (value === null || !value.trim()) {
      const example = spec.examples[key];
      return { ok: false, error: `${dashed(flag.name)} needs a value${example ? `, e.g. \`${example}\`` : ''}.` };
    }
    values[key] = decodeSlackText(value).trim();
  }
  return { ok: true, words, values };
}
