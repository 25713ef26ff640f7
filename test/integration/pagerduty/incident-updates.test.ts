/** setUrgency, escalate, resolve and addNote against nock: the PUT/POST PagerDuty receives, and resolving twice. */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../support/pagerduty/fixtures.js';
import { createTestOnCall, pdWrite, requestProblems, usePagerDutyNock } from '../../support/pagerduty/nock-pagerduty.js';

usePagerDutyNock();

function expectUpdate(status = 200, answer: object = fixture('update-incident.200.json')): () => unknown {
  let seen: unknown = null;
  pdWrite()
    .put('/incidents/PT4KHLK', (body: unknown) => {
      seen = body;
      return true;
    })
    .reply(status, answer);
  return () => seen;
}

describe('incident updates', () => {
  it('setUrgency PUTs the new urgency', async () => {
    const port = createTestOnCall();
    const body = expectUpdate();
    await port.setUrgency('PT4KHLK', 'low');
    expect(body()).toEqual({ incident: { type: 'incident_reference', urgency: 'low' } });
    expect(requestProblems('put', '/incidents/{id}', body())).toEqual([]);
  });

  it('escalate PUTs the escalation level', async () => {
    const port = createTestOnCall();
    const body = expectUpdate();
    await port.escalate('PT4KHLK', 2);
    expect(body()).toEqual({ incident: { type: 'incident_reference', escalation_level: 2 } });
    expect(requestProblems('put', '/incidents/{id}', body())).toEqual([]);
  });

  it('escalate refuses a level below 1 without calling PagerDuty', async () => {
    const port = createTestOnCall();
    await expect(port.escalate('PT4KHLK', 0)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('resolve PUTs status resolved', async () => {
    const port = createTestOnCall();
    const body = expectUpdate();
    await port.resolve('PT4KHLK');
    expect(body()).toEqual({ incident: { type: 'incident_reference', status: 'resolved' } });
    expect(requestProblems('put', '/incidents/{id}', body())).toEqual([]);
    expect(port.reports).toEqual([{ operation: 'resolve', outcome: 'success' }]);
  });

  it('resolving an incident PagerDuty already resolved is not an error', async () => {
    const port = createTestOnCall();
    expectUpdate(400, fixture('error-400-already-resolved.json'));
    await expect(port.resolve('PT4KHLK')).resolves.toBeUndefined();
    expect(port.reports).toEqual([{ operation: 'resolve', outcome: 'already_resolved' }]);
  });

  it('an already-resolved answer to anything but resolve is still an error', async () => {
    const port = createTestOnCall();
    expectUpdate(400, fixture('error-400-already-resolved.json'));
    await expect(port.escalate('PT4KHLK', 2)).rejects.toMatchObject({ reason: '400 Bad Request: Invalid Input Provided (Incident Already Resolved)', retryable: false });
  });

  it('addNote POSTs the note', async () => {
    const port = createTestOnCall();
    let seen: unknown = null;
    pdWrite()
      .post('/incidents/PT4KHLK/notes', (body: unknown) => {
        seen = body;
        return true;
      })
      .reply(200, fixture('create-note.200.json'));

    await port.addNote('PT4KHLK', 'Mitigated: rolled back checkout to v41.');

    expect(seen).toEqual({ note: { content: 'Mitigated: rolled back checkout to v41.' } });
    expect(requestProblems('post', '/incidents/{id}/notes', seen)).toEqual([]);
  });

  it('refuses an id that is not a PagerDuty id rather than build a path from it', async () => {
    const port = createTestOnCall();
    await expect(port.resolve('PT4KHLK/../../users')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(port.addNote('', 'x')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
