/**
 * Label and field selectors as the API server parses them (the subset kubectl and the adapter send):
 * `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`, joined by commas.
 */
export type Matcher = (labels: Record<string, string>) => boolean;

/** Splits on commas that are not inside parentheses. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function term(text: string): Matcher {
  const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text);
  if (set) {
    const [, key = '', op, list = ''] = set;
    const values = list.split(',').map((v) => v.trim());
    return op === 'in' ? (l) => values.includes(l[key] ?? '\0') : (l) => !values.includes(l[key] ?? '\0');
  }
  const cmp = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(text);
  if (cmp) {
    const [, key = '', op, value = ''] = cmp;
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  const notExists = /^!([\w./-]+)$/.exec(text);
  if (notExists) return (l) => !(notExists[1]! in l);
  if (/^[\w./-]+$/.test(text)) return (l) => text in l;
  throw new Error(`unable to parse requirement: ${text}`);
}

/** A matcher for a label selector; an empty or absent selector matches everything. Throws on syntax errors. */
export function parseLabelSelector(selector: string | null): Matcher {
  const matchers = terms(selector ?? '').map(term);
  return (labels) => matchers.every((m) => m(labels));
}

/** Field selector over the fields the fake supports (`spec.nodeName`, `metadata.name`, `metadata.namespace`). */
export function parseFieldSelector(selector: string | null, fields: readonly string[]): Matcher {
  const matchers = terms(selector ?? '').map((text) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(text);
    if (!m) throw new Error(`invalid field selector: ${text}`);
    const [, key = '', op, value = ''] = m;
    if (!fields.includes(key)) throw new Error(`field label not supported: ${key}`);
    return op === '!=' ? (f: Record<string, string>) => f[key] !== value : (f: Record<string, string>) => f[key] === value;
  });
  return (f) => matchers.every((m) => m(f));
}
