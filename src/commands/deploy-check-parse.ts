/**
 * `/deploy-check …` text (and `warroom deploy-check …` arguments) → a typed request, or a usage error that shows
 * the right form with an example. Enum values are checked here so the person learns the valid ones at once.
 */
import type { BlastRadius, Reversibility } from '../core/release/model.js';
import { decodeSlackText } from '../templates/slack-text.js';
import { readFlags, tokenize, type FlagSpec, type Token } from './flags.js';

export interface RiskFlags {
  blastRadius?: BlastRadius;
  rollback?: Reversibility;
  coverage?: number;
  change?: string;
}

export type DeployCheckCommand =
  | { name: 'help' }
  | { name: 'history'; service: string }
  | { name: 'check'; service: string; risk: RiskFlags; override: string | null; json: boolean };

export type DeployCheckParse = { ok: true; value: DeployCheckCommand } | { ok: false; error: string };

export const DEPLOY_CHECK_USAGE = [
  'Usage: `/deploy-check <service> [--blast-radius namespace|multi-namespace|cluster] [--rollback instant|fast|slow] [--coverage 85] [--change "<text or link>"] [--override "<reason>"]`',
  '       `/deploy-check history <service>`',
  'Example: `/deploy-check checkout --blast-radius namespace --rollback instant --coverage 92 --change "https://github.com/acme/checkout/pull/812"`',
].join('\n');

type Flag = 'blast-radius' | 'rollback' | 'coverage' | 'change' | 'override' | 'json';

const FLAGS: FlagSpec<Flag> = {
  aliases: { 'blast-radius': 'blast-radius', blast: 'blast-radius', rollback: 'rollback', coverage: 'coverage', change: 'change', override: 'override', json: 'json' },
  switches: ['json'],
  examples: { 'blast-radius': '--blast-radius namespace', rollback: '--rollback instant', coverage: '--coverage 85', change: '--change "https://github.com/acme/checkout/pull/812"', override: '--override "P0 fix for the payment outage"' },
  shown: '--blast-radius, --rollback, --coverage, --change, --override',
};

const BLAST: readonly BlastRadius[] = ['namespace', 'multi-namespace', 'cluster'];
const ROLLBACK: readonly Reversibility[] = ['instant', 'fast', 'slow'];

const usage = (problem: string): DeployCheckParse => ({ ok: false, error: `${problem}\n${DEPLOY_CHECK_USAGE}` });

function readRisk(values: Partial<Record<Flag, string>>): { ok: true; risk: RiskFlags } | { ok: false; error: string } {
  const risk: RiskFlags = {};
  const blast = values['blast-radius']?.toLowerCase();
  if (blast !== undefined) {
    if (!(BLAST as readonly string[]).includes(blast)) return { ok: false, error: `--blast-radius must be one of ${BLAST.join(', ')} (one namespace; several; the whole cluster or all nodes), got "${blast}".` };
    risk.blastRadius = blast as BlastRadius;
  }
  const rollback = values.rollback?.toLowerCase();
  if (rollback !== undefined) {
    if (!(ROLLBACK as readonly string[]).includes(rollback)) return { ok: false, error: `--rollback must be one of ${ROLLBACK.join(', ')} (instant; under 15 minutes; hours), got "${rollback}".` };
    risk.rollback = rollback as Reversibility;
  }
  if (values.coverage !== undefined) {
    const coverage = Number(values.coverage.replace(/%$/, ''));
    if (!Number.isFinite(coverage) || coverage < 0 || coverage > 100) return { ok: false, error: `--coverage is a percentage from 0 to 100, got "${values.coverage}".` };
    risk.coverage = coverage;
  }
  if (values.change !== undefined) risk.change = values.change;
  return { ok: true, risk };
}

export function parseDeployCheckTokens(tokens: Token[]): DeployCheckParse {
  const read = readFlags(tokens, FLAGS);
  if (!read.ok) return usage(read.error);
  const words = read.words.map((w) => decodeSlackText(w).trim()).filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (!first || first === 'help' || first === '?') return words.length <= 1 ? { ok: true, value: { name: 'help' } } : usage('`help` takes nothing else.');
  if (first === 'history') {
    if (words.length !== 2) return usage(words.length < 2 ? 'Which service’s history?' : 'One service at a time.');
    return { ok: true, value: { name: 'history', service: words[1] as string } };
  }
  if (words.length > 1) return usage(`Expected one service name, got "${words.join(' ')}". Put free text in --change "…".`);
  const risk = readRisk(read.values);
  if (!risk.ok) return usage(risk.error);
  const override = read.values.override ?? null;
  return { ok: true, value: { name: 'check', service: words[0] as string, risk: risk.risk, override, json: read.values.json === 'yes' } };
}

export function parseDeployCheckCommand(text: string): DeployCheckParse {
  const split = tokenize(text.trim());
  if (!split.ok) return usage(split.error);
  return parseDeployCheckTokens(split.tokens);
}
