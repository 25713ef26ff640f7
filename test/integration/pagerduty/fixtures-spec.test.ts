/**
 * Keeps the PagerDuty fixtures honest against PagerDuty's published REST description (../shared/specs): every
 * fixture is listed with the operation whose response it stands for, and matches that response's schema.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SCHEMAS, fixture, listFixtureFiles } from '../../support/pagerduty/fixtures.js';
import { checkSchema, type IgnoreRule, type JsonSchema, loadPagerDutySpec, type OpenApiSpec, queryParameterNames, resolvePointer, responseSchema } from '../../support/pagerduty/spec-check.js';

/**
 * Where the description is narrower than PagerDuty's real answers, each with why:
 * - these fields are documented as "null when …" (not resolved; a permanent on-call; a user targeted directly by
 *   an escalation rule rather than through a schedule) but not marked nullable;
 * - with `include[]=users`, /oncalls returns whole User objects (`type: user`) where the schema names a
 *   UserReference: those users are checked against the User schema below instead.
 */
const DOCUMENTED_NULLS = /\.(resolved_at|start|end|schedule)$/;
const INCLUDED_USER = /^\.oncalls\[\d+\]\.user$/;
const specGaps: IgnoreRule = (path, value) => (value === null && DOCUMENTED_NULLS.test(path)) || INCLUDED_USER.test(path);

let spec: OpenApiSpec;
beforeAll(() => {
  spec = loadPagerDutySpec();
});

function schemaFor(name: string): JsonSchema {
  const target = FIXTURE_SCHEMAS[name];
  if (!target) throw new Error(`${name} is not listed in FIXTURE_SCHEMAS`);
  if ('component' in target) {
    const response = resolvePointer(spec, `#/components/responses/${target.component}`) as { content: Record<string, { schema: JsonSchema }> };
    const schema = response.content['application/json']?.schema;
    if (!schema) throw new Error(`no schema for ${target.component}`);
    return schema;
  }
  return responseSchema(spec, target.method, target.path, target.status);
}

describe('PagerDuty fixtures against the published REST API description', () => {
  it('lists every fixture file with the response it stands for', () => {
    expect(listFixtureFiles()).toEqual(Object.keys(FIXTURE_SCHEMAS).sort());
  });

  it.each(Object.keys(FIXTURE_SCHEMAS))('%s matches its response schema', (name) => {
    expect(checkSchema(spec, schemaFor(name), fixture(name), '', specGaps)).toEqual([]);
  });

  it('on-call users included with include[]=users match the User schema', () => {
    const users = ['oncalls-page-1.200.json', 'oncalls-page-2.200.json'].flatMap((name) => fixture<{ oncalls: { user: unknown }[] }>(name).oncalls.map((o) => o.user));
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(checkSchema(spec, { $ref: '#/components/schemas/User' }, user)).toEqual([]);
  });

  it('catches a fixture that drifts from the schema', () => {
    const broken = fixture<{ incident: Record<string, unknown> }>('create-incident.201.json');
    broken.incident.urgency = 'urgent';
    broken.incident.incident_number = '1234';
    broken.incident.service = { type: 'service_reference', summary: 'Checkout API' };
    const problems = checkSchema(spec, schemaFor('create-incident.201.json'), broken, '', specGaps);
    expect(problems).toEqual(
      expect.arrayContaining([
        '.incident.urgency: "urgent" is not one of ["high","low"]',
        '.incident.incident_number: expected integer, got string',
        '.incident.service.id: required but missing',
      ]),
    );
  });

  it('documents the query parameters the adapter sends', () => {
    expect(queryParameterNames(spec, 'get', '/incidents')).toEqual(expect.arrayContaining(['incident_key', 'service_ids[]', 'statuses[]', 'date_range', 'sort_by', 'limit', 'offset']));
    expect(queryParameterNames(spec, 'get', '/oncalls')).toEqual(expect.arrayContaining(['escalation_policy_ids[]', 'include[]', 'limit', 'offset']));
    expect(queryParameterNames(spec, 'get', '/users')).toEqual(expect.arrayContaining(['query', 'limit', 'offset']));
    expect(queryParameterNames(spec, 'get', '/escalation_policies')).toEqual(expect.arrayContaining(['query', 'limit', 'offset']));
  });
});
