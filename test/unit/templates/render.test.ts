import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES_DIR, createIncidentViews, createTemplateRenderer } from '../../../src/templates/index.js';
import { anIncident, setup } from './support.js';

describe('template renderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-templates-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a file in the overrides directory replace the built-in template of the same name', () => {
    writeFileSync(join(dir, 'announcement.mrkdwn.hbs'), 'ALERT {{severity}}: {{mrkdwn title}} — ask {{user commander}}');
    const renderer = createTemplateRenderer({ overridesDir: dir, timeZone: 'UTC' });
    const { settings } = setup();
    const views = createIncidentViews({ renderer, timeZone: 'UTC', roles: settings.roles, severities: settings.severities });
    const message = views.announcement(anIncident({ title: 'DB <down>' }));
    expect((message.blocks as { text: { text: string } }[])[0]?.text.text).toBe('ALERT SEV2: DB &lt;down&gt; — ask <@U0COMMANDER>');
    // Templates without an override still come from the built-in directory.
    expect(renderer.source('declaration.mrkdwn')).toBe(join(BUILTIN_TEMPLATES_DIR, 'declaration.mrkdwn.hbs'));
    expect(renderer.source('announcement.mrkdwn')).toBe(join(dir, 'announcement.mrkdwn.hbs'));
  });

  it('throws on a missing variable (strict), in plain output, helpers and blocks', () => {
    writeFileSync(join(dir, 'plain.mrkdwn.hbs'), 'Hello {{naem}}');
    writeFileSync(join(dir, 'helper.mrkdwn.hbs'), 'Hello {{mrkdwn naem}}');
    writeFileSync(join(dir, 'block.mrkdwn.hbs'), '{{#if naem}}x{{/if}}');
    writeFileSync(join(dir, 'nested.mrkdwn.hbs'), '{{incident.titel}}');
    const renderer = createTemplateRenderer({ overridesDir: dir, timeZone: 'UTC' });
    expect(() => renderer.render('plain.mrkdwn', { name: 'x' })).toThrow(/template plain\.mrkdwn: "naem" not defined/);
    expect(() => renderer.render('helper.mrkdwn', { name: 'x' })).toThrow(/helper "mrkdwn": argument 1 is undefined/);
    expect(() => renderer.render('block.mrkdwn', { name: 'x' })).toThrow(/block "#if": its value is undefined/);
    expect(() => renderer.render('nested.mrkdwn', { incident: { title: 'x' } })).toThrow(/"titel" not defined/);
    // null is a value: optional data renders as nothing.
    expect(renderer.render('block.mrkdwn', { naem: null })).toBe('');
  });

  it('does not HTML-escape (noEscape): escaping is the helpers’ job', () => {
    writeFileSync(join(dir, 'raw.mrkdwn.hbs'), '{{a}} | {{mrkdwn a}}');
    const renderer = createTemplateRenderer({ overridesDir: dir, timeZone: 'UTC' });
    expect(renderer.render('raw.mrkdwn', { a: 'x & "y"' })).toBe('x & "y" | x &amp; "y"');
  });

  it('formats users, channels, times, durations and plurals', () => {
    writeFileSync(
      join(dir, 'helpers.mrkdwn.hbs'),
      '{{user u}} {{user bad}} {{channel c}} {{time t}} | {{datetime t}} | {{duration d}} | {{relative t base}} | {{plural 1 "minute"}}, {{plural 3 "minute"}} | {{#if (eq a "x")}}eq{{/if}} {{link url "PD"}} {{link "javascript:alert(1)" "bad"}}',
    );
    const renderer = createTemplateRenderer({ overridesDir: dir, timeZone: 'Europe/Berlin' });
    const out = renderer.render('helpers.mrkdwn', {
      u: 'U0ALICE',
      bad: '<!channel>',
      c: 'C0ROOM',
      t: new Date('2026-11-25T13:05:00Z'),
      base: new Date('2026-11-25T12:00:00Z'),
      d: 72 * 60_000,
      a: 'x',
      url: 'https://pd.example/1',
    });
    expect(out).toBe(
      '<@U0ALICE> &lt;!channel&gt; <#C0ROOM> 14:05 CET | Wed 25 Nov 14:05 CET | 1h 12m | in 1h 5m | 1 minute, 3 minutes | eq <https://pd.example/1|PD> bad',
    );
  });

  it('loads each template once and caches it', () => {
    const file = join(dir, 'cached.mrkdwn.hbs');
    writeFileSync(file, 'first {{x}}');
    const renderer = createTemplateRenderer({ overridesDir: dir, timeZone: 'UTC' });
    expect(renderer.render('cached.mrkdwn', { x: 1 })).toBe('first 1');
    writeFileSync(file, 'second {{x}}');
    expect(renderer.render('cached.mrkdwn', { x: 2 })).toBe('first 2');
  });

  it('names the template when one is missing or broken', () => {
    writeFileSync(join(dir, 'broken.mrkdwn.hbs'), '{{#if x}}never closed');
    const renderer = createTemplateRenderer({ overridesDir: dir, timeZone: 'UTC' });
    expect(() => renderer.render('nope.mrkdwn', {})).toThrow(/no template named nope\.mrkdwn/);
    expect(() => renderer.render('broken.mrkdwn', { x: true })).toThrow(/broken\.mrkdwn/);
    expect(() => renderer.render('../secrets', {})).toThrow(/bad template name/);
  });

  it('ships every built-in template as .hbs next to render.ts (copied to dist by the build)', () => {
    expect(readdirSync(BUILTIN_TEMPLATES_DIR).sort()).toEqual(
      expect.arrayContaining([
        'announcement.mrkdwn.hbs',
        'declaration.mrkdwn.hbs',
        'help.mrkdwn.hbs',
        'problems.mrkdwn.hbs',
        'reminder.mrkdwn.hbs',
        'role-assigned.mrkdwn.hbs',
        'severity-changed.mrkdwn.hbs',
        'state-changed.mrkdwn.hbs',
        'status-update.mrkdwn.hbs',
      ]),
    );
  });
});
