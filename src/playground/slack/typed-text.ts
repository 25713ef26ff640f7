/** Typed text the way Slack's client sends it to an app. */
import type { FakeWorkspace } from './workspace.js';

/**
 * &, < and > escaped, and @name / @here turned into mentions (a command with should_escape gets <@U…|name>, as Slack
 * sends it).
 */
export function asSlackText(ws: FakeWorkspace, typed: string, forCommand: boolean): string {
  const escaped = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/(^|[\s(])@([a-z0-9._-]+)/gi, (whole, before: string, name: string) => {
    if (['here', 'channel', 'everyone'].includes(name.toLowerCase())) return `${before}<!${name.toLowerCase()}>`;
    const user = [...ws.users.values()].find((u) => !u.deleted && u.name.toLowerCase() === name.toLowerCase());
    if (!user) return whole;
    return `${before}<@${user.id}${forCommand ? `|${user.name}` : ''}>`;
  });
}
