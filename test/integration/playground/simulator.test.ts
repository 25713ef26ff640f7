/**
 * The people's side of the simulated Slack workspace (SlackSimulator) against a recording stand-in for the bot: what
 * the bot receives on the wire when someone types, runs a command, clicks, reacts, pins or submits a modal (signed
 * like Slack, v0 HMAC), and how the simulator applies what the bot answers (acks, response_url posts, view answers).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeMessage, type FakeSlack, type FakeWorkspace } from '../../../src/playground/slack/index.js';
import { SLACKBOT, SlackSimulator, type SimChange } from '../../../src/playground/slack/simulator.js';

const SIGNING_SECRET = 'simulator-test-signing-secret';
const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const OPS = 'C0OPS00001';
const QUIET = 'C0QUIET001'; // the bot is not a member

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// The recording bot: records every request and answers from a queue (then 200 with an empty body).

interface BotRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface BotAnswer {
  status?: number;
  /** An object is sent as JSON, as Bolt does. */
  body?: string | Json;
}

interface RecordingBot {
  url: string;
  requests: BotRequest[];
  answerNext(...answers: BotAnswer[]): void;
  /** Every later request gets this answer once the queue is empty. */
  answerAlways(answer: BotAnswer): void;
  close(): Promise<void>;
}

async function startRecordingBot(): Promise<RecordingBot> {
  const requests: BotRequest[] = [];
  const queue: BotAnswer[] = [];
  let fallback: BotAnswer = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = queue.shift() ?? fallback;
      const json = typeof answer.body === 'object';
      res.writeHead(answer.status ?? 200, json ? { 'content-type': 'application/json' } : {});
      res.end(json ? JSON.stringify(answer.body) : (answer.body ?? ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    answerNext: (...answers) => queue.push(...answers),
    answerAlways: (answer) => (fallback = answer),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Checks Slack's v0 signature the way the bot must: HMAC-SHA256 of `v0:<timestamp>:<raw body>`, fresh timestamp. */
function expectSignedBySlack(request: BotRequest): void {
  const timestamp = request.headers['x-slack-request-timestamp'];
  if (typeof timestamp !== 'string') throw new Error('no x-slack-request-timestamp header');
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
  const expected = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${request.body}`).digest('hex')}`;
  expect(request.headers['x-slack-signature']).toBe(expected);
}

/** An Events API envelope: JSON, signed. */
function eventEnvelope(request: BotRequest | undefined): Json & { event: Json; event_id: string } {
  if (!request) throw new Error('the bot received no request');
  expectSignedBySlack(request);
  expect(request.headers['content-type']).toBe('application/json');
  return JSON.parse(request.body) as Json & { event: Json; event_id: string };
}

/** A slash command: a signed urlencoded form. */
function commandForm(request: BotRequest | undefined): Record<string, string> {
  if (!request) throw new Error('the bot received no request');
  expectSignedBySlack(request);
  expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  return Object.fromEntries(new URLSearchParams(request.body));
}

/** An interaction: a signed urlencoded form whose one field, payload, is JSON. */
function interactionPayload(request: BotRequest | undefined): Json {
  const form = commandForm(request);
  expect(Object.keys(form)).toEqual(['payload']);
  return JSON.parse(form.payload ?? 'null') as Json;
}

/** The bot posting to a response_url, as Bolt's respond() does. */
async function postToResponseUrl(url: string, body: Json): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(await response.json()).toEqual({ ok: true });
}

/** The bot calling the fake Web API. */
async function callWebApi(fake: FakeSlack, method: string, args: Json): Promise<Json> {
  const response = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
  });
  return (await response.json()) as Json;
}

const incidentButtons = {
  type: 'actions',
  block_id: 'incident-actions',
  elements: [{ type: 'button', action_id: 'acknowledge', text: { type: 'plain_text', text: 'Acknowledge' }, value: 'INC-7', style: 'primary' }],
};

