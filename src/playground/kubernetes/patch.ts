/**
 * The patch formats the API server accepts for the fields the fake serves: JSON merge patch (RFC 7386; strategic
 * merge behaves the same for the maps and scalars patched here) and JSON patch (RFC 6902: add, replace, remove, test).
 */
import { isDeepStrictEqual } from 'node:util';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Thrown for a failed `test` operation; the server answers 422 like Kubernetes does. */
export class JsonPatchTestFailed extends Error {}

function pointer(path: string): string[] {
  return path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(root: Record<string, Json>, parts: string[], create: boolean): Record<string, Json> | Json[] {
  let node: Json = root;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObject(node)) {
      if (!(part in node) && create) node[part] = {};
      node = node[part];
    } else throw new Error(`doc is missing path: ${parts.join('/')}`);
  }
  if (!isObject(node) && !Array.isArray(node)) throw new Error(`doc is missing path: ${parts.join('/')}`);
  return node;
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new Error('json patch must be an array of operations');
  const doc = structuredClone(target) as Record<string, Json>;
  for (const raw of ops) {
    const op = raw as { op?: string; path?: string; value?: Json };
    const parts = pointer(op.path ?? '');
    const last = parts[parts.length - 1] ?? '';
    const parent = parentOf(doc, parts, op.op === 'add');
    const current = Array.isArray(parent) ? parent[Number(last)] : parent[last];
    switch (op.op) {
      case 'test':
        if (!isDeepStrictEqual(current, op.value)) throw new JsonPatchTestFailed(`testing value ${op.path} failed`);
        break;
      case 'add':
      case 'replace':
        if (Array.isArray(parent)) parent[last === '-' ? parent.length : Number(last)] = structuredClone(op.value);
        else parent[last] = structuredClone(op.value);
        break;
      case 'remove':
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      default:
        throw new Error(`unsupported json patch operation: ${String(op.op)}`);
    }
  }
  return doc;
}
