/** auth, pins, usergroups, users and views methods of the fake Web API. */
import { visibleChannel } from './methods-conversations.js';
import { fail, jsonArg, optionalString, paginate, requiredString, type FakeMethod, type SlackArgs } from './method-kit.js';
import { messageJson, userJson, viewJson } from './wire.js';
import type { FakeChannel, FakeView, FakeWorkspace } from './workspace.js';

/** Pins need the bot in the channel; Slack's documented pins errors have no not_in_channel, so it is not found. */
function pinnableChannel(ws: FakeWorkspace, id: string | undefined): FakeChannel {
  const channel = visibleChannel(ws, id);
  return channel.members.includes(ws.bot.id) ? channel : fail('channel_not_found');
}

function viewArg(args: SlackArgs): Record<string, unknown> {
  const view = jsonArg(args, 'view', 'invalid_arguments');
  if (typeof view !== 'object' || view === null || Array.isArray(view)) return fail('invalid_arguments');
  const type = (view as { type?: unknown }).type;
  if (type !== 'modal' && type !== 'home') fail('invalid_arguments');
  return view as Record<string, unknown>;
}

/** A trigger_id can open one view, once, as in Slack. */
function useTrigger(ws: FakeWorkspace, args: SlackArgs): void {
  const triggerId = optionalString(args, 'trigger_id') ?? fail('invalid_arguments');
  if (ws.usedTriggerIds.has(triggerId)) fail('exchanged_trigger_id');
  ws.usedTriggerIds.add(triggerId);
}

function newHash(ws: FakeWorkspace): string {
  return `${ws.nowSeconds()}.${ws.nextId('H').slice(3)}`;
}

function storeView(ws: FakeWorkspace, args: SlackArgs, via: string, previous: FakeView | null): Record<string, unknown> {
  const view = viewArg(args);
  const id = ws.nextId('V');
  const stored: FakeView = {
    id,
    hash: newHash(ws),
    rootViewId: previous?.rootViewId ?? id,
    previousViewId: previous?.id ?? null,
    externalId: typeof view.external_id === 'string' ? view.external_id : null,
    via,
    view,
  };
  ws.views.set(id, stored);
  return { ok: true, view: viewJson(ws, stored) };
}

export const miscMethods: Record<string, FakeMethod> = {
  'auth.test': {
    errors: [],
    handle({ ws, baseUrl }) {
      return { ok: true, url: `${baseUrl}/`, team: 'Warroom Test', user: ws.bot.name, team_id: ws.teamId, user_id: ws.bot.id, bot_id: ws.botId, is_enterprise_install: false };
    },
  },

  'pins.add': {
    errors: ['channel_not_found', 'no_item_specified', 'message_not_found', 'already_pinned'],
    handle({ ws, args }) {
      const channel = pinnableChannel(ws, optionalString(args, 'channel'));
      const ts = requiredString(args, 'timestamp', 'no_item_specified');
      if (!channel.messages.some((m) => m.ts === ts)) fail('message_not_found');
      if (channel.pins.includes(ts)) fail('already_pinned');
      channel.pins.push(ts);
      return { ok: true };
    },
  },

  'pins.remove': {
    errors: ['channel_not_found', 'no_item_specified', 'not_pinned'],
    handle({ ws, args }) {
      const channel = pinnableChannel(ws, optionalString(args, 'channel'));
      const ts = requiredString(args, 'timestamp', 'no_item_specified');
      if (!channel.pins.includes(ts)) fail('not_pinned');
      channel.pins = channel.pins.filter((pinned) => pinned !== ts);
      return { ok: true };
    },
  },

  'pins.list': {
    errors: ['channel_not_found'],
    handle({ ws, args }) {
      const channel = visibleChannel(ws, optionalString(args, 'channel'));
      const items = channel.pins.flatMap((ts) => {
        const message = channel.messages.find((m) => m.ts === ts);
        if (!message) return [];
        return [{ type: 'message', channel: channel.id, created: Math.floor(Number(ts)), created_by: ws.bot.id, message: messageJson(ws, message) }];
      });
      return { ok: true, items };
    },
  },

  'usergroups.users.list': {
    errors: ['no_such_subteam'],
    handle({ ws, args }) {
      const group = ws.userGroups.get(requiredString(args, 'usergroup', 'no_such_subteam')) ?? fail('no_such_subteam');
      return { ok: true, users: [...group.users] };
    },
  },

  'users.info': {
    errors: ['user_not_found'],
    handle({ ws, args }) {
      const user = ws.user(requiredString(args, 'user', 'user_not_found')) ?? fail('user_not_found');
      return { ok: true, user: userJson(ws, user) };
    },
  },

  'users.lookupByEmail': {
    errors: ['users_not_found'],
    handle({ ws, args }) {
      const email = requiredString(args, 'email', 'users_not_found').toLowerCase();
      const user = [...ws.users.values()].find((u) => !u.deleted && u.email?.toLowerCase() === email) ?? fail('users_not_found');
      return { ok: true, user: userJson(ws, user) };
    },
  },

  'users.list': {
    errors: ['invalid_cursor'],
    handle({ ws, args }) {
      const { page, nextCursor } = paginate([...ws.users.values()], args, 200);
      return { ok: true, members: page.map((u) => userJson(ws, u)), cache_ts: ws.nowSeconds(), response_metadata: { next_cursor: nextCursor } };
    },
  },

  'views.open': {
    errors: ['invalid_arguments', 'exchanged_trigger_id'],
    handle({ ws, args }) {
      useTrigger(ws, args);
      return storeView(ws, args, 'views.open', null);
    },
  },

  'views.push': {
    errors: ['invalid_arguments', 'exchanged_trigger_id'],
    handle({ ws, args }) {
      useTrigger(ws, args);
      const previous = [...ws.views.values()].at(-1) ?? null;
      return storeView(ws, args, 'views.push', previous);
    },
  },

  'views.update': {
    errors: ['invalid_arguments', 'not_found', 'hash_conflict'],
    handle({ ws, args }) {
      const viewId = optionalString(args, 'view_id');
      const externalId = optionalString(args, 'external_id');
      if (!viewId && !externalId) fail('invalid_arguments');
      const stored = viewId ? ws.views.get(viewId) : [...ws.views.values()].find((v) => v.externalId === externalId);
      if (!stored) return fail('not_found');
      const hash = optionalString(args, 'hash');
      if (hash !== undefined && hash !== stored.hash) fail('hash_conflict');
      stored.view = viewArg(args);
      stored.hash = newHash(ws);
      stored.via = 'views.update';
      return { ok: true, view: viewJson(ws, stored) };
    },
  },
};