/** A bot message with a button, as the bot would have posted it with chat.postMessage. */
function seedBotMessageWithButtons(ws: FakeWorkspace, channelId = OPS): FakeMessage {
  const message: FakeMessage = {
    ts: ws.nextTs(),
    user: ws.bot.id,
    botId: ws.botId,
    text: 'INC-7 opened',
    blocks: [{ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*INC-7* checkout is down' } }, incidentButtons],
  };
  ws.channel(channelId)?.messages.push(message);
  return message;
}

// ---------------------------------------------------------------------------------------------------------------

let fake: FakeSlack;
let bot: RecordingBot;
let sim: SlackSimulator;
let changes: SimChange[];

function newSimulator(botUrl = bot.url): SlackSimulator {
  return new SlackSimulator({ fake, botUrl, signingSecret: SIGNING_SECRET, commands: ['/incident'], eventRetryDelaysMs: [10, 20] });
}

beforeEach(async () => {
  fake = await startFakeSlack();
  bot = await startRecordingBot();
  fake.workspace.addUser({ id: ALICE, name: 'alice', realName: 'Alice Archer' });
  fake.workspace.addUser({ id: BOB, name: 'bob', realName: 'Bob Baker' });
  fake.workspace.addChannel({ id: OPS, name: 'ops', members: [ALICE, BOB] });
  fake.workspace.addChannel({ id: QUIET, name: 'quiet', members: [ALICE, BOB], botIsMember: false });
  sim = newSimulator();
  changes = [];
  sim.onChange((change) => changes.push(change));
});

afterEach(async () => {
  await bot.close();
  await fake.close();
});

const ops = () => fake.workspace.channel(OPS) ?? expect.fail('no #ops');

/** Runs /incident as Alice in #ops and returns the form the bot received. */
async function runIncidentCommand(text = 'open checkout is down'): Promise<Record<string, string>> {
  const before = bot.requests.length;
  expect(await sim.send({ user: ALICE, channel: OPS, text: `/incident ${text}` })).toEqual({ ok: true });
  expect(bot.requests).toHaveLength(before + 1);
  return commandForm(bot.requests.at(-1));
}

describe('messages', () => {
  it('stores a message and delivers a signed message event_callback', async () => {
    const result = await sim.send({ user: ALICE, channel: OPS, text: '  checkout is throwing 500s  ' });

    expect(result).toEqual({ ok: true });
    const stored = ops().messages;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ user: ALICE, text: 'checkout is throwing 500s' });
    expect(bot.requests).toHaveLength(1);
    expect(bot.requests[0]?.path).toBe('/slack/events');
    expect(bot.requests[0]?.headers['x-slack-retry-num']).toBeUndefined();
    const envelope = eventEnvelope(bot.requests[0]);
    expect(envelope).toMatchObject({ type: 'event_callback', team_id: fake.teamId, event_id: expect.stringMatching(/^Ev[0-9A-Z]+$/) });
    expect(envelope.event).toMatchObject({ type: 'message', channel: OPS, user: ALICE, text: 'checkout is throwing 500s', ts: stored[0]?.ts, channel_type: 'channel' });
    expect(envelope.event).not.toHaveProperty('thread_ts');
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
  });

  it('sends thread_ts for a thread reply, and channel_type group for a private channel', async () => {
    await sim.send({ user: ALICE, channel: OPS, text: 'parent' });
    const parentTs = ops().messages[0]?.ts ?? expect.fail('no parent');
    await sim.send({ user: BOB, channel: OPS, text: 'a reply', threadTs: parentTs });
    fake.workspace.addChannel({ id: 'C0PRIV0001', name: 'secret', isPrivate: true, members: [ALICE] });
    await sim.send({ user: ALICE, channel: 'C0PRIV0001', text: 'private words' });

    expect(bot.requests).toHaveLength(3);
    const reply = ops().messages[1];
    expect(reply).toMatchObject({ user: BOB, text: 'a reply', threadTs: parentTs });
    expect(eventEnvelope(bot.requests[1]).event).toMatchObject({ type: 'message', channel: OPS, user: BOB, ts: reply?.ts, thread_ts: parentTs, channel_type: 'channel' });
    expect(eventEnvelope(bot.requests[2]).event).toMatchObject({ channel: 'C0PRIV0001', channel_type: 'group' });
  });

  it('sends no event for a channel the bot is not in, nor for a direct message', async () => {
    const im = fake.workspace.imChannelFor(ALICE);

    expect(await sim.send({ user: ALICE, channel: QUIET, text: 'bot cannot see this' })).toEqual({ ok: true });
    expect(await sim.send({ user: ALICE, channel: im.id, text: 'hello bot' })).toEqual({ ok: true });

    expect(fake.workspace.channel(QUIET)?.messages.map((m) => m.text)).toEqual(['bot cannot see this']);
    expect(im.messages.map((m) => m.text)).toEqual(['hello bot']);
    expect(changes).toContainEqual({ type: 'channel', channelId: QUIET });
    expect(bot.requests).toHaveLength(0);
  });

  it('refuses an unknown user or channel, an empty text and an archived channel without sending', async () => {
    expect(await sim.send({ user: 'U0NOBODY01', channel: OPS, text: 'hi' })).toMatchObject({ ok: false });
    expect(await sim.send({ user: ALICE, channel: 'C0MISSING1', text: 'hi' })).toMatchObject({ ok: false });
    expect(await sim.send({ user: ALICE, channel: OPS, text: '   ' })).toMatchObject({ ok: false });
    ops().archived = true;
    expect(await sim.send({ user: ALICE, channel: OPS, text: 'hi' })).toEqual({ ok: false, error: '#ops is archived' });

    expect(ops().messages).toHaveLength(0);
    expect(bot.requests).toHaveLength(0);
  });
});

