import { describe, expect, it } from 'vitest';
import { OPEN_ACTIONS_QUERY } from '../../../../src/core/followup/index.js';
import type { ChatMessage } from '../../../../src/core/ports.js';
import { newIncident } from '../../../support/store-fixtures.js';
import { createFakeCodeHost, createFollowupHarness, ghIssue, newItem } from './followup-fixtures.js';

type Btn = { action_id: string; value: string; text: { text: string } };
const buttonsOf = (m: ChatMessage): Btn[] => ((m.blocks ?? []) as { type: string; elements?: Btn[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const textOf = (m: ChatMessage): string => JSON.stringify(m.blocks);

describe('weekly review', () => {
  it('posts the digest to the reliability channel and DMs each owner their items with the buttons', async () => {
    const h = createFollowupHarness();
    const incident = await h.store.incidents.create(newIncident({ title: 'Checkout <down> & out' }));
    const a1 = await h.store.actionItems.upsert(newItem({ incidentId: incident.id, dueDate: '2026-03-02', description: 'Add *alerting* for @here' }));
    const a2 = await h.store.actionItems.upsert(newItem({ incidentId: incident.id, dueDate: '2026-03-12' }));
    const b1 = await h.store.actionItems.upsert(newItem({ incidentId: incident.id, ownerSlackId: 'U0BOB', dueDate: '2026-04-30' }));
    await h.store.actionItems.upsert(newItem({ incidentId: incident.id, ownerSlackId: null }));

    const result = await h.followup.weeklyReview();

    expect(result.posted).toBe(true);
    expect(result.directMessages).toBe(2);
    const posts = h.chat.callsTo('postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.[0]).toBe('CRELIAB01');
    const digest = textOf(posts[0]?.[1] as ChatMessage);
    expect(digest).toContain('7 days overdue');
    expect(digest).toContain('Checkout &lt;down&gt; &amp; out');
    expect(digest).not.toContain('@here');
    expect(digest).toContain('GitHub is not configured');
    expect(digest.indexOf('*Overdue*')).toBeLessThan(digest.indexOf('*Due this week*'));

    const dms = h.chat.callsTo('sendDirectMessage') as [string, ChatMessage][];
    expect(dms.map(([user]) => user).sort()).toEqual(['U0ALICE', 'U0BOB']);
    const alice = dms.find(([user]) => user === 'U0ALICE')?.[1] as ChatMessage;
    expect(buttonsOf(alice).map((b) => [b.action_id, b.value])).toEqual([
      ['action_item_done', String(a1.id)],
      ['action_item_reschedule', String(a1.id)],
      ['action_item_snooze', String(a1.id)],
      ['action_item_done', String(a2.id)],
      ['action_item_reschedule', String(a2.id)],
      ['action_item_snooze', String(a2.id)],
    ]);
    const bob = dms.find(([user]) => user === 'U0BOB')?.[1] as ChatMessage;
    expect(buttonsOf(bob).map((b) => b.value)).toEqual([String(b1.id), String(b1.id), String(b1.id)]);
  });

  it('posts no digest without a reliability channel, but still DMs owners', async () => {
    const h = createFollowupHarness({ settings: { reliabilityChannel: null } });
    await h.store.actionItems.upsert(newItem());
    const result = await h.followup.weeklyReview();
    expect(result.posted).toBe(false);
    expect(h.chat.callsTo('postMessage')).toHaveLength(0);
    expect(h.chat.callsTo('sendDirectMessage')).toHaveLength(1);
  });

  it('closes items GitHub reports closed, flags those without a validation note, and reports them', async () => {
    const store = { items: [] as ReturnType<typeof newItem>[] };
    const stillOpen = newItem({ issueNumber: 1 });
    const closedNoNote = newItem({ issueNumber: 2 });
    const closedWithNote = newItem({ issueNumber: 3, validationNote: 'alert fired in game day' });
    const relabelled = newItem({ issueNumber: 4 });
    store.items.push(stillOpen, closedNoNote, closedWithNote, relabelled);
    const closedAt = new Date('2026-03-07T10:00:00Z');
    const codeHost = createFakeCodeHost({
      open: () => [ghIssue(stillOpen, 'open')],
      issues: new Map([
        ['acme/checkout#2', ghIssue(closedNoNote, 'closed', closedAt)],
        ['acme/checkout#3', ghIssue(closedWithNote, 'closed', closedAt)],
        ['acme/checkout#4', ghIssue(relabelled, 'open')],
      ]),
    });
    const h = createFollowupHarness({ codeHost });
    for (const item of store.items) await h.store.actionItems.upsert(item);

    const { report } = await h.followup.weeklyReview();

    expect(codeHost.calls.search).toEqual([OPEN_ACTIONS_QUERY]);
    expect(codeHost.calls.get.sort()).toEqual(['acme/checkout#2', 'acme/checkout#3', 'acme/checkout#4']);
    const rows = h.store.actionItems.rows;
    expect(rows.map((r) => [r.issueNumber, r.state, r.flaggedUnvalidated])).toEqual([
      [1, 'open', false],
      [2, 'closed', true],
      [3, 'closed', false],
      [4, 'open', false],
    ]);
    expect(rows[1]?.closedAt).toEqual(closedAt);
    expect(report.sync?.source).toBe('github');
    expect(report.sync?.closedOnGitHub.map((i) => i.issueNumber)).toEqual([2, 3]);
    expect(report.completedLastWeek.map((i) => i.issueNumber).sort()).toEqual([2, 3]);
    expect(Object.values(report.byOwner).flat().map((r) => r.item.issueNumber)).toEqual([1, 4]);
    expect(textOf(h.chat.callsTo('postMessage')[0]?.[1] as ChatMessage)).toContain('Closed on GitHub');
  });

  it('uses the store alone and says so when the GitHub search fails', async () => {
    const h = createFollowupHarness({ codeHost: createFakeCodeHost({ failSearch: new Error('403 secondary rate limit') }) });
    await h.store.actionItems.upsert(newItem());
    const { report } = await h.followup.weeklyReview();
    expect(report.sync).toMatchObject({ source: 'store' });
    expect(report.dueThisWeek).toHaveLength(1);
    expect(textOf(h.chat.callsTo('postMessage')[0]?.[1] as ChatMessage)).toContain('GitHub could not be searched (403 secondary rate limit)');
  });

  it('keeps a long list within Slack limits and says how many more there are', async () => {
    const h = createFollowupHarness();
    for (let n = 0; n < 120; n++) await h.store.actionItems.upsert(newItem({ dueDate: '2026-03-01', description: `Item ${n} ${'x'.repeat(200)}` }));
    await h.followup.weeklyReview();
    const digest = h.chat.callsTo('postMessage')[0]?.[1] as ChatMessage;
    expect(digest.blocks?.length).toBeLessThanOrEqual(50);
    for (const block of digest.blocks as { text?: { text: string } }[]) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(textOf(digest)).toContain('_and 110 more_');
    const dm = h.chat.callsTo('sendDirectMessage')[0]?.[1] as ChatMessage;
    expect(dm.blocks?.length).toBeLessThanOrEqual(50);
    expect(buttonsOf(dm)).toHaveLength(23 * 3);
    expect(textOf(dm)).toContain('and 97 more');
  });

  it('filters /incident actions by owner and by service', async () => {
    const h = createFollowupHarness();
    const checkout = await h.store.incidents.create(newIncident({ service: 'checkout' }));
    const search = await h.store.incidents.create(newIncident({ service: 'search' }));
    await h.store.actionItems.upsert(newItem({ incidentId: checkout.id }));
    await h.store.actionItems.upsert(newItem({ incidentId: search.id, ownerSlackId: 'U0BOB' }));
    const ids = (r: Awaited<ReturnType<typeof h.followup.actions>>) => Object.values(r.byOwner).flat().map((i) => i.item.incidentId);
    expect(ids(await h.followup.actions({ service: 'search' }))).toEqual([search.id]);
    expect(ids(await h.followup.actions({ ownerSlackId: 'U0ALICE' }))).toEqual([checkout.id]);
    expect(h.chat.calls).toHaveLength(0);
  });
});
