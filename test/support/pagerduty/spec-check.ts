/**
 * A small checker for PagerDuty's OpenAPI 3 description (../shared/specs/pagerduty-rest.openapi-v3.json): follows
 * $ref JSON pointers (PagerDuty's point into other schemas, e.g. `#/components/schemas/Tag/allOf/0`), allOf (every
 * part), oneOf/anyOf (some alternative: PagerDuty's alternatives overlap, so "exactly one" would fail real answers),
 * required, types with `nullable`, enums and date-time formats. additionalProperties is not checked: PagerDuty adds
 * fields over time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface JsonSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

interface MediaContent {
  content?: Record<string, { schema?: JsonSchema }>;
  $ref?: string;
}

interface Operation {
  responses: Record<string, MediaContent>;
  requestBody?: MediaContent;
  parameters?: { $ref?: string; name?: string }[];
}

export interface OpenApiSpec {
  paths: Record<string, Record<string, Operation | unknown>>;
  components: Record<string, unknown>;
}

export const PAGERDUTY_REST_SPEC_PATH = fileURLToPath(new URL('../../../../shared/specs/pagerduty-rest.openapi-v3.json', import.meta.url));

export function loadPagerDutySpec(path = PAGERDUTY_REST_SPEC_PATH): OpenApiSpec {
  if (!existsSync(path)) {
    throw new Error(`PagerDuty REST API description not found at ${path}. It lives in shared/specs beside the repository (see shared/specs/README.md).`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiSpec;
}

/** Resolves a local JSON pointer such as `#/components/responses/Conflict/content/application~1json/schema`. */
export function resolvePointer(spec: OpenApiSpec, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) throw new Error(`dangling $ref ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node;
}

function operation(spec: OpenApiSpec, method: string, path: string): Operation {
  const op = spec.paths[path]?.[method.toLowerCase()] as Operation | undefined;
  if (!op?.responses) throw new Error(`${method.toUpperCase()} ${path} is not in the PagerDuty description`);
  return op;
}

function jsonSchemaOf(spec: OpenApiSpec, media: MediaContent | undefined, what: string): JsonSchema {
  const resolved = media?.$ref ? (resolvePointer(spec, media.$ref) as MediaContent) : media;
  const schema = resolved?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no application/json schema for ${what}`);
  return schema;
}

export function responseSchema(spec: OpenApiSpec, method: string, path: string, status: number): JsonSchema {
  return jsonSchemaOf(spec, operation(spec, method, path).responses[String(status)], `${method.toUpperCase()} ${path} ${status}`);
}

export function requestSchema(spec: OpenApiSpec, method: string, path: string): JsonSchema {
  return jsonSchemaOf(spec, operation(spec, method, path).requestBody, `the ${method.toUpperCase()} ${path} request body`);
}

/** Query parameter names the operation documents (`incident_key`, `escalation_policy_ids[]`, `include[]` …). */
export function queryParameterNames(spec: OpenApiSpec, method: string, path: string): string[] {
  return (operation(spec, method, path).parameters ?? [])
    .map((p) => (p.$ref ? (resolvePointer(spec, p.$ref) as { name?: string; in?: string }) : (p as { name?: string; in?: string })))
    .filter((p) => p.in === 'query' && typeof p.name === 'string')
    .map((p) => p.name as string);
}

function typeOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (Array.isArray(value)) return ['array'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  return [typeof value];
}

export type IgnoreRule = (path: string, value: unknown) => boolean;

/** Problems found in `value` against `schema`, as "path: what" strings; a value for which `ignore` is true is skipped. */
export function checkSchema(spec: OpenApiSpec, schema: JsonSchema, value: unknown, path = '', ignore: IgnoreRule = () => false): string[] {
  if (ignore(path, value)) return [];
  if (schema.$ref) return checkSchema(spec, resolvePointer(spec, schema.$ref) as JsonSchema, value, path, ignore);
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...checkSchema(spec, part, value, path, ignore));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const results = alternatives.map((alternative) => checkSchema(spec, alternative, value, path, ignore));
    if (!results.some((r) => r.length === 0)) problems.push(...results.reduce((best, r) => (r.length < best.length ? r : best)));
  }
  if (value === null && schema.nullable) return problems;
  if (schema.type && !typeOf(value).includes(schema.type)) return [...problems, `${path}: expected ${schema.type}${schema.nullable ? '|null' : ''}, got ${typeOf(value)[0]}`];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.format === 'date-time' && typeof value === 'string' && Number.isNaN(Date.parse(value))) problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (record[key] === undefined) problems.push(`${path}.${key}: required but missing`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (record[key] !== undefined) problems.push(...checkSchema(spec, sub, record[key], `${path}.${key}`, ignore));
    }
  }
  if (Array.isArray(value) && schema.items) {
    const itemSchema = schema.items;
    value.forEach((item, i) => problems.push(...checkSchema(spec, itemSchema, item, `${path}[${i}]`, ignore)));
  }
  return problems;
}