describe('event redelivery', () => {
  it('redelivers an event the bot failed, with the same event_id and x-slack-retry-num', async () => {
    bot.answerNext({ status: 500, body: 'boom' }, { status: 200 });

    expect(await sim.send({ user: ALICE, channel: OPS, text: 'is anyone there?' })).toEqual({ ok: true });

    expect(bot.requests).toHaveLength(2);
    const [first, second] = bot.requests.map((r) => eventEnvelope(r));
    expect(first?.event_id).toBe(second?.event_id);
    expect(second?.event).toEqual(first?.event);
    expect(bot.requests[0]?.headers['x-slack-retry-num']).toBeUndefined();
    expect(bot.requests[1]?.headers['x-slack-retry-num']).toBe('1');
    expect(bot.requests[1]?.headers['x-slack-retry-reason']).toEqual(expect.any(String));
    expect(changes.filter((c) => c.type === 'toast')).toEqual([]);
  });

  it('gives up after the configured retries with ok:false and an error toast', async () => {
    bot.answerAlways({ status: 500 });

    const result = await sim.send({ user: ALICE, channel: OPS, text: 'nobody home' });

    expect(result).toMatchObject({ ok: false, error: expect.any(String) });
    // The first attempt plus one retry per configured delay.
    expect(bot.requests).toHaveLength(3);
    expect(bot.requests.map((r) => r.headers['x-slack-retry-num'])).toEqual([undefined, '1', '2']);
    expect(new Set(bot.requests.map((r) => eventEnvelope(r).event_id)).size).toBe(1);
    expect(changes).toContainEqual({ type: 'toast', level: 'error', text: expect.stringContaining('message event') });
    expect(ops().messages.map((m) => m.text)).toEqual(['nobody home']); // the person's message stays
  });
});

describe('slash commands', () => {
  it('sends a signed form with the command, its text, the user, the channel, a response_url and a trigger_id', async () => {
    const form = await runIncidentCommand('open   checkout is down');

    expect(form).toMatchObject({
      command: '/incident',
      text: 'open   checkout is down',
      user_id: ALICE,
      channel_id: OPS,
      channel_name: 'ops',
      team_id: fake.teamId,
      response_url: expect.stringMatching(new RegExp(`^${fake.baseUrl}/respond/[a-z0-9]+$`)),
      trigger_id: expect.stringMatching(/\S/),
    });
    expect(ops().messages).toHaveLength(0); // a command is not a message
    expect(fake.workspace.ephemerals).toHaveLength(0); // an empty ack shows nothing
  });

  it('answers an unknown command with Slackbot\'s "not a valid command" and sends nothing', async () => {
    expect(await sim.send({ user: ALICE, channel: OPS, text: '/nope do things' })).toEqual({ ok: true });

    expect(bot.requests).toHaveLength(0);
    expect(fake.workspace.ephemerals).toEqual([
      { channel: OPS, user: ALICE, from: SLACKBOT, ts: expect.any(String), text: expect.stringMatching(/^`\/nope` is not a valid command\./) },
    ]);
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
  });

  it('shows Slack\'s "failed with the error" ephemeral when the bot answers 500', async () => {
    bot.answerNext({ status: 500, body: 'oops' });

    await runIncidentCommand();

    expect(fake.workspace.ephemerals).toEqual([{ channel: OPS, user: ALICE, from: SLACKBOT, ts: expect.any(String), text: '/incident failed with the error "http_service_error"' }]);
  });

  it('shows "dispatch_failed" when the bot cannot be reached', async () => {
    const unreachable = await startRecordingBot();
    await unreachable.close();
    const offline = newSimulator(unreachable.url);

    expect(await offline.send({ user: ALICE, channel: OPS, text: '/incident status' })).toEqual({ ok: true });

    expect(fake.workspace.ephemerals).toEqual([{ channel: OPS, user: ALICE, from: SLACKBOT, ts: expect.any(String), text: '/incident failed with the error "dispatch_failed"' }]);
  });

  it('shows a JSON answer in the ack as an ephemeral to the person who ran the command', async () => {
    bot.answerNext({ body: { text: 'hi' } });

    await runIncidentCommand('help');

    expect(fake.workspace.ephemerals).toEqual([{ channel: OPS, user: ALICE, ts: expect.any(String), text: 'hi' }]);
    expect(ops().messages).toHaveLength(0);
    expect(sim.feed(OPS, ALICE).map((item) => ({ user: item.user, text: item.text, ephemeral: item.ephemeral }))).toEqual([{ user: fake.botUserId, text: 'hi', ephemeral: true }]);
    expect(sim.feed(OPS, BOB)).toEqual([]);
  });

  it('posts an in_channel answer in the ack as the bot in the channel', async () => {
    bot.answerNext({ body: { response_type: 'in_channel', text: 'INC-7 is open' } });

    await runIncidentCommand();

    expect(ops().messages).toEqual([{ ts: expect.any(String), user: fake.botUserId, botId: fake.workspace.botId, text: 'INC-7 is open' }]);
    expect(fake.workspace.ephemerals).toHaveLength(0);
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
  });
});

