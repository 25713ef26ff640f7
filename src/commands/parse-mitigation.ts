/**
 * The Kubernetes subcommands of `/incident`, written as kubectl would take them:
 * `cordon <node> | -l <selector>`, `drain … [--grace 30s] [--timeout 5m] [--delete-emptydir-data] [--force]`,
 * `rollback <deployment> [-n ns] [--to-revision N]`, `restart <deployment>`, `scale <deployment> --replicas N`,
 * and the read-only `nodes [-l selector]`, `pods <deployment>`, `history <deployment>`; all take `--cluster`.
 */
import type { MitigationKind, MitigationOptions, MitigationRequest } from '../core/mitigation/model.js';
import { readFlags, tokenize, type FlagSpec } from './flags.js';

export type MitigationCommand =
  | { name: 'mitigation'; request: MitigationRequest }
  | { name: 'nodes'; cluster: string | null; selector: string | null }
  | { name: 'pods' | 'history'; cluster: string | null; deployment: string; namespace: string | null };

export const MITIGATION_SUBCOMMANDS = ['cordon', 'uncordon', 'drain', 'rollback', 'restart', 'scale', 'nodes', 'pods', 'history'] as const;
export type MitigationSubcommand = (typeof MITIGATION_SUBCOMMANDS)[number];

export const MITIGATION_USAGE: Record<MitigationSubcommand, string> = {
  cordon: 'Usage: `/incident cordon <node> | -l <selector> [--cluster prod] [--all-nodes]`\nExample: `/incident cordon -l topology.kubernetes.io/zone=us-west-2a`',
  uncordon: 'Usage: `/incident uncordon <node> | -l <selector> [--cluster prod]`\nExample: `/incident uncordon ip-10-0-3-17`',
  drain:
    'Usage: `/incident drain <node> | -l <selector> [--grace 30s] [--timeout 5m] [--delete-emptydir-data] [--force] [--cluster prod]`\nExample: `/incident drain ip-10-0-3-17 --timeout 10m`',
  rollback: 'Usage: `/incident rollback <deployment> [-n namespace] [--to-revision N] [--cluster prod]`\nExample: `/incident rollback checkout-api -n shop`',
  restart: 'Usage: `/incident restart <deployment> [-n namespace] [--cluster prod]`\nExample: `/incident restart checkout-worker -n shop`',
  scale: 'Usage: `/incident scale <deployment> --replicas N [-n namespace] [--cluster prod]`\nExample: `/incident scale checkout-api -n shop --replicas 12`',
  nodes: 'Usage: `/incident nodes [-l selector] [--cluster prod]`\nExample: `/incident nodes -l topology.kubernetes.io/zone=us-west-2a`',
  pods: 'Usage: `/incident pods <deployment> [-n namespace] [--cluster prod]`\nExample: `/incident pods checkout-api -n shop`',
  history: 'Usage: `/incident history <deployment> [-n namespace] [--cluster prod]`\nExample: `/incident history checkout-api`',
};

type Flag = 'l' | 'n' | 'cluster' | 'grace' | 'timeout' | 'delete-emptydir-data' | 'force' | 'all-nodes' | 'to-revision' | 'replicas';

const FLAGS: FlagSpec<Flag> = {
  aliases: {
    l: 'l', selector: 'l', n: 'n', namespace: 'n', cluster: 'cluster', grace: 'grace', 'grace-period': 'grace', timeout: 'timeout',
    'delete-emptydir-data': 'delete-emptydir-data', force: 'force', 'all-nodes': 'all-nodes', 'to-revision': 'to-revision', replicas: 'replicas',
  },
  switches: ['delete-emptydir-data', 'force', 'all-nodes'],
  examples: { l: '-l topology.kubernetes.io/zone=us-west-2a', n: '-n shop', cluster: '--cluster prod', grace: '--grace 30s', timeout: '--timeout 5m', 'to-revision': '--to-revision 7', replicas: '--replicas 12' },
  shown: '-l, -n, --cluster, --grace, --timeout, --delete-emptydir-data, --force, --all-nodes, --to-revision, --replicas',
};

