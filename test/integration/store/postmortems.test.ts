import { expect, it } from 'vitest';
import { isDomainError } from '../../../src/core/errors.js';
import type { ActionItem } from '../../../src/core/postmortem/model.js';
import { migrateToLatest } from '../../../src/store/index.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { describeEachDialect, newActionItem, newIncident, newMitigation, newPostmortemDraft } from '../../support/store-fixtures.js';

describeEachDialect('postmortems and action items', (ctx) => {
  const withPostmortem = async () => {
    const store = await ctx.fresh();
    const incident = await store.incidents.create(newIncident());
    const postmortem = await store.postmortems.saveDraft(incident.id, newPostmortemDraft(), 'U_COMMANDER');
    return { store, incidentId: incident.id, postmortemId: postmortem.id };
  };

  it('stores a draft, reads it back exactly, and refuses an unknown incident', async () => {
    const store = await ctx.fresh();
    const incident = await store.incidents.create(newIncident());
    expect(await store.postmortems.getByIncident(incident.id)).toBeNull();

    const saved = await store.postmortems.saveDraft(incident.id, newPostmortemDraft(), 'U_COMMANDER');
    expect(saved).toEqual({
      id: expect.any(Number),
      incidentId: incident.id,
      draft: newPostmortemDraft(),
      repository: null,
      issueNumber: null,
      issueUrl: null,
      publishedAt: null,
      updatedAt: new Date('2026-03-01T12:00:00.000Z'),
      updatedBy: 'U_COMMANDER',
    });
    expect(await store.postmortems.getByIncident(incident.id)).toEqual(saved);
    const err = await store.postmortems.saveDraft(incident.id + 1000, newPostmortemDraft(), 'U_X').catch((e: unknown) => e);
    expect(isDomainError(err, 'INCIDENT_NOT_FOUND')).toBe(true);
  });

  it('replaces the draft on a second save and keeps what publishing stored', async () => {
    const { store, incidentId, postmortemId } = await withPostmortem();
    ctx.clock.advance(60_000);
    const published = await store.postmortems.markPublished(postmortemId, {
      repository: 'acme/incidents',
      issueNumber: 77,
      issueUrl: 'https://github.com/acme/incidents/issues/77',
      at: new Date('2026-03-01T12:01:00.123Z'),
    });
    expect(published).toMatchObject({ repository: 'acme/incidents', issueNumber: 77, publishedAt: new Date('2026-03-01T12:01:00.123Z') });

    ctx.clock.advance(60_000);
    const edited = newPostmortemDraft({ summary: 'Edited summary', actionItems: [] });
    const saved = await store.postmortems.saveDraft(incidentId, edited, 'U_SCRIBE');
    expect(saved).toEqual({ ...published, draft: edited, updatedBy: 'U_SCRIBE', updatedAt: new Date('2026-03-01T12:02:00.000Z') });
    expect(await store.postmortems.getByIncident(incidentId)).toEqual(saved);

    const err = await store.postmortems
      .markPublished(postmortemId + 1000, { repository: 'a/b', issueNumber: 1, issueUrl: 'u', at: new Date() })
      .catch((e: unknown) => e);
    expect(isDomainError(err, 'CONFLICT')).toBe(true);
  });

  it('upserts action items by key: every field round-trips, a second upsert updates the same row', async () => {
    const { store, incidentId, postmortemId } = await withPostmortem();
    const input = newActionItem({ postmortemId, incidentId, ownerSlackId: null, validation: null });
    const created = await store.actionItems.upsert(input);
    expect(created).toEqual({ ...input, id: expect.any(Number), updatedAt: new Date('2026-03-01T12:00:00.000Z') });
    expect(await store.actionItems.get(created.id)).toEqual(created);

    ctx.clock.advance(1_000);
    const closed = {
      ...input,
      description: 'Validate pool limits in CI and at deploy',
      ownerSlackId: 'U_OWNER2',
      ownerGithub: null,
      priority: 'P1' as const,
      dueDate: '2026-04-01',
      validation: 'deploy refuses 0',
      issueUrl: 'https://ghe.example.com/acme/checkout/issues/101',
      state: 'closed' as const,
      closedAt: new Date('2026-03-01T12:00:00.999Z'),
      validationNote: 'tried it: CI fails',
      flaggedUnvalidated: true,
    };
    const updated = await store.actionItems.upsert(closed);
    expect(updated).toEqual({ ...closed, id: created.id, updatedAt: new Date('2026-03-01T12:00:01.000Z') });
    expect(await store.actionItems.listByIncident(incidentId)).toEqual([updated]);
    expect(await store.actionItems.get(created.id + 1000)).toBeNull();
  });

  it('two replicas upserting the same key at once leave one row', async () => {
    const { store: one, incidentId, postmortemId } = await withPostmortem();
    const two = await ctx.open(ctx.urlOf(one));
    for (let round = 0; round < 5; round += 1) {
      const key = `race-${round}`;
      const results = await Promise.all([
        one.actionItems.upsert(newActionItem({ postmortemId, incidentId, key, issueNumber: 200 + round, description: 'from one' })),
        two.actionItems.upsert(newActionItem({ postmortemId, incidentId, key, issueNumber: 200 + round, description: 'from two' })),
      ]);
      expect(results[0]?.id).toBe(results[1]?.id);
    }
    const items = await one.actionItems.listByIncident(incidentId);
    expect(items.map((i) => i.key).sort()).toEqual(['race-0', 'race-1', 'race-2', 'race-3', 'race-4']);
  });

  it('updates only the patched fields and fails with CONFLICT for an unknown id', async () => {
    const { store, incidentId, postmortemId } = await withPostmortem();
    const created = await store.actionItems.upsert(newActionItem({ postmortemId, incidentId }));
    ctx.clock.advance(5_000);
    const patched = await store.actionItems.update(created.id, { state: 'closed', closedAt: new Date('2026-03-02T08:00:00.007Z'), flaggedUnvalidated: true, ownerGithub: null });
    const expected: ActionItem = {
      ...created,
      state: 'closed',
      closedAt: new Date('2026-03-02T08:00:00.007Z'),
      flaggedUnvalidated: true,
      ownerGithub: null,
      updatedAt: new Date('2026-03-01T12:00:05.000Z'),
    };
    expect(patched).toEqual(expected);
    expect(await store.actionItems.get(created.id)).toEqual(expected);
    const reopened = await store.actionItems.update(created.id, { state: 'open', closedAt: null, dueDate: '2026-03-22' });
    expect(reopened).toMatchObject({ state: 'open', closedAt: null, dueDate: '2026-03-22', flaggedUnvalidated: true });

    const err = await store.actionItems.update(created.id + 1000, { state: 'closed' }).catch((e: unknown) => e);
    expect(isDomainError(err, 'CONFLICT')).toBe(true);
  });

  it('finds an item by its GitHub issue, and refuses a second item on the same issue', async () => {
    const { store, incidentId, postmortemId } = await withPostmortem();
    const a1 = await store.actionItems.upsert(newActionItem({ postmortemId, incidentId, key: 'a1', repository: 'acme/checkout', issueNumber: 5 }));
    const a2 = await store.actionItems.upsert(newActionItem({ postmortemId, incidentId, key: 'a2', repository: 'acme/incidents', issueNumber: 5 }));
    expect(await store.actionItems.findByIssue('acme/checkout', 5)).toEqual(a1);
    expect(await store.actionItems.findByIssue('acme/incidents', 5)).toEqual(a2);
    expect(await store.actionItems.findByIssue('acme/checkout', 6)).toBeNull();
    await expect(store.actionItems.upsert(newActionItem({ postmortemId, incidentId, key: 'a3', repository: 'acme/checkout', issueNumber: 5 }))).rejects.toThrow();
  });

  it('lists by state, owner, incidents and closing time, ordered by due date', async () => {
    const store = await ctx.fresh();
    const ids: number[] = [];
    const pms: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const incident = await store.incidents.create(newIncident());
      ids.push(incident.id);
      pms.push((await store.postmortems.saveDraft(incident.id, newPostmortemDraft(), 'U_C')).id);
    }
    const [inc1, inc2] = ids as [number, number];
    const [pm1, pm2] = pms as [number, number];
    const mk = (key: string, incidentId: number, postmortemId: number, issueNumber: number, extra: object) =>
      store.actionItems.upsert(newActionItem({ key, incidentId, postmortemId, issueNumber, ...extra }));
    const late = await mk('a1', inc1, pm1, 1, { dueDate: '2026-03-20', ownerSlackId: 'U_ANN' });
    const early = await mk('a2', inc1, pm1, 2, { dueDate: '2026-03-05', ownerSlackId: 'U_BOB' });
    const closedOld = await mk('a1', inc2, pm2, 3, { state: 'closed', closedAt: new Date('2026-02-01T00:00:00.000Z'), ownerSlackId: 'U_ANN' });
    const closedNew = await mk('a2', inc2, pm2, 4, { state: 'closed', closedAt: new Date('2026-02-23T00:00:00.000Z'), ownerSlackId: 'U_BOB' });

    expect(await store.actionItems.list({})).toEqual([early, closedOld, closedNew, late]);
    expect(await store.actionItems.list({ state: 'open' })).toEqual([early, late]);
    expect(await store.actionItems.list({ ownerSlackId: 'U_ANN' })).toEqual([closedOld, late]);
    expect(await store.actionItems.list({ incidentIds: [inc2] })).toEqual([closedOld, closedNew]);
    expect(await store.actionItems.list({ incidentIds: [] })).toEqual([]);
    const since = new Date('2026-02-23T00:00:00.000Z');
    expect(await store.actionItems.list({ state: 'closed', closedSince: since })).toEqual([closedNew]);
    // Open items are not "closed before": closedSince only drops older closed ones.
    expect(await store.actionItems.list({ closedSince: since })).toEqual([early, closedNew, late]);
    expect(await store.actionItems.list({ state: 'open', ownerSlackId: 'U_BOB', incidentIds: [inc1, inc2] })).toEqual([early]);
  });

  it('lists thousands of items in one call', async () => {
    const { store, incidentId, postmortemId } = await withPostmortem();
    const row = (i: number) => ({
      postmortem_id: postmortemId,
      incident_id: incidentId,
      key: `k${i}`,
      description: `item ${i}`,
      owner_slack_id: 'U_OWNER1',
      owner_github: null,
      priority: 'P2',
      due_date: `2026-04-${String((i % 28) + 1).padStart(2, '0')}`,
      validation: null,
      repository: 'acme/checkout',
      issue_number: i + 1,
      issue_url: `https://github.com/acme/checkout/issues/${i + 1}`,
      state: i % 5 === 0 ? 'closed' : 'open',
      closed_at: i % 5 === 0 ? Date.UTC(2026, 2, 1) : null,
      validation_note: null,
      flagged_unvalidated: 0,
      created_at: 0,
      updated_at: 0,
    });
    // Chunks: both databases limit the bound parameters of one statement.
    for (let start = 0; start < 5_000; start += 1_000) {
      await store.db.insertInto('action_items').values(Array.from({ length: 1_000 }, (_, i) => row(start + i))).execute();
    }
    const open = await store.actionItems.list({ state: 'open', incidentIds: [incidentId] });
    expect(open).toHaveLength(4_000);
    expect(open.every((i) => i.state === 'open')).toBe(true);
    expect(open[0]?.dueDate).toBe('2026-04-01');
    expect(open.at(-1)?.dueDate).toBe('2026-04-28');
  });

  it('migrating a 004 database to 005 keeps its incidents and mitigations', async () => {
    const url = await ctx.newDatabaseUrl();
    const old = await ctx.open(url, { migrate: false });
    const upTo004 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === '004-mitigations') + 1);
    expect((await migrateToLatest(old, { migrations: upTo004 })).at(-1)).toBe('004-mitigations');
    const incident = await old.incidents.create(newIncident());
    const mitigation = await old.mitigations.create(newMitigation({ incidentId: incident.id }));

    expect(await migrateToLatest(old)).toEqual(['005-postmortems']);
    const store = await ctx.open(url);
    expect(await store.incidents.get(incident.id)).toEqual(incident);
    expect(await store.mitigations.get(mitigation.id)).toEqual(mitigation);
    const pm = await store.postmortems.saveDraft(incident.id, newPostmortemDraft(), 'U_C');
    const item = await store.actionItems.upsert(newActionItem({ postmortemId: pm.id, incidentId: incident.id }));
    expect(await store.actionItems.findByIssue('acme/checkout', 101)).toEqual(item);
  });
});
