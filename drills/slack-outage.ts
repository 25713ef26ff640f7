/**
 * Drill 5: Slack's Web API answers 5xx and then 429 (with Retry-After) for a minute while people keep posting status
 * updates in three war rooms. Promise: the bot's messages are delayed, not dropped, and a channel gets them in the
 * order one replica handled them. The first two rooms' updates each reach one replica; the third room's alternate
 * between replicas, whose posts can overtake each other after the outage (each replica orders its own posts per
 * channel; nothing orders posts across replicas) — reported, not promised.
 */
import { Checks, eventually, sleep, type DrillResult } from './support/drill.js';
import { ALICE, startWorld, type WorldOptions } from './support/world.js';

const OUTAGE_SECONDS = Number(process.env.DRILL_SLACK_OUTAGE_SECONDS ?? 60);
const UPDATES_PER_ROOM = 15;

export async function slackOutageDrill(options: Omit<WorldOptions, 'name'>): Promise<DrillResult> {
  const started = Date.now();
  const checks = new Checks();
  const world = await startWorld({ ...options, name: 'slack-outage' });
  try {
    const rooms = [await world.declare('Slack outage drill one'), await world.declare('Slack outage drill two'), await world.declare('Slack outage drill three')];
    const replicaFor = (room: number, i: number): 0 | 1 => (room === 2 ? ((i % 2) as 0 | 1) : (room as 0 | 1));
    const half = (OUTAGE_SECONDS * 1_000) / 2;
    world.fake.failFor('*', half, { status: 503 });
    const outageStart = Date.now();
    const secondHalf = sleep(half).then(() => world.fake.failFor('*', half, { status: 429, retryAfterSeconds: 5 }));
    const sentAt = new Map<string, number>();
    let commandsRefused = 0;
    const gap = (OUTAGE_SECONDS * 1_000) / UPDATES_PER_ROOM;
    for (let i = 0; i < UPDATES_PER_ROOM; i++) {
      for (const [r, room] of rooms.entries()) {
        const marker = `drill-update-${r}-${String(i).padStart(2, '0')}`;
        sentAt.set(marker, Date.now());
        const answer = await world.senders[replicaFor(r, i)].slashCommand({ command: '/incident', text: `update ${marker}`, userId: ALICE, channelId: room, channelName: 'war-room' });
        if (answer.status !== 200) commandsRefused += 1;
      }
      await sleep(gap);
    }
    await secondHalf;
    const outageEnd = outageStart + OUTAGE_SECONDS * 1_000;

    const posted = (room: string) => (world.fake.workspace.channel(room)?.messages ?? []).map((m) => /drill-update-\d-\d\d/.exec(m.text)?.[0]).filter((m): m is string => Boolean(m));
    const all = () => rooms.flatMap(posted);
    await eventually(() => new Set(all()).size === sentAt.size, 5 * 60_000, 500);
    // When each reached Slack: the first successful chat.postMessage carrying it.
    const deliveredAt = new Map<string, number>();
    for (const call of world.fake.callsTo('chat.postMessage')) {
      const marker = /drill-update-\d-\d\d/.exec(JSON.stringify(call.args))?.[0];
      if (marker && call.status === 200 && !call.error && !deliveredAt.has(marker)) deliveredAt.set(marker, call.at);
    }
    const delays = [...sentAt].map(([marker, at]) => (deliveredAt.get(marker) ?? Number.NaN) - at).filter(Number.isFinite);
    const delivered = new Set(all()).size;
    const duplicates = all().length - delivered;
    const inversions = (room: string) => {
      const list = posted(room);
      return list.filter((marker, i) => i > 0 && marker < (list[i - 1] ?? '')).length;
    };
    const outOfOrder = inversions(rooms[0] as string) + inversions(rooms[1] as string);
    const crossReplicaInversions = inversions(rooms[2] as string);
    const failedCalls = world.fake.calls.filter((c) => c.status !== undefined && c.status !== 200).length;
    checks.equal(commandsRefused, 0, 'slash commands not acknowledged (acks do not depend on Slack\'s Web API)');
    checks.expect(failedCalls > 0, 'the outage really failed Web API calls');
    checks.equal(sentAt.size - delivered, 0, 'status updates dropped');
    checks.equal(duplicates, 0, 'status updates posted twice');
    checks.equal(outOfOrder, 0, 'updates out of order in the rooms served by one replica');
    return {
      name: 'Slack answering 5xx, then 429, for a minute',
      figures: {
        'outage': `${OUTAGE_SECONDS} s`,
        'updates sent': sentAt.size,
        'Web API calls refused': failedCalls,
        delivered,
        duplicates,
        dropped: sentAt.size - delivered,
        'out of order (one replica per room)': outOfOrder,
        'out of order (room alternating replicas, not promised)': crossReplicaInversions,
        'max delay': `${(Math.max(0, ...delays) / 1000).toFixed(1)} s`,
        'last delivery after the outage': `${((Math.max(...deliveredAt.values()) - outageEnd) / 1000).toFixed(1)} s`,
      },
      failures: checks.failures,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world.close();
  }
}
