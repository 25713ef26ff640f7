import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { createIncidentUseCases } from '../../../../src/core/incident/create-incident-service.js';
import { createIncidentHarness, createRecordingOnCall, ONCALL_NOT_CONFIGURED_DETAIL, type IncidentHarness } from '../../../support/fakes/index.js';

const alice = { userId: 'U0ALICE' };
const TITLE = 'Checkout returns 500 for EU customers';
const CHANNEL = 'inc-20260302-checkout-returns-500-for-eu-customers';

function setup(options: Parameters<typeof createIncidentHarness>[0] = {}) {
  const oncall = createRecordingOnCall();
  const h = createIncidentHarness({ oncall, ...options });
  return { ...h, oncall, incidents: createIncidentUseCases(h.deps) };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error) => err,
  );
}

function nothingHappened(h: IncidentHarness): void {
  expect(h.store.incidents.all()).toEqual([]);
  expect(h.chat.calls).toEqual([]);
}

describe('declare: happy path', () => {
  it('records the incident and runs every Slack step with the right arguments', async () => {
    const h = setup();
    const result = await h.incidents.declare({ title: `  ${TITLE} `, severity: 'sev2', service: 'Checkout', started: '13:52', impact: 'EU card payments fail' }, alice);

    expect(result.created).toBe(true);
    expect(result.problems).toEqual([]);
    const incident = result.incident;
    expect(incident).toMatchObject({
      id: 1,
      title: TITLE,
      severity: 'SEV2',
      state: 'investigating',
      service: 'checkout',
      impact: 'EU card payments fail',
      isPrivate: false,
      declaredBy: 'U0ALICE',
      declaredAt: new Date('2026-03-02T14:00:00Z'),
      startedAt: new Date('2026-03-02T13:52:00Z'),
      commanderAssignedAt: new Date('2026-03-02T14:00:00Z'),
      roles: { commander: 'U0ALICE' },
      channelName: CHANNEL,
      links: { pagerduty: 'https://pd.example/incidents/P1', pagerdutyId: 'P1' },
    });
    const channelId = incident.channelId!;
    expect(h.chat.callsTo('createChannel')).toEqual([[CHANNEL, { isPrivate: false }]]);
    expect(h.chat.callsTo('setTopic')).toEqual([[channelId, 'SEV2 | investigating | IC <@U0ALICE>']]);
    expect(h.chat.callsTo('setPurpose')).toEqual([[channelId, `INC-1: ${TITLE}`]]);
    expect(h.chat.callsTo('usersInGroup')).toEqual([['S0CHECKOUT']]);
    const [[inviteChannel, invited]] = h.chat.callsTo('invite') as [[string, string[]]];
    expect(inviteChannel).toBe(channelId);
    expect([...invited].sort()).toEqual(['U0ALICE', 'U0CKRESP', 'U0DEFAULT', 'U0OWNER1', 'U0OWNER2']);

    const [declaration] = h.chat.messagesIn(channelId);
    expect(declaration?.message.text).toBe(`declaration INC-1 SEV2 (high): ${TITLE} | IC <@U0ALICE> | next update 2026-03-02T14:30:00.000Z`);
    expect(incident.declarationTs).toBe(declaration?.ts);
    expect(h.chat.callsTo('pinMessage')).toEqual([[channelId, declaration?.ts]]);

    const [announcement] = h.chat.messagesIn('C0ANNOUNCE');
    expect(announcement?.message.text).toBe(`announcement INC-1 SEV2 investigating IC <@U0ALICE> in <#${channelId}>`);
    expect(incident.announcement).toEqual({ channelId: 'C0ANNOUNCE', ts: announcement?.ts });

    expect(h.oncall.pages).toHaveLength(1);
    expect(h.oncall.pages[0]?.policy.name).toBe('SEV2');
    expect(h.chat.directMessages).toEqual([]);
    // The declaration, then who was paged; no problems message.
    expect(h.chat.messagesIn(channelId).map((m) => m.message.text.split(' ')[0])).toEqual(['declaration', 'paged']);
  });

  it('records the declaration and the page on the timeline and schedules the first reminder', async () => {
    const h = setup();
    await h.incidents.declare({ title: TITLE, severity: 'SEV2' }, alice);
    const events = await h.store.timeline.list(1);
    expect(events.map((e) => [e.key, e.kind])).toEqual([
      ['act:declared:1', 'declared'],
      ['act:paged:1:SEV2', 'paged'],
    ]);
    expect(events[0]).toMatchObject({ actor: 'U0ALICE', text: `Declared SEV2: ${TITLE}` });
    const pending = await h.store.jobs.listPending('reminder:1:');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ kind: 'incident.reminder', runAt: new Date('2026-03-02T14:30:00Z'), payload: { incidentId: 1, attempt: 1 } });
  });

  it('uses the default severity and creates private channels on request', async () => {
    const h = setup();
    const { incident } = await h.incidents.declare({ title: 'Search is slow', isPrivate: true }, alice);
    expect(incident.severity).toBe('SEV3');
    expect(h.chat.callsTo('createChannel')).toEqual([['inc-20260302-search-is-slow', { isPrivate: true }]]);
  });

  it('runs the independent Slack steps concurrently', async () => {
    const h = setup({ latencyMs: 5 });
    await h.incidents.declare({ title: TITLE, service: 'checkout' }, alice);
    // topic, purpose, group lookup, declaration post and announcement at least are in flight together
    expect(h.chat.maxInFlight).toBeGreaterThanOrEqual(5);
  });

  it('keeps a 500-character title with mentions in full while the channel name stays valid', async () => {
    const h = setup();
    const title = `<!channel> @here *DB* down for <@U0BOB> ${'and more '.repeat(60)}`.slice(0, 500).trim();
    const { incident } = await h.incidents.declare({ title }, alice);
    expect(incident.title).toBe(title);
    expect(incident.channelName).toMatch(/^inc-20260302-db-down-for-and-more[a-z-]*[a-z]$/);
    expect(incident.channelName!.length).toBeLessThanOrEqual(80);
  });

  it('gives an emoji-only or non-Latin title a valid channel name', async () => {
    const h = setup();
    const first = await h.incidents.declare({ title: '🔥🔥🔥' }, alice);
    const second = await h.incidents.declare({ title: 'База данных упала' }, alice);
    expect(first.incident.channelName).toBe('inc-20260302-incident-1');
    expect(second.incident.channelName).toBe('inc-20260302-incident-2');
  });
});

