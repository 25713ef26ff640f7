/** A small workspace for the renderer tests. */
import type { RenderContext } from '../../../../src/playground/web/render/index.js';

const USERS: Record<string, string> = { U0ALICE: 'alice', U0BOB: 'bob <b>' };
const CHANNELS: Record<string, string> = { C0GENERAL: 'general', C0WARROOM: 'inc-42' };
const GROUPS: Record<string, string> = { S0OPS: 'ops-team' };

export const ctx: RenderContext = {
  userName: (id) => USERS[id] ?? null,
  channelName: (id) => CHANNELS[id] ?? null,
  groupHandle: (id) => GROUPS[id] ?? null,
  users: Object.entries(USERS).map(([id, name]) => ({ id, name })),
};

/** Tags of the HTML in order, without attributes: a cheap structural view that does not need a DOM. */
export const tags = (html: string): string[] => [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[0].replace('<', ''));