describe('response_url routing', () => {
  it('shows a plain post to a command\'s response_url as an ephemeral for that user in that channel', async () => {
    const form = await runIncidentCommand();

    await postToResponseUrl(form.response_url ?? '', { text: 'Only you can see this' });

    expect(fake.workspace.ephemerals).toEqual([{ channel: OPS, user: ALICE, ts: expect.any(String), text: 'Only you can see this' }]);
    expect(ops().messages).toHaveLength(0);
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
  });

  it('posts an in_channel response as a channel message from the bot', async () => {
    const form = await runIncidentCommand();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'INC-7 declared' } }];

    await postToResponseUrl(form.response_url ?? '', { response_type: 'in_channel', text: 'INC-7 declared', blocks });

    expect(ops().messages).toEqual([{ ts: expect.any(String), user: fake.botUserId, botId: fake.workspace.botId, text: 'INC-7 declared', blocks }]);
    expect(fake.workspace.ephemerals).toHaveLength(0);
  });

  it('replaces the clicked message with replace_original', async () => {
    const message = seedBotMessageWithButtons(fake.workspace);
    await sim.click({ user: ALICE, channel: OPS, ts: message.ts, blockId: 'incident-actions', actionId: 'acknowledge' });
    const responseUrl = String(interactionPayload(bot.requests[0]).response_url);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Acknowledged by <@U0ALICE001>' } }];
    changes.length = 0;

    await postToResponseUrl(responseUrl, { replace_original: true, text: 'INC-7 acknowledged', blocks });

    expect(ops().messages).toEqual([{ ...message, text: 'INC-7 acknowledged', blocks }]);
    expect(fake.workspace.ephemerals).toHaveLength(0);
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
  });

  it('deletes the clicked message with delete_original', async () => {
    const keep = seedBotMessageWithButtons(fake.workspace);
    const message = seedBotMessageWithButtons(fake.workspace);
    await sim.click({ user: BOB, channel: OPS, ts: message.ts, blockId: 'incident-actions', actionId: 'acknowledge' });

    await postToResponseUrl(String(interactionPayload(bot.requests[0]).response_url), { delete_original: true });

    expect(ops().messages.map((m) => m.ts)).toEqual([keep.ts]);
  });

  it('replaces an ephemeral message whose button was clicked, leaving the channel alone', async () => {
    const ephemeralTs = fake.workspace.nextTs();
    fake.workspace.ephemerals.push({ channel: OPS, user: ALICE, ts: ephemeralTs, text: 'Pick one', blocks: [incidentButtons] });
    const channelMessage = seedBotMessageWithButtons(fake.workspace);

    expect(await sim.click({ user: ALICE, channel: OPS, ts: ephemeralTs, blockId: 'incident-actions', actionId: 'acknowledge' })).toEqual({ ok: true });
    await postToResponseUrl(String(interactionPayload(bot.requests[0]).response_url), { replace_original: true, text: 'Done' });

    expect(fake.workspace.ephemerals).toEqual([{ channel: OPS, user: ALICE, ts: ephemeralTs, text: 'Done' }]);
    expect(ops().messages).toEqual([channelMessage]);
  });

  it('deletes an ephemeral message with delete_original', async () => {
    const ephemeralTs = fake.workspace.nextTs();
    fake.workspace.ephemerals.push({ channel: OPS, user: ALICE, ts: ephemeralTs, text: 'Pick one', blocks: [incidentButtons] });
    await sim.click({ user: ALICE, channel: OPS, ts: ephemeralTs, blockId: 'incident-actions', actionId: 'acknowledge' });

    await postToResponseUrl(String(interactionPayload(bot.requests[0]).response_url), { delete_original: 'true' });

    expect(fake.workspace.ephemerals).toEqual([]);
  });
});

