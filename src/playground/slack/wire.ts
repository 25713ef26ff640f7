/** Slack's JSON shapes for the fake's objects (conversation, user, message, view), as the Web API returns them. */
import type { FakeChannel, FakeMessage, FakeUser, FakeView, FakeWorkspace } from './workspace.js';

export function conversationJson(ws: FakeWorkspace, channel: FakeChannel): Record<string, unknown> {
  if (channel.isIm) {
    return { id: channel.id, created: channel.created, is_im: true, is_org_shared: false, user: channel.imUser, priority: 0, is_archived: false };
  }
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    created: channel.created,
    creator: channel.creator,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    is_archived: channel.archived,
    is_general: false,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_member: channel.members.includes(ws.bot.id),
    num_members: channel.members.length,
    topic: { value: channel.topic.value, creator: channel.topic.creator, last_set: channel.topic.lastSet },
    purpose: { value: channel.purpose.value, creator: channel.purpose.creator, last_set: channel.purpose.lastSet },
    previous_names: [],
  };
}

export function messageJson(ws: FakeWorkspace, message: FakeMessage): Record<string, unknown> {
  const json: Record<string, unknown> = { type: 'message', ts: message.ts, user: message.user, text: message.text, team: ws.teamId };
  if (message.botId) {
    json.bot_id = message.botId;
    json.app_id = 'A0000000APP';
  }
  if (message.blocks) json.blocks = message.blocks;
  if (message.threadTs) json.thread_ts = message.threadTs;
  if (message.edited) json.edited = { user: message.edited.user, ts: message.edited.ts };
  if (message.reactions?.length) json.reactions = message.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length }));
  return json;
}

export function userJson(ws: FakeWorkspace, user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    team_id: ws.teamId,
    name: user.name,
    real_name: user.realName,
    deleted: user.deleted,
    is_bot: user.isBot,
    is_app_user: false,
    is_admin: false,
    is_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    tz: 'Europe/London',
    tz_label: 'Greenwich Mean Time',
    tz_offset: 0,
    updated: ws.nowSeconds(),
    profile: {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.name,
      display_name_normalized: user.name,
      email: user.email,
      avatar_hash: 'g0000000000',
      title: '',
      phone: '',
      skype: '',
      status_text: '',
      status_emoji: '',
      fields: null,
      team: ws.teamId,
      ...(user.botId ? { bot_id: user.botId } : {}),
    },
  };
}

export function viewJson(ws: FakeWorkspace, view: FakeView): Record<string, unknown> {
  return {
    ...view.view,
    id: view.id,
    team_id: ws.teamId,
    hash: view.hash,
    root_view_id: view.rootViewId,
    previous_view_id: view.previousViewId,
    external_id: view.externalId ?? '',
    app_id: 'A0000000APP',
    bot_id: ws.botId,
    state: { values: {} },
  };
}