describe('declare: bad input changes nothing', () => {
  it('refuses an empty title with an example', async () => {
    const h = setup();
    const err = await rejection(h.incidents.declare({ title: '   ' }, alice));
    expect(isDomainError(err, 'BAD_INPUT')).toBe(true);
    expect(err.message).toContain('/incident declare Checkout returns 500 for EU customers --sev SEV2');
    nothingHappened(h);
  });

  it('refuses an unknown severity, an unknown service and a bad --started', async () => {
    const h = setup();
    expect(isDomainError(await rejection(h.incidents.declare({ title: 'x', severity: 'SEV7' }, alice)), 'UNKNOWN_SEVERITY')).toBe(true);
    const service = await rejection(h.incidents.declare({ title: 'x', service: 'chekout' }, alice));
    expect(isDomainError(service, 'UNKNOWN_SERVICE')).toBe(true);
    expect(service.message).toContain('Did you mean "checkout"?');
    expect(isDomainError(await rejection(h.incidents.declare({ title: 'x', started: 'tomorrow' }, alice)), 'BAD_INPUT')).toBe(true);
    nothingHappened(h);
  });
});

describe('declare: name clashes', () => {
  it('adds a suffix when the name is taken', async () => {
    const h = setup();
    h.chat.takenNames.add('inc-20260302-db-down').add('inc-20260302-db-down-2');
    const { incident, problems } = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(incident.channelName).toBe('inc-20260302-db-down-3');
    expect(h.chat.callsTo('createChannel').map(([name]) => name)).toEqual(['inc-20260302-db-down', 'inc-20260302-db-down-2', 'inc-20260302-db-down-3']);
    expect(problems).toEqual([]);
  });

  it('gives up after 20 names with a clear problem, the incident still recorded and announced', async () => {
    const h = setup();
    h.chat.takenNames.add('inc-20260302-db-down');
    for (let n = 2; n <= 20; n++) h.chat.takenNames.add(`inc-20260302-db-down-${n}`);
    const { incident, problems } = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(h.chat.callsTo('createChannel')).toHaveLength(20);
    expect(incident.channelId).toBeNull();
    expect(problems[0]).toBe(
      'Could not create the incident channel: the names inc-20260302-db-down through inc-20260302-db-down-20 are all taken. Archive or rename old channels, or change the channel name pattern.',
    );
    expect(h.chat.messagesIn('C0ANNOUNCE')).toHaveLength(1);
    expect(h.chat.directMessages.map((d) => d.userId)).toEqual(['U0ALICE']);
  });
});

