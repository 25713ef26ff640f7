/**
 * A drill's world: a database on the drills' PostgreSQL, the Slack simulator with the demo people, a warroom.yml, two
 * bot replicas on that database, and a signed Slack sender per replica (Slack's request URL may reach either one).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { freePort } from '../../src/playground/free-port.js';
import { DEMO_PEOPLE, RESPONDERS_GROUP, seedWorkspace, type SeededChannels } from '../../src/playground/seed.js';
import { startFakeSlack, type FakeSlack } from '../../src/playground/slack/index.js';
import { createSlackRequester, type SlackRequester } from '../../src/playground/slack/sender.js';
import { createTestDatabase } from '../../test/support/postgres.js';
import { replica, type Replica } from './replicas.js';

export const ALICE = DEMO_PEOPLE[0].id;
export const BOB = DEMO_PEOPLE[1].id;

export type DrillChannels = SeededChannels & { reliability: string };

export interface World {
  fake: FakeSlack;
  channels: DrillChannels;
  replicas: [Replica, Replica];
  senders: [SlackRequester, SlackRequester];
  db: pg.Pool;
  /** Declares through replica `via` and returns the war room's channel id once the bot has opened it. */
  declare(title: string, options?: { via?: 0 | 1; user?: string; severity?: string }): Promise<string>;
  /** A message event as Slack sends it for someone typing in a channel (the message is in the workspace too). */
  messageEvent(channel: string, text: string, user?: string): Record<string, unknown>;
  close(): Promise<void>;
}

export interface WorldOptions {
  pgUrl: string;
  name: string;
  logDir: string;
  /** Keys merged over the drill's warroom.yml (given the workspace's channel ids). */
  config?: (channels: DrillChannels) => Record<string, unknown>;
  env?: Record<string, string>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const databaseUrl = await createTestDatabase(options.pgUrl);
  const fake = await startFakeSlack();
  const channels = { ...seedWorkspace(fake.workspace), reliability: fake.workspace.addChannel({ name: 'reliability', members: DEMO_PEOPLE.map((p) => p.id) }).id };
  const signingSecret = randomBytes(16).toString('hex');
  const dir = join(options.logDir, options.name);
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'warroom.yml');
  writeFileSync(
    configPath,
    stringify({
      time_zone: 'UTC',
      slack: { announce_channel: channels.incidents, responders_group: RESPONDERS_GROUP },
      jobs: { poll_interval_ms: 250 },
      ...options.config?.(channels),
    }),
  );
  const env = {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databaseUrl,
    WARROOM_CONFIG: configPath,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const replicas: [Replica, Replica] = [replica('replica-a', await freePort(), env, dir), replica('replica-b', await freePort(), env, dir)];
  // One at a time: the first runs the migrations, as `warroom migrate` would before a rollout.
  for (const r of replicas) await r.start();
  const sender = (r: Replica) =>
    createSlackRequester({ url: `${r.url}/slack/events`, signingSecret, teamId: fake.workspace.teamId, botUserId: fake.workspace.bot.id, newResponseUrl: () => fake.newResponseUrl() });
  const senders: [SlackRequester, SlackRequester] = [sender(replicas[0]), sender(replicas[1])];
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // The PostgreSQL drill restarts the server under this pool too: an idle connection's error must not end the run.
  db.on('error', () => undefined);

  return {
    fake,
    channels,
    replicas,
    senders,
    db,
    async declare(title, { via = 0, user = ALICE, severity = 'SEV2' } = {}) {
      const answer = await senders[via].slashCommand({ command: '/incident', text: `declare ${title} --sev ${severity}`, userId: user, channelId: channels.general, channelName: 'general' });
      if (answer.status !== 200) throw new Error(`declaring "${title}" answered HTTP ${answer.status}`);
      for (let waited = 0; waited < 15_000; waited += 100) {
        const row = await db.query<{ channel_id: string | null }>('select channel_id from incidents where title = $1 and channel_id is not null', [title]);
        if (row.rows[0]?.channel_id) return row.rows[0].channel_id;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no war room for "${title}" after 15 s`);
    },
    messageEvent(channel, text, user = BOB) {
      const ts = fake.workspace.nextTs();
      fake.workspace.channel(channel)?.messages.push({ ts, user, text });
      return { type: 'message', channel, user, text, ts, channel_type: 'channel', event_ts: ts };
    },
    async close() {
      for (const r of replicas) await r.crash();
      await db.end();
      await fake.close();
    },
  };
}

/** Messages of a channel stored on the timeline: rows, distinct Slack message ts. */
export async function storedMessages(db: pg.Pool, channel: string): Promise<{ rows: number; distinct: Set<string> }> {
  const result = await db.query<{ message_ts: string }>("select message_ts from timeline_events where channel_id = $1 and kind = 'message'", [channel]);
  return { rows: result.rows.length, distinct: new Set(result.rows.map((r) => r.message_ts)) };
}
