/**
 * Keeps the fake Web API honest against Slack's published description (../shared/specs, README there): every method
 * the fake implements exists in it, every success answer the fake gives matches its response schema, and every error
 * code the fake can answer with is one Slack documents for that method.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMethods, startFakeSlack, type FakeSlack } from '../../../src/playground/slack/index.js';
import { checkSchema, operationOf, type SlackSpec } from './spec-check.js';

const SPEC_PATH = fileURLToPath(new URL('../../../../shared/specs/slack-web-api.openapi-v2.json', import.meta.url));

/** Methods the fake implements that the 2021 description lacks: none today. Add a method here only with a reason. */
const NOT_IN_2021_SPEC: readonly string[] = [];

/** Error codes Slack documents today that the 2021 description's enums lack. */
const ERRORS_NEWER_THAN_SPEC: Readonly<Record<string, readonly string[]>> = {
  'chat.postMessage': ['invalid_blocks', 'invalid_blocks_format'],
  'chat.update': ['invalid_blocks', 'invalid_blocks_format'],
  'chat.postEphemeral': ['invalid_blocks', 'invalid_blocks_format'],
  'pins.remove': ['channel_not_found'],
  'usergroups.users.list': ['no_such_subteam'],
};

/** Places where the 2021 description is wrong about Slack's real answers. */
const SPEC_MISTAKES: Readonly<Record<string, readonly string[]>> = {
  // It types chat.update's message.blocks as an object; Slack returns the blocks array, as everywhere else.
  'chat.update': ['.message.blocks'],
};

let spec: SlackSpec;
let fake: FakeSlack;

beforeAll(async () => {
  if (!existsSync(SPEC_PATH)) {
    throw new Error(`Slack Web API description not found at ${SPEC_PATH}. It lives in shared/specs beside the repository (see shared/specs/README.md).`);
  }
  spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as SlackSpec;
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});

async function callRaw(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  const res = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return (await res.json()) as Record<string, unknown>;
}

const modal = { type: 'modal', title: { type: 'plain_text', text: 'Declare' }, blocks: [{ type: 'divider' }] };

/** Arguments for a successful call of each method, seeding what it needs. */
const scenarios: Record<string, () => Promise<Record<string, unknown>>> = {
  'auth.test': async () => ({}),
  'conversations.create': async () => ({ name: 'spec-created', is_private: 'false' }),
  'conversations.setTopic': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-topic' }).id, topic: 'SEV1' }),
  'conversations.setPurpose': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-purpose' }).id, purpose: 'why' }),
  'conversations.invite': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-invite' }).id, users: fake.workspace.addUser({ name: 'invitee' }).id }),
  'conversations.info': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-info', topic: 'set' }).id }),
  'conversations.members': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-members' }).id }),
  'conversations.join': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-join', botIsMember: false }).id }),
  'chat.postMessage': async () => ({ channel: fake.workspace.addChannel({ name: 'spec-post' }).id, text: 'hi', blocks: [{ type: 'divider' }] }),
  'chat.update': async () => {
    const channel = fake.workspace.addChannel({ name: 'spec-update' });
    const posted = await callRaw('chat.postMessage', { channel: channel.id, text: 'v1' });
    return { channel: channel.id, ts: posted.ts, text: 'v2', blocks: [{ type: 'divider' }] };
  },
  'chat.delete': async () => {
    const channel = fake.workspace.addChannel({ name: 'spec-delete' });
    const posted = await callRaw('chat.postMessage', { channel: channel.id, text: 'bye' });
    return { channel: channel.id, ts: posted.ts };
  },
  'chat.postEphemeral': async () => {
    const user = fake.workspace.addUser({ name: 'eph' });
    return { channel: fake.workspace.addChannel({ name: 'spec-eph', members: [user.id] }).id, user: user.id, text: 'psst' };
  },
  'chat.getPermalink': async () => {
    const channel = fake.workspace.addChannel({ name: 'spec-link' });
    const posted = await callRaw('chat.postMessage', { channel: channel.id, text: 'link me' });
    return { channel: channel.id, message_ts: posted.ts };
  },
  'pins.add': async () => {
    const channel = fake.workspace.addChannel({ name: 'spec-pin' });
    const posted = await callRaw('chat.postMessage', { channel: channel.id, text: 'pin me' });
    return { channel: channel.id, timestamp: posted.ts };
  },
  'pins.remove': async () => {
    const channel = fake.workspace.addChannel({ name: 'spec-unpin' });
    const posted = await callRaw('chat.postMessage', { channel: channel.id, text: 'unpin me' });
    await callRaw('pins.add', { channel: channel.id, timestamp: posted.ts });
    return { channel: channel.id, timestamp: posted.ts };
  },
  'pins.list': async () => {
    const channel = fake.workspace.addChannel({ name: 'spec-pins' });
    const posted = await callRaw('chat.postMessage', { channel: channel.id, text: 'pinned' });
    await callRaw('pins.add', { channel: channel.id, timestamp: posted.ts });
    return { channel: channel.id };
  },
  'usergroups.users.list': async () => ({ usergroup: fake.workspace.addUserGroup({ handle: 'spec-group', users: ['U0SOMEONE1'] }).id }),
  'users.info': async () => ({ user: fake.workspace.addUser({ name: 'info', email: 'info@example.com' }).id }),
  'users.list': async () => ({}),
  'users.lookupByEmail': async () => ({ email: fake.workspace.addUser({ name: 'lookup', email: 'lookup@example.com' }).email as string }),
  'views.open': async () => ({ trigger_id: '1111.2222.aaaa', view: modal }),
  'views.push': async () => ({ trigger_id: '1111.2222.bbbb', view: modal }),
  'views.update': async () => {
    const opened = await callRaw('views.open', { trigger_id: '1111.2222.cccc', view: modal });
    const view = opened.view as { id: string; hash: string };
    return { view_id: view.id, hash: view.hash, view: modal };
  },
};

const implemented = Object.keys(fakeMethods).sort();
const checked = implemented.filter((m) => !NOT_IN_2021_SPEC.includes(m));

describe('the fake Slack Web API against the published description', () => {
  it('has a success scenario for every method it implements', () => {
    expect(Object.keys(scenarios).sort()).toEqual(implemented);
  });

  it('implements only methods the description has (besides the listed exceptions)', () => {
    expect(checked.filter((m) => operationOf(spec, m) === null)).toEqual([]);
    expect(NOT_IN_2021_SPEC.filter((m) => operationOf(spec, m) !== null)).toEqual([]);
  });

  it.each(checked)('%s answers success in the documented shape', async (method) => {
    const scenario = scenarios[method];
    if (!scenario) throw new Error(`no scenario for ${method}`);
    const answer = await callRaw(method, await scenario());
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
    const success = operationOf(spec, method)?.success;
    if (!success) throw new Error(`the description has no success schema for ${method}`);
    expect(checkSchema(spec, success, answer, '', new Set(SPEC_MISTAKES[method] ?? []))).toEqual([]);
  });

  it.each(checked)('%s answers only error codes Slack documents for it', (method) => {
    const documented = operationOf(spec, method)?.errorCodes;
    // The views.* entries carry a generic error template without an enum: nothing to compare.
    if (!documented) return;
    const allowed = new Set([...documented, ...(ERRORS_NEWER_THAN_SPEC[method] ?? [])]);
    expect(fakeMethods[method]?.errors.filter((code) => !allowed.has(code))).toEqual([]);
  });
});