describe('clicks', () => {
  it('sends a block_actions payload built from the clicked button', async () => {
    const message = seedBotMessageWithButtons(fake.workspace);

    expect(await sim.click({ user: BOB, channel: OPS, ts: message.ts, blockId: 'incident-actions', actionId: 'acknowledge' })).toEqual({ ok: true });

    expect(bot.requests).toHaveLength(1);
    const payload = interactionPayload(bot.requests[0]);
    expect(payload).toMatchObject({
      type: 'block_actions',
      team: { id: fake.teamId },
      user: { id: BOB, username: 'bob', name: 'bob', team_id: fake.teamId },
      container: { type: 'message', message_ts: message.ts, channel_id: OPS, is_ephemeral: false },
      channel: { id: OPS, name: 'ops' },
      message: { type: 'message', ts: message.ts, user: fake.botUserId, bot_id: fake.workspace.botId, text: 'INC-7 opened', blocks: message.blocks },
      response_url: expect.stringMatching(new RegExp(`^${fake.baseUrl}/respond/[a-z0-9]+$`)),
      trigger_id: expect.stringMatching(/\S/),
    });
    expect(payload.actions).toEqual([
      {
        type: 'button',
        action_id: 'acknowledge',
        block_id: 'incident-actions',
        text: { type: 'plain_text', text: 'Acknowledge', emoji: true },
        value: 'INC-7',
        style: 'primary',
        action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      },
    ]);
  });

  it('marks a click in an ephemeral message as such and sends no message', async () => {
    const ephemeralTs = fake.workspace.nextTs();
    fake.workspace.ephemerals.push({ channel: OPS, user: ALICE, ts: ephemeralTs, text: 'Pick one', blocks: [incidentButtons] });

    await sim.click({ user: ALICE, channel: OPS, ts: ephemeralTs, blockId: 'incident-actions', actionId: 'acknowledge' });

    const payload = interactionPayload(bot.requests[0]);
    expect(payload.container).toEqual({ type: 'message', message_ts: ephemeralTs, channel_id: OPS, is_ephemeral: true });
    expect(payload).not.toHaveProperty('message');
  });

  it('refuses a click on a missing message, a missing element, or someone else\'s ephemeral, sending nothing', async () => {
    const message = seedBotMessageWithButtons(fake.workspace);
    const alicesEphemeral = fake.workspace.nextTs();
    fake.workspace.ephemerals.push({ channel: OPS, user: ALICE, ts: alicesEphemeral, text: 'Pick one', blocks: [incidentButtons] });

    expect(await sim.click({ user: ALICE, channel: OPS, ts: '1.000001', blockId: 'incident-actions', actionId: 'acknowledge' })).toMatchObject({ ok: false });
    expect(await sim.click({ user: ALICE, channel: OPS, ts: message.ts, blockId: 'incident-actions', actionId: 'resolve' })).toMatchObject({ ok: false });
    expect(await sim.click({ user: ALICE, channel: OPS, ts: message.ts, blockId: 'nowhere', actionId: 'acknowledge' })).toMatchObject({ ok: false });
    expect(await sim.click({ user: BOB, channel: OPS, ts: alicesEphemeral, blockId: 'incident-actions', actionId: 'acknowledge' })).toMatchObject({ ok: false });

    expect(bot.requests).toHaveLength(0);
  });

  it('reports a click the bot failed to acknowledge with ok:false and a toast for that user', async () => {
    const message = seedBotMessageWithButtons(fake.workspace);
    bot.answerNext({ status: 500 });

    const result = await sim.click({ user: ALICE, channel: OPS, ts: message.ts, blockId: 'incident-actions', actionId: 'acknowledge' });

    expect(result).toEqual({ ok: false, error: 'the app did not answer (HTTP 500)' });
    expect(changes).toContainEqual({ type: 'toast', level: 'error', userId: ALICE, text: 'the app did not answer (HTTP 500)' });
  });
});