/** Which flags each subcommand takes; anything else is a mistake worth pointing out. */
const ALLOWED: Record<MitigationSubcommand, readonly Flag[]> = {
  cordon: ['l', 'cluster', 'all-nodes'],
  uncordon: ['l', 'cluster', 'all-nodes'],
  drain: ['l', 'cluster', 'all-nodes', 'grace', 'timeout', 'delete-emptydir-data', 'force'],
  rollback: ['n', 'cluster', 'to-revision'],
  restart: ['n', 'cluster'],
  scale: ['n', 'cluster', 'replicas'],
  nodes: ['l', 'cluster'],
  pods: ['n', 'cluster'],
  history: ['n', 'cluster'],
};

type Parsed = { ok: true; value: MitigationCommand } | { ok: false; error: string };
const fail = (sub: MitigationSubcommand, problem: string): Parsed => ({ ok: false, error: `${problem}\n${MITIGATION_USAGE[sub]}` });

/** `30s`, `5m`, `1h` or plain seconds → seconds. */
function seconds(text: string): number | null {
  const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'] ?? 1);
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text) : null;
}

export function parseMitigationCommand(sub: MitigationSubcommand, rest: string): Parsed {
  const split = tokenize(rest);
  if (!split.ok) return fail(sub, split.error);
  const read = readFlags(split.tokens, FLAGS);
  if (!read.ok) return fail(sub, read.error);
  const { values, words } = read;
  const extra = (Object.keys(values) as Flag[]).find((flag) => !ALLOWED[sub].includes(flag));
  if (extra) return fail(sub, `\`${sub}\` does not take ${extra.length === 1 ? '-' : '--'}${extra}.`);
  const cluster = values.cluster ?? null;
  const namespace = values.n ?? null;

  if (sub === 'nodes') {
    if (words.length > 0) return fail(sub, 'Select nodes with -l <selector>.');
    return { ok: true, value: { name: 'nodes', cluster, selector: values.l ?? null } };
  }
  if (sub === 'cordon' || sub === 'uncordon' || sub === 'drain') {
    if (words.length > 1) return fail(sub, 'One node at a time, or a selector with -l.');
    if (words.length === 1 && values.l) return fail(sub, 'Give a node name or -l <selector>, not both.');
    if (words.length === 0 && !values.l) return fail(sub, 'Which node? Give its name, or -l <selector> for several.');
    const options: MitigationOptions = {};
    if (values['all-nodes']) options.allNodes = true;
    if (values['delete-emptydir-data']) options.deleteEmptyDirData = true;
    if (values.force) options.force = true;
    for (const [flag, key] of [['grace', 'graceSeconds'], ['timeout', 'timeoutSeconds']] as const) {
      if (values[flag] === undefined) continue;
      const parsed = seconds(values[flag] as string);
      if (parsed === null) return fail(sub, `--${flag} takes a duration like 30s, 5m or 1h, got "${values[flag]}".`);
      options[key] = parsed;
    }
    const nodes = values.l ? { selector: values.l } : { node: words[0] as string };
    return { ok: true, value: { name: 'mitigation', request: { kind: sub as MitigationKind, cluster, nodes, options } } };
  }
  if (words.length !== 1) return fail(sub, words.length === 0 ? 'Which deployment?' : `Expected one deployment, got "${words.join(' ')}".`);
  const deployment = words[0] as string;
  if (sub === 'pods' || sub === 'history') return { ok: true, value: { name: sub, cluster, deployment, namespace } };
  const options: MitigationOptions = {};
  if (values['to-revision'] !== undefined) {
    const revision = wholeNumber(values['to-revision']);
    if (revision === null || revision < 1) return fail(sub, `--to-revision takes a revision number (see \`/incident history ${deployment}\`), got "${values['to-revision']}".`);
    options.toRevision = revision;
  }
  if (sub === 'scale') {
    const replicas = values.replicas === undefined ? null : wholeNumber(values.replicas);
    if (replicas === null) return fail(sub, values.replicas === undefined ? 'How many replicas? Add --replicas N.' : `--replicas takes a whole number, got "${values.replicas}".`);
    options.replicas = replicas;
  }
  return { ok: true, value: { name: 'mitigation', request: { kind: sub, cluster, deployment: { name: deployment, namespace }, options } } };
}
