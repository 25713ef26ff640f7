/**
 * A small checker for the OpenAPI 2 description of Slack's Web API: follows $ref, checks required fields, types,
 * enums and patterns, recursively. The 2021 description encodes "any of" as an `items` array on a non-array schema;
 * that is honoured. additionalProperties is not checked: Slack has added fields since the description was published.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  pattern?: string;
}

export interface SlackSpec {
  paths: Record<string, Record<string, { responses: Record<string, { schema?: JsonSchema }> }>>;
  definitions: Record<string, JsonSchema>;
}

export function operationOf(spec: SlackSpec, method: string): { success?: JsonSchema; errorCodes?: string[] } | null {
  const path = spec.paths[`/${method}`];
  if (!path) return null;
  const op = path.post ?? path.get;
  if (!op) return null;
  const errorSchema = op.responses.default?.schema;
  const errorEnum = errorSchema?.properties?.error?.enum;
  return { success: op.responses['200']?.schema, errorCodes: Array.isArray(errorEnum) ? errorEnum.map(String) : undefined };
}

function typeOf(value: unknown): string[] {
  if (value === null) return ['null'];
  if (Array.isArray(value)) return ['array'];
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
  return [typeof value];
}

/** Problems found in `value` against `schema`, as "path: what" strings; paths in `ignore` are skipped. */
export function checkSchema(spec: SlackSpec, schema: JsonSchema, value: unknown, path = '', ignore: ReadonlySet<string> = new Set()): string[] {
  if (ignore.has(path)) return [];
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const target = spec.definitions[name];
    if (!target) return [`${path}: unknown $ref ${schema.$ref}`];
    return checkSchema(spec, target, value, path, ignore);
  }
  if (Array.isArray(schema.items) && schema.type !== 'array') {
    const results = schema.items.map((alternative) => checkSchema(spec, alternative, value, path, ignore));
    if (results.some((r) => r.length === 0)) return [];
    return results.reduce((best, r) => (r.length < best.length ? r : best));
  }
  const problems: string[] = [];
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !typeOf(value).some((t) => types.includes(t))) return [`${path}: expected ${types.join('|')}, got ${typeOf(value)[0]}`];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) problems.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (record[key] === undefined) problems.push(`${path}.${key}: required but missing`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (record[key] !== undefined) problems.push(...checkSchema(spec, sub, record[key], `${path}.${key}`, ignore));
    }
  }
  if (Array.isArray(value) && schema.items && !Array.isArray(schema.items)) {
    const itemSchema = schema.items;
    value.forEach((item, i) => problems.push(...checkSchema(spec, itemSchema, item, `${path}[${i}]`, ignore)));
  }
  return problems;
}