describe('declare: Slack failing halfway', () => {
  it('records the incident when channel creation fails, and tells the declarer', async () => {
    const h = setup();
    h.chat.failOn('createChannel', 'restricted_action');
    const { incident, problems, created } = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(created).toBe(true);
    expect(h.store.incidents.all()).toHaveLength(1);
    expect(incident).toMatchObject({ id: 1, channelId: null, title: 'DB down' });
    expect(problems).toEqual(['Could not create the incident channel: slack conversations.create failed: restricted_action']);
    expect(h.chat.directMessages).toEqual([{ userId: 'U0ALICE', message: { text: `problems INC-1: ${problems[0]}` } }]);
    expect(h.chat.callsTo('setTopic')).toEqual([]);
    const kinds = (await h.store.timeline.list(1)).map((e) => e.kind);
    expect(kinds).toEqual(['declared', 'paged', 'integration_problem']); // the page went out regardless
  });

  it('reports a failed invite in the channel and to the declarer; a retry resumes without a second channel', async () => {
    const h = setup();
    h.chat.failOn('invite', 'user_not_found', { times: 1 });
    const first = await h.incidents.declare({ title: TITLE, severity: 'SEV2', service: 'checkout' }, alice);
    const problem = 'Could not invite users to the channel: slack conversations.invite failed: user_not_found';
    expect(first.problems).toEqual([problem]);
    const channelId = first.incident.channelId!;
    expect(h.chat.messagesIn(channelId).map((m) => m.message.text)).toContain(`problems INC-1: ${problem}`);
    expect(h.chat.directMessages).toEqual([{ userId: 'U0ALICE', message: { text: `problems INC-1: ${problem}` } }]);
    const problems = (await h.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem');
    expect(problems.map((e) => e.text)).toEqual([problem]);

    h.clock.advance({ minutes: 3 });
    const retry = await h.incidents.declare({ title: `  ${TITLE.toUpperCase()}  `, severity: 'SEV2', service: 'checkout' }, alice);
    expect(retry).toMatchObject({ created: false, problems: [] });
    expect(retry.incident.id).toBe(1);
    expect(retry.incident.channelId).toBe(channelId);
    expect(h.store.incidents.all()).toHaveLength(1);
    expect(h.chat.callsTo('createChannel')).toHaveLength(1);
    // The first attempt's on-call invite worked; the resumed one invites everyone again, and pages nobody.
    expect(h.chat.callsTo('invite')).toHaveLength(3);
    expect(h.chat.channels.get(channelId)?.members).toContain('U0OWNER1');
    const declarations = h.chat.messagesIn(channelId).filter((m) => m.message.text.startsWith('declaration'));
    expect(declarations).toHaveLength(1);
    expect(h.chat.messagesIn('C0ANNOUNCE')).toHaveLength(1); // the announcement is refreshed, not repeated
    expect(h.oncall.pages).toHaveLength(1); // never paged twice
  });

  it('resumes a declaration whose channel was never created', async () => {
    const h = setup();
    h.chat.failOn('createChannel', 'ratelimited', { times: 1 });
    const first = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(first.incident.channelId).toBeNull();
    const retry = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(retry.created).toBe(false);
    expect(retry.incident.channelName).toBe('inc-20260302-db-down');
    expect(h.chat.messagesIn(retry.incident.channelId!).map((m) => m.message.text)[0]).toMatch(/^declaration INC-1/);
  });

  it('opens a new incident once the dedupe window has passed, or when another person declares', async () => {
    const h = setup();
    await h.incidents.declare({ title: 'DB down' }, alice);
    const bob = await h.incidents.declare({ title: 'DB down' }, { userId: 'U0BOB' });
    expect(bob.created).toBe(true);
    h.clock.advance({ minutes: 11 });
    const later = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(later.created).toBe(true);
    expect(later.incident.channelName).toBe('inc-20260302-db-down-3');
  });

  it('turns a double submission into one incident', async () => {
    const h = setup();
    const [a, b] = await Promise.all([h.incidents.declare({ title: 'DB down' }, alice), h.incidents.declare({ title: 'db down' }, alice)]);
    expect([a.created, b.created]).toEqual([true, false]);
    expect(h.store.incidents.all()).toHaveLength(1);
    expect(h.chat.callsTo('createChannel')).toHaveLength(1);
  });

  it('turns the same submission reaching two replicas at once into one incident: the store decides, not the process', async () => {
    const h = setup();
    // Two use-case instances on one store are two replicas: neither sees the other's in-flight declaration.
    const replicas = [createIncidentUseCases(h.deps), createIncidentUseCases(h.deps)];
    const results = await Promise.all(replicas.map((replica) => replica.declare({ title: 'DB down' }, alice)));

    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(h.store.incidents.all()).toHaveLength(1);
    expect(results.map((r) => r.incident.id)).toEqual([1, 1]);
  });

  it('gives the incident one war room when two replicas run its declaration at once: the resuming one waits and reuses it', async () => {
    const h = setup();
    // Slack is slow to create the channel, so the replica that resumes reaches its steps while the first is still in them.
    const createChannel = h.chat.createChannel;
    h.chat.createChannel = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return createChannel(...args);
    };
    const replicas = [createIncidentUseCases(h.deps), createIncidentUseCases(h.deps)];
    const results = await Promise.all(replicas.map((replica) => replica.declare({ title: 'DB down' }, alice)));

    expect(h.chat.callsTo('createChannel')).toEqual([['inc-20260302-db-down', { isPrivate: false }]]);
    const [stored] = h.store.incidents.all();
    expect(stored?.channelName).toBe('inc-20260302-db-down');
    expect(results.map((r) => r.incident.channelId)).toEqual([stored?.channelId, stored?.channelId]);
    expect(h.chat.messagesIn(stored!.channelId!).filter((m) => m.message.text.startsWith('declaration'))).toHaveLength(1);
    expect(h.chat.messagesIn('C0ANNOUNCE')).toHaveLength(1);
    expect(h.oncall.pages).toHaveLength(1);
  });

  it('declares anyway, with a warning, when the store cannot give it the declaration lock in time', async () => {
    const h = setup();
    h.store.incidents.withDeclarationLock = (_id, work) => work({ acquired: false });
    const result = await h.incidents.declare({ title: 'DB down' }, alice);
    expect(result.incident.channelName).toBe('inc-20260302-db-down');
    expect(h.logger.messages('warn')).toEqual(['declaration lock not acquired in time; declaring without it']);
  });

  it('does not throw when reporting the problems fails too', async () => {
    const h = setup();
    h.chat.failOn('invite', 'user_not_found');
    h.chat.failOn('sendDirectMessage', 'cannot_dm_bot');
    const { problems } = await h.incidents.declare({ title: 'DB down' }, alice);
    // Inviting everyone, then inviting on-call.
    expect(problems).toEqual([
      'Could not invite users to the channel: slack conversations.invite failed: user_not_found',
      'Could not invite the on-call responders to the channel: slack conversations.invite failed: user_not_found',
    ]);
    expect(h.logger.messages('error')).toContain('could not report declaration problems');
  });
});

