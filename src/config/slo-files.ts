/**
 * `slo_files:` — Sloth and OpenSLO files read as they are. Each file may hold several YAML documents (`---`);
 * each document's format comes from its `version` (Sloth) or `apiVersion` (OpenSLO). Whatever cannot be mapped
 * is a problem naming the file, the path in it and the reason; the rest is imported.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fromOpenSlo, OPENSLO_VERSION, type OpenSloDocument } from './openslo.js';
import type { Problem } from './problems.js';
import type { SloFileEntry } from './release-schema.js';
import { type DocumentContext, describe, type ImportedSlo, isNode, report, type ServiceRef } from './slo-import-shared.js';
import { fromSloth, SLOTH_VERSION } from './sloth.js';

const FORMATS = `Sloth (version: ${SLOTH_VERSION}) and OpenSLO (apiVersion: ${OPENSLO_VERSION}, kind: SLO)`;

function readSource(entry: SloFileEntry, index: number, baseDir: string, problems: Problem[]): string | null {
  const absolute = resolve(baseDir, entry.path);
  try {
    return readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    problems.push({ path: `slo_files[${index}]`, message: `${absolute}: ${why} (paths are relative to the config file)` });
    return null;
  }
}

export interface SloFileResult {
  slos: ImportedSlo[];
  /** Every place naming a service, including documents whose SLOs were rejected. */
  services: ServiceRef[];
}

/** Parses one file's text; `file` is how slo_files wrote it, used in every problem and SLO source. */
export function parseSloFile(source: string, file: string, defaultWindow: string, problems: Problem[]): SloFileResult {
  const services: ServiceRef[] = [];
  const documents = parseAllDocuments(source, { prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const syntax = list.flatMap((doc) => doc.errors);
  if (syntax.length > 0) {
    for (const e of syntax) {
      const at = e.linePos?.[0];
      problems.push({ path: at ? `${file}: line ${at.line}, column ${at.col}` : file, message: `YAML syntax: ${(e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '')}` });
    }
    return { slos: [], services };
  }
  const contents = list.map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown).filter((doc) => doc !== null && doc !== undefined);
  if (contents.length === 0) {
    problems.push({ path: file, message: `no SLO documents in the file (expected ${FORMATS})` });
    return { slos: [], services };
  }
  const several = contents.length > 1;
  const openSlo: OpenSloDocument[] = [];
  const imported: ImportedSlo[] = [];
  contents.forEach((doc, i) => {
    const ctx: DocumentContext = { file, document: several ? i + 1 : null, defaultWindow, problems, services };
    if (!isNode(doc)) return report(ctx, '', `expected a mapping (${FORMATS})`);
    if (doc.version === SLOTH_VERSION) imported.push(...fromSloth(ctx, doc));
    else if (doc.apiVersion === OPENSLO_VERSION) openSlo.push({ ctx, doc });
    else if (doc.version !== undefined || doc.apiVersion !== undefined) {
      const key = doc.version !== undefined ? 'version' : 'apiVersion';
      report(ctx, key, `unsupported format ${describe(doc[key])}: Warroom reads ${FORMATS}`);
    } else report(ctx, '', `cannot tell the format: neither version nor apiVersion is set (Warroom reads ${FORMATS})`);
  });
  return { slos: [...imported, ...fromOpenSlo(openSlo)], services };
}

/** Every listed file, relative to `baseDir` (the config file's directory). */
export function readSloFiles(entries: readonly SloFileEntry[], baseDir: string, problems: Problem[]): SloFileResult {
  const listed = new Map<string, number>();
  const results = entries.map((entry, index): SloFileResult => {
    const absolute = resolve(baseDir, entry.path);
    const first = listed.get(absolute);
    if (first !== undefined) {
      problems.push({ path: `slo_files[${index}]`, message: `${entry.path} is already listed at slo_files[${first}]` });
      return { slos: [], services: [] };
    }
    listed.set(absolute, index);
    const source = readSource(entry, index, baseDir, problems);
    return source === null ? { slos: [], services: [] } : parseSloFile(source, entry.path, entry.default_window, problems);
  });
  return { slos: results.flatMap((r) => r.slos), services: results.flatMap((r) => r.services) };
}
