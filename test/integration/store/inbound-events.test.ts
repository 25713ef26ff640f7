import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/store-fixtures.js';

describeEachDialect('inbound webhook events', (ctx) => {
  it('records an event id once per source, also when two replicas race on the same delivery', async () => {
    const url = await ctx.newDatabaseUrl();
    const store = await ctx.open(url);
    const replica = await ctx.open(url);
    const at = new Date('2026-03-02T10:00:00Z');
    expect(await store.inbound.recordOnce('pagerduty', 'EV1', at)).toBe(true);
    expect(await store.inbound.recordOnce('pagerduty', 'EV1', at)).toBe(false);
    expect(await store.inbound.recordOnce('github', 'EV1', at)).toBe(true);
    const raced = await Promise.all([store.inbound.recordOnce('pagerduty', 'EV2', at), replica.inbound.recordOnce('pagerduty', 'EV2', at)]);
    expect(raced.filter(Boolean)).toHaveLength(1);
  });
});

describeEachDialect('inbound webhook events: forgetting', (ctx) => {
  it('lets a forgotten delivery be recorded again (its handling failed)', async () => {
    const store = await ctx.fresh();
    const at = new Date('2026-03-02T10:00:00Z');
    expect(await store.inbound.recordOnce('pagerduty', 'EV9', at)).toBe(true);
    await store.inbound.forget('pagerduty', 'EV9');
    expect(await store.inbound.recordOnce('pagerduty', 'EV9', at)).toBe(true);
    expect(await store.inbound.recordOnce('pagerduty', 'EV9', at)).toBe(false);
  });
});