describe('declare: paging', () => {
  it('notes on the timeline that nobody was paged when paging is not configured, without alarming anyone', async () => {
    const h = createIncidentHarness();
    const incidents = createIncidentUseCases(h.deps);
    const { incident, problems } = await incidents.declare({ title: 'DB down', severity: 'SEV1' }, alice);
    expect(problems).toEqual([]);
    expect(h.chat.directMessages).toHaveLength(0);
    const events = await h.store.timeline.list(incident.id);
    expect(events.find((e) => e.data.action === 'page_skipped')?.text).toBe(`Nobody was paged for SEV1: ${ONCALL_NOT_CONFIGURED_DETAIL}`);
  });

  it('pages nobody for a severity whose policy is none', async () => {
    const h = setup();
    const { problems } = await h.incidents.declare({ title: 'Typo on the status page', severity: 'SEV4' }, alice);
    expect(problems).toEqual([]);
    expect(h.oncall.pages).toEqual([]);
    expect(await h.store.jobs.listPending('reminder:')).toEqual([]); // SEV4 has no cadence
  });

  it('reports a page that fails', async () => {
    const h = setup();
    h.oncall.failOn('pageForIncident', 'Invalid Routing Key');
    const { problems } = await h.incidents.declare({ title: 'DB down', severity: 'SEV2' }, alice);
    expect(problems).toEqual(['Could not page on-call for SEV2 (primary): pagerduty pageForIncident failed: Invalid Routing Key']);
  });
});
