import { readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerCommands } from '../../../src/commands/index.js';
import { defaultIncidentSettings } from '../../../src/config/index.js';
import type { Deps } from '../../../src/deps.js';
import { registerHandlers } from '../../../src/handlers/index.js';
import { DECLARE_MODAL_CALLBACK_ID } from '../../../src/templates/index.js';
import { POSTMORTEM_MODAL_CALLBACK_ID } from '../../../src/templates/postmortem/index.js';

interface Manifest {
  features: { slash_commands?: { command: string; should_escape?: boolean }[]; shortcuts?: { callback_id: string; type: string }[]; bot_user?: object };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

/** What the code registers on Bolt, captured by a recording stand-in for the App. */
function registrations() {
  const seen = { commands: [] as string[], events: [] as string[], actions: [] as string[], shortcuts: [] as string[], views: [] as string[] };
  const record = (list: string[]) => (id: unknown) => {
    list.push(String(id));
  };
  const app = {
    command: record(seen.commands),
    event: record(seen.events),
    action: record(seen.actions),
    shortcut: record(seen.shortcuts),
    view: record(seen.views),
    message: () => {
      throw new Error('use app.event("message") so the manifest check sees it');
    },
  } as unknown as App;
  const deps = {
    settings: defaultIncidentSettings(),
    modals: { declareCallbackId: DECLARE_MODAL_CALLBACK_ID },
    postmortemViews: { modalCallbackId: POSTMORTEM_MODAL_CALLBACK_ID },
  } as unknown as Deps;
  registerCommands(app, deps);
  registerHandlers(app, deps);
  return seen;
}

/** Bot events a subscription in the manifest delivers, as Bolt names them. */
function eventTypeOf(subscription: string): string {
  return subscription.startsWith('message.') ? 'message' : subscription;
}

/** The bot scope each event subscription needs (Slack's event reference). */
const SCOPE_FOR_EVENT: Record<string, string> = {
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  reaction_added: 'reactions:read',
  reaction_removed: 'reactions:read',
  pin_added: 'pins:read',
  pin_removed: 'pins:read',
};

describe('manifest.yml matches what the code handles', () => {
  const seen = registrations();

  it('declares exactly the slash commands the code registers, with escaping on', () => {
    const declared = (manifest.features.slash_commands ?? []).map((c) => c.command);
    expect(new Set(declared)).toEqual(new Set(seen.commands));
    for (const command of manifest.features.slash_commands ?? []) expect(command.should_escape).toBe(true);
  });

  it('subscribes to exactly the events the code listens to', () => {
    const declared = new Set(manifest.settings.event_subscriptions.bot_events.map(eventTypeOf));
    expect(declared).toEqual(new Set(seen.events));
  });

  it('declares exactly the shortcuts the code handles', () => {
    const declared = (manifest.features.shortcuts ?? []).map((s) => s.callback_id);
    expect(new Set(declared)).toEqual(new Set(seen.shortcuts));
  });

  it('enables interactivity because buttons, modals and shortcuts are handled', () => {
    expect(seen.actions.length + seen.views.length + seen.shortcuts.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('has a bot user, Socket Mode, and the scope every event subscription needs', () => {
    expect(manifest.features.bot_user).toBeDefined();
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    expect(scopes.has('commands')).toBe(true);
    for (const subscription of manifest.settings.event_subscriptions.bot_events) {
      expect(SCOPE_FOR_EVENT[subscription], `no known scope for ${subscription}`).toBeDefined();
      expect(scopes.has(SCOPE_FOR_EVENT[subscription] as string), `${subscription} needs ${SCOPE_FOR_EVENT[subscription]}`).toBe(true);
    }
  });

  it('requests no scope that the README does not justify', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const scope of manifest.oauth_config.scopes.bot) expect(readme, `README must justify ${scope}`).toContain(`\`${scope}\``);
  });
});
