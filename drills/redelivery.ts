/**
 * Drill 1: Slack delivers every event to either replica, and every event twice (a retry after a slow answer reaching
 * the other replica), and a declaration is submitted to both replicas at the same instant. Promise: one war room, one
 * timeline entry per message.
 */
import { Checks, inParallel, type DrillResult } from './support/drill.js';
import { ALICE, storedMessages, startWorld, type WorldOptions } from './support/world.js';

const MESSAGES = 300;

export async function redeliveryDrill(options: Omit<WorldOptions, 'name'>): Promise<DrillResult> {
  const started = Date.now();
  const checks = new Checks();
  const world = await startWorld({ ...options, name: 'redelivery' });
  try {
    const title = 'Redelivery drill';
    const declare = (via: 0 | 1) =>
      world.senders[via].slashCommand({ command: '/incident', text: `declare ${title} --sev SEV2`, userId: ALICE, channelId: world.channels.general, channelName: 'general' });
    await Promise.all([declare(0), declare(1)]);
    const room = await world.declare(title); // a third, later submission of the same declaration: resumes, opens nothing
    const incidents = Number((await world.db.query<{ n: string }>('select count(*) as n from incidents where title = $1', [title])).rows[0]?.n);
    const channelsCreated = world.fake.callsTo('conversations.create').filter((c) => c.status === 200 && !c.error).length;

    let acked = 0;
    let deliveries = 0;
    const events = Array.from({ length: MESSAGES }, (_, i) => world.messageEvent(room, `drill message ${i}`));
    await inParallel(events, 16, async (event, i) => {
      const first = (i % 2) as 0 | 1;
      const eventId = `EvDRILL${String(i).padStart(6, '0')}`;
      // The retry goes to the other replica; half of them race the first delivery, half come after it.
      const deliver = (via: 0 | 1, retryNum?: number) => world.senders[via].event(event, { eventId, ...(retryNum ? { retryNum, retryReason: 'http_timeout' } : {}) });
      const answers = i % 4 < 2 ? await Promise.all([deliver(first), deliver((1 - first) as 0 | 1, 1)]) : [await deliver(first), await deliver((1 - first) as 0 | 1, 1)];
      deliveries += answers.length;
      if (answers.every((a) => a.status === 200)) acked += 1;
    });
    const stored = await storedMessages(world.db, room);
    checks.equal(incidents, 1, 'incidents for one declaration sent to both replicas at once, then again');
    checks.equal(channelsCreated, 1, 'war-room channels created');
    checks.equal(acked, MESSAGES, 'events acknowledged by both replicas');
    checks.equal(stored.rows - stored.distinct.size, 0, 'duplicate timeline entries');
    checks.equal(MESSAGES - stored.distinct.size, 0, 'messages lost');
    return {
      name: 'redelivery to either replica, every event twice',
      figures: { 'events sent': MESSAGES, deliveries, stored: stored.distinct.size, duplicates: stored.rows - stored.distinct.size, lost: MESSAGES - stored.distinct.size, 'war rooms for a double declaration': channelsCreated },
      failures: checks.failures,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world.close();
  }
}