describe('reactions and pins', () => {
  async function bobsMessage(): Promise<FakeMessage> {
    await sim.send({ user: BOB, channel: OPS, text: 'db failover done' });
    bot.requests.length = 0;
    changes.length = 0;
    return ops().messages[0] ?? expect.fail('no message');
  }

  it('adds a reaction and sends reaction_added; a repeat sends nothing; removing sends reaction_removed', async () => {
    const message = await bobsMessage();

    expect(await sim.react({ user: ALICE, channel: OPS, ts: message.ts, name: 'eyes' })).toEqual({ ok: true });
    expect(message.reactions).toEqual([{ name: 'eyes', users: [ALICE] }]);
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
    expect(bot.requests).toHaveLength(1);
    expect(eventEnvelope(bot.requests[0]).event).toEqual({
      type: 'reaction_added',
      user: ALICE,
      reaction: 'eyes',
      item: { type: 'message', channel: OPS, ts: message.ts },
      item_user: BOB,
      event_ts: expect.stringMatching(/^\d+\.\d{6}$/),
    });

    expect(await sim.react({ user: ALICE, channel: OPS, ts: message.ts, name: 'eyes' })).toEqual({ ok: true });
    expect(message.reactions).toEqual([{ name: 'eyes', users: [ALICE] }]);
    expect(bot.requests).toHaveLength(1);

    await sim.react({ user: BOB, channel: OPS, ts: message.ts, name: 'eyes' });
    expect(message.reactions).toEqual([{ name: 'eyes', users: [ALICE, BOB] }]);

    expect(await sim.react({ user: ALICE, channel: OPS, ts: message.ts, name: 'eyes', remove: true })).toEqual({ ok: true });
    expect(message.reactions).toEqual([{ name: 'eyes', users: [BOB] }]);
    expect(bot.requests).toHaveLength(3);
    expect(eventEnvelope(bot.requests[2]).event).toMatchObject({ type: 'reaction_removed', user: ALICE, reaction: 'eyes', item: { type: 'message', channel: OPS, ts: message.ts }, item_user: BOB });

    // Removing a reaction one never added is a no-op too.
    expect(await sim.react({ user: ALICE, channel: OPS, ts: message.ts, name: 'eyes', remove: true })).toEqual({ ok: true });
    expect(bot.requests).toHaveLength(3);
    expect(sim.feed(OPS, ALICE)[0]?.reactions).toEqual([{ name: 'eyes', users: [BOB] }]);
  });

  it('refuses a reaction on a missing message', async () => {
    expect(await sim.react({ user: ALICE, channel: OPS, ts: '1.000001', name: 'eyes' })).toMatchObject({ ok: false });
    expect(bot.requests).toHaveLength(0);
  });

  it('pins a message and sends pin_added with the message; a repeat is a no-op; unpinning sends pin_removed', async () => {
    const message = await bobsMessage();

    expect(await sim.pin({ user: ALICE, channel: OPS, ts: message.ts })).toEqual({ ok: true });
    expect(ops().pins).toEqual([message.ts]);
    expect(changes).toContainEqual({ type: 'channel', channelId: OPS });
    expect(bot.requests).toHaveLength(1);
    expect(eventEnvelope(bot.requests[0]).event).toMatchObject({
      type: 'pin_added',
      user: ALICE,
      channel_id: OPS,
      item: { type: 'message', channel: OPS, created_by: ALICE, message: { type: 'message', ts: message.ts, user: BOB, text: 'db failover done' } },
    });
    expect(sim.feed(OPS, BOB)[0]?.pinned).toBe(true);

    expect(await sim.pin({ user: BOB, channel: OPS, ts: message.ts })).toEqual({ ok: true });
    expect(bot.requests).toHaveLength(1);

    expect(await sim.pin({ user: ALICE, channel: OPS, ts: message.ts, remove: true })).toEqual({ ok: true });
    expect(ops().pins).toEqual([]);
    expect(eventEnvelope(bot.requests[1]).event).toMatchObject({ type: 'pin_removed', user: ALICE, channel_id: OPS, item: { message: { ts: message.ts } } });
  });

  it('stores reactions in a channel the bot is not in without telling the bot', async () => {
    await sim.send({ user: BOB, channel: QUIET, text: 'private chatter' });
    const message = fake.workspace.channel(QUIET)?.messages[0] ?? expect.fail('no message');

    expect(await sim.react({ user: ALICE, channel: QUIET, ts: message.ts, name: 'wave' })).toEqual({ ok: true });

    expect(message.reactions).toEqual([{ name: 'wave', users: [ALICE] }]);
    expect(bot.requests).toHaveLength(0);
  });
});

