/** whoIsOnCall against nock: GET /oncalls across pages (`more`/`offset`), mapping, level filter, order, duplicates. */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../support/pagerduty/fixtures.js';
import { createTestOnCall, pdRead, usePagerDutyNock } from '../../support/pagerduty/nock-pagerduty.js';

usePagerDutyNock();

/** Serves the two fixture pages, each only for the offset PagerDuty's pagination asks for next. */
function expectTwoPages(): Record<string, unknown>[] {
  const queries: Record<string, unknown>[] = [];
  const page = (offset: string) => (query: Record<string, unknown>) => {
    if (query.offset !== offset) return false;
    queries.push(query);
    return true;
  };
  pdRead().get('/oncalls').query(page('0')).reply(200, fixture('oncalls-page-1.200.json'));
  pdRead().get('/oncalls').query(page('2')).reply(200, fixture('oncalls-page-2.200.json'));
  return queries;
}

const policy = { id: 'PEP0001', name: 'Checkout Escalation' };
const ada = { level: 1, person: { id: 'PUSR001', name: 'Ada Lovelace', email: 'ada@example.com' }, until: new Date('2026-03-02T20:00:00Z'), escalationPolicy: policy, schedule: { id: 'PSCH003', name: 'Checkout Primary (follow the sun)' } };
const barbara = { level: 1, person: { id: 'PUSR002', name: 'Barbara Liskov', email: 'barbara@example.com' }, until: new Date('2026-03-02T17:00:00Z'), escalationPolicy: policy, schedule: { id: 'PSCH001', name: 'Checkout Primary' } };
// On level 2 through two schedules: one person, on call until the later end.
const grace = { level: 2, person: { id: 'PUSR003', name: 'Grace Hopper', email: 'grace@example.com' }, until: new Date('2026-03-05T09:00:00Z'), escalationPolicy: policy, schedule: { id: 'PSCH004', name: 'Checkout Secondary (weekend)' } };
// Targeted directly by the escalation rule: always on call, no schedule.
const linus = { level: 3, person: { id: 'PUSR004', name: 'Linus Torvalds', email: 'linus@example.com' }, until: null, escalationPolicy: policy, schedule: null };

describe('whoIsOnCall', () => {
  it('follows more/offset across pages and maps, de-duplicates and sorts by level then name', async () => {
    const port = createTestOnCall();
    const queries = expectTwoPages();

    const entries = await port.whoIsOnCall({ escalationPolicyId: 'PEP0001' });

    expect(queries).toEqual([
      { 'escalation_policy_ids[]': 'PEP0001', 'include[]': 'users', limit: '100', offset: '0' },
      { 'escalation_policy_ids[]': 'PEP0001', 'include[]': 'users', limit: '100', offset: '2' },
    ]);
    expect(entries).toEqual([ada, barbara, grace, linus]);
    expect(port.reports).toEqual([{ operation: 'whoIsOnCall', outcome: 'success' }]);
  });

  it('keeps only the levels asked for', async () => {
    const port = createTestOnCall();
    expectTwoPages();

    expect(await port.whoIsOnCall({ escalationPolicyId: 'PEP0001', levels: [1] })).toEqual([ada, barbara]);
  });

  it('falls back to the reference summary for the name when PagerDuty sends no user details', async () => {
    const port = createTestOnCall();
    const answer = fixture<{ oncalls: Record<string, unknown>[] }>('oncalls-page-2.200.json');
    answer.oncalls = [{ ...answer.oncalls[0], user: { id: 'PUSR001', type: 'user_reference', summary: 'Ada L.' } }];
    pdRead().get('/oncalls').query(true).reply(200, { ...answer, offset: 0 });

    const [entry] = await port.whoIsOnCall({ escalationPolicyId: 'PEP0001' });

    expect(entry?.person).toEqual({ id: 'PUSR001', name: 'Ada L.', email: null });
  });

  it('reports an answer without on-call entries as an unexpected answer', async () => {
    const port = createTestOnCall();
    pdRead().get('/oncalls').query(true).reply(200, { limit: 100, offset: 0, more: false });

    await expect(port.whoIsOnCall({ escalationPolicyId: 'PEP0001' })).rejects.toMatchObject({
      operation: 'whoIsOnCall',
      reason: 'unexpected answer from api.pagerduty.com: GET /oncalls has no "oncalls" list',
      retryable: false,
    });
  });
});

describe('escalationPolicyFor', () => {
  it('answers from configuration without calling PagerDuty', () => {
    const port = createTestOnCall();
    expect(port.escalationPolicyFor({ name: 'checkout', ownersGroup: null, responders: [], description: '', pagerDuty: { serviceId: 'PSVC001', escalationPolicyId: 'PEP0001' } })).toBe('PEP0001');
    expect(port.escalationPolicyFor({ name: 'x', ownersGroup: null, responders: [], description: '', pagerDuty: { serviceId: 'PSVC009', escalationPolicyId: null } })).toBeNull();
    expect(port.escalationPolicyFor({ name: 'search', ownersGroup: null, responders: [], description: '', pagerDuty: null })).toBeNull();
    expect(port.escalationPolicyFor(null)).toBeNull();
  });
});