describe('modals', () => {
  const modal = (extra: Json = {}): Json => ({
    type: 'modal',
    callback_id: 'x',
    title: { type: 'plain_text', text: 'Declare' },
    submit: { type: 'plain_text', text: 'Declare' },
    blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'a' } }],
    ...extra,
  });

  /** The bot answering /incident by opening a modal with the command's trigger_id. */
  async function openModalFor(extra: Json = {}): Promise<string> {
    const form = await runIncidentCommand('declare');
    const answer = await callWebApi(fake, 'views.open', { trigger_id: form.trigger_id, view: modal(extra) });
    expect(answer).toMatchObject({ ok: true });
    const viewId = (answer.view as { id?: unknown }).id;
    if (typeof viewId !== 'string') throw new Error('views.open returned no view id');
    return viewId;
  }

  it('shows a modal the bot opens with a trigger_id to the person who triggered it', async () => {
    const viewId = await openModalFor();

    expect(sim.modalsFor(ALICE).map((v) => v.id)).toEqual([viewId]);
    expect(sim.modalsFor(ALICE)[0]?.view).toMatchObject({ callback_id: 'x', title: { text: 'Declare' } });
    expect(sim.modalsFor(BOB)).toEqual([]);
    expect(changes).toContainEqual({ type: 'modals', userId: ALICE });
  });

  it('sends view_submission with the typed values; an errors answer keeps the modal open', async () => {
    const viewId = await openModalFor({ private_metadata: 'INC-7' });
    bot.answerNext({ body: { response_action: 'errors', errors: { b: 'too short' } } });

    const result = await sim.submitView({ user: ALICE, viewId, values: { b: { a: 'typed' } } });

    expect(result).toEqual({ ok: false, errors: { b: 'too short' } });
    expect(sim.modalsFor(ALICE).map((v) => v.id)).toEqual([viewId]);
    const payload = interactionPayload(bot.requests.at(-1));
    expect(payload).toMatchObject({
      type: 'view_submission',
      team: { id: fake.teamId },
      user: { id: ALICE, name: 'alice' },
      trigger_id: expect.stringMatching(/\S/),
      response_urls: [],
      view: {
        id: viewId,
        type: 'modal',
        callback_id: 'x',
        private_metadata: 'INC-7',
        team_id: fake.teamId,
        hash: expect.any(String),
        root_view_id: viewId,
        state: { values: { b: { a: { type: 'plain_text_input', value: 'typed' } } } },
      },
    });
  });

  it('closes the modal when the bot acknowledges the submission with an empty 200', async () => {
    const viewId = await openModalFor();
    changes.length = 0;

    expect(await sim.submitView({ user: ALICE, viewId, values: { b: { a: 'long enough summary' } } })).toEqual({ ok: true });

    expect(sim.modalsFor(ALICE)).toEqual([]);
    expect(changes).toContainEqual({ type: 'modals', userId: ALICE });
  });

  it('keeps the modal and reports an error when the bot fails the submission', async () => {
    const viewId = await openModalFor();
    bot.answerNext({ status: 500 });

    const result = await sim.submitView({ user: ALICE, viewId, values: { b: { a: 'typed' } } });

    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('500') });
    expect(sim.modalsFor(ALICE).map((v) => v.id)).toEqual([viewId]);
    expect(changes).toContainEqual(expect.objectContaining({ type: 'toast', level: 'error', userId: ALICE }));
  });

  it('refuses to submit a modal that is not open for that person, sending nothing', async () => {
    const viewId = await openModalFor();
    const sent = bot.requests.length;

    expect(await sim.submitView({ user: BOB, viewId, values: {} })).toMatchObject({ ok: false });
    expect(bot.requests).toHaveLength(sent);
  });

  it('sends view_closed on close when the modal asked for notify_on_close', async () => {
    const viewId = await openModalFor({ notify_on_close: true });
    const sent = bot.requests.length;

    expect(await sim.closeView({ user: ALICE, viewId })).toEqual({ ok: true });

    expect(sim.modalsFor(ALICE)).toEqual([]);
    expect(bot.requests).toHaveLength(sent + 1);
    expect(interactionPayload(bot.requests.at(-1))).toMatchObject({ type: 'view_closed', user: { id: ALICE }, is_cleared: false, view: { id: viewId, callback_id: 'x' } });
  });

  it('closes silently without notify_on_close', async () => {
    const viewId = await openModalFor();
    const sent = bot.requests.length;

    expect(await sim.closeView({ user: ALICE, viewId })).toEqual({ ok: true });

    expect(sim.modalsFor(ALICE)).toEqual([]);
    expect(bot.requests).toHaveLength(sent);
  });
});

describe('feed and unread', () => {
  it('lists top-level messages and only the viewer\'s ephemerals in ts order; a thread shows parent and replies', async () => {
    const ws = fake.workspace;
    await sim.send({ user: ALICE, channel: OPS, text: 'one' });
    const oneTs = ops().messages[0]?.ts ?? expect.fail('no message');
    ws.ephemerals.push({ channel: OPS, user: ALICE, ts: ws.nextTs(), text: 'for alice' });
    ws.ephemerals.push({ channel: OPS, user: BOB, ts: ws.nextTs(), text: 'for bob' });
    await sim.send({ user: BOB, channel: OPS, text: 'reply', threadTs: oneTs });
    ws.ephemerals.push({ channel: OPS, user: ALICE, ts: ws.nextTs(), threadTs: oneTs, text: 'for alice in the thread' });
    await sim.send({ user: BOB, channel: OPS, text: 'two' });
    await sim.send({ user: ALICE, channel: OPS, text: '/nope' }); // Slackbot's ephemeral, for Alice

    const top = sim.feed(OPS, ALICE);
    expect(top.map((i) => [i.text.slice(0, 10), i.ephemeral])).toEqual([
      ['one', false],
      ['for alice', true],
      ['two', false],
      ['`/nope` is', true],
    ]);
    const replyTs = ops().messages.find((m) => m.text === 'reply')?.ts;
    expect(top[0]).toMatchObject({ user: ALICE, replyCount: 1, lastReplyTs: replyTs, edited: false, pinned: false });
    expect(top[3]?.user).toBe(SLACKBOT);
    expect(top.map((i) => i.ts)).toEqual([...top.map((i) => i.ts)].sort());

    const thread = sim.feed(OPS, ALICE, oneTs);
    expect(thread.map((i) => i.text)).toEqual(['one', 'reply', 'for alice in the thread']);
    expect(thread[1]).toMatchObject({ user: BOB, threadTs: oneTs, ephemeral: false });
    expect(sim.feed(OPS, BOB, oneTs).map((i) => i.text)).toEqual(['one', 'reply']);
    expect(sim.feed('C0MISSING1', ALICE)).toEqual([]);
  });

  it('counts messages by others after the last read, thread replies included', async () => {
    await sim.send({ user: ALICE, channel: OPS, text: 'mine' });
    const mineTs = ops().messages[0]?.ts ?? expect.fail('no message');
    await sim.send({ user: BOB, channel: OPS, text: 'theirs' });
    await sim.send({ user: BOB, channel: OPS, text: 'a reply', threadTs: mineTs });
    expect(sim.unread(OPS, ALICE)).toBe(2);
    expect(sim.unread(OPS, BOB)).toBe(1);

    sim.markRead(OPS, ALICE);
    expect(sim.unread(OPS, ALICE)).toBe(0);
    expect(sim.unread(OPS, BOB)).toBe(1); // read state is per person

    await sim.send({ user: ALICE, channel: OPS, text: 'mine again' });
    expect(sim.unread(OPS, ALICE)).toBe(0);
    await sim.send({ user: BOB, channel: OPS, text: 'news' });
    seedBotMessageWithButtons(fake.workspace);
    expect(sim.unread(OPS, ALICE)).toBe(2);
  });
});

describe('typed text, as Slack\'s client sends it', () => {
  it('escapes &, < and > in a message and turns @name and @here into mentions', async () => {
    await sim.send({ user: ALICE, channel: OPS, text: 'latency < 200ms & rising > p99, @bob please look, @here' });
    const expected = 'latency &lt; 200ms &amp; rising &gt; p99, <@U0BOB00001> please look, <!here>';
    expect(ops().messages[0]?.text).toBe(expected);
    expect(eventEnvelope(bot.requests[0]).event).toMatchObject({ text: expected });
  });

  it('escapes a command\'s text (should_escape) with mentions as <@U…|name>, and names a DM "directmessage"', async () => {
    const form = await runIncidentCommand('role scribe @bob <now> & later');
    expect(form.text).toBe('role scribe <@U0BOB00001|bob> &lt;now&gt; &amp; later');
    const dm = fake.workspace.imChannelFor(ALICE);
    await sim.send({ user: ALICE, channel: dm.id, text: '/incident help' });
    expect(commandForm(bot.requests.at(-1)).channel_name).toBe('directmessage');
  });

  it('leaves an unknown @name as typed', async () => {
    await sim.send({ user: ALICE, channel: OPS, text: 'ping @nobody' });
    expect(ops().messages[0]?.text).toBe('ping @nobody');
  });
});

describe('what Slack refuses or gives up on', () => {
  it('does not let a non-member post in a private channel', async () => {
    fake.workspace.addChannel({ id: 'C0SECRET01', name: 'secret', isPrivate: true, members: [ALICE] });
    expect(await sim.send({ user: BOB, channel: 'C0SECRET01', text: 'hi' })).toEqual({ ok: false, error: 'only members of #secret can post in it' });
    expect(bot.requests).toHaveLength(0);
  });

  it('says http_error when it redelivers an event the bot answered with an error status', async () => {
    bot.answerNext({ status: 503 });
    await sim.send({ user: ALICE, channel: OPS, text: 'hello' });
    expect(bot.requests).toHaveLength(2);
    expect(bot.requests[1]?.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' });
  });

  it('answers operation_timeout when the bot does not acknowledge a command within 3 seconds', async () => {
    const silent = createServer(() => undefined); // reads the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = newSimulator(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/slack/events`);
      const started = Date.now();
      expect(await slow.send({ user: ALICE, channel: OPS, text: '/incident status' })).toEqual({ ok: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
      expect(fake.workspace.ephemerals.at(-1)).toMatchObject({ user: ALICE, from: SLACKBOT, text: '/incident failed with the error "operation_timeout"' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('ignores a close of someone else\'s modal: nothing is sent and the modal stays open for its owner', async () => {
    const form = await runIncidentCommand('declare');
    const opened = await callWebApi(fake, 'views.open', {
      trigger_id: form.trigger_id,
      view: { type: 'modal', callback_id: 'x', notify_on_close: true, title: { type: 'plain_text', text: 'Declare' }, blocks: [] },
    });
    const viewId = (opened.view as { id: string }).id;
    const sent = bot.requests.length;
    expect(await sim.closeView({ user: BOB, viewId })).toEqual({ ok: true });
    expect(bot.requests).toHaveLength(sent);
    expect(sim.modalsFor(ALICE).map((v) => v.id)).toEqual([viewId]);
  });
});
