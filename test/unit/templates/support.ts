/** Builders and Block Kit checks shared by the template tests. */
import { expect } from 'vitest';
import type { Incident } from '../../../src/core/incident/model.js';
import type { ChatMessage } from '../../../src/core/ports.js';
import { defaultIncidentSettings } from '../../../src/config/defaults.js';
import { createIncidentResponses, createIncidentViews, createTemplateRenderer } from '../../../src/templates/index.js';

export const NASTY_TITLE = 'Checkout <!channel> @here <@U0EVIL1> *bold* _it_ ~gone~ `code` & <https://evil.example|click>';

export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 42,
    title: 'Checkout returns 500s',
    severity: 'SEV2',
    state: 'investigating',
    service: 'checkout',
    impact: 'Card payments fail for 20% of users',
    isPrivate: false,
    declaredBy: 'U0DECLARER',
    dedupeKey: 'dedupe',
    declaredAt: new Date('2026-11-25T13:55:00Z'),
    startedAt: new Date('2026-11-25T13:52:00Z'),
    mitigatedAt: null,
    resolvedAt: null,
    commanderAssignedAt: new Date('2026-11-25T13:55:00Z'),
    roles: { commander: 'U0COMMANDER', scribe: 'U0SCRIBE' },
    channelId: 'C0WARROOM',
    channelName: 'inc-20261125-checkout-returns-500s',
    declarationTs: '1700000000.000100',
    announcement: { channelId: 'C0ANNOUNCE', ts: '1700000000.000200' },
    lastUpdateAt: null,
    lastUpdateText: null,
    links: {},
    updatedAt: new Date('2026-11-25T13:55:00Z'),
    ...overrides,
  };
}

export function setup(timeZone = 'UTC') {
  const settings = { ...defaultIncidentSettings(), timeZone };
  const renderer = createTemplateRenderer({ timeZone });
  const views = createIncidentViews({ renderer, timeZone, roles: settings.roles, severities: settings.severities });
  const responses = createIncidentResponses({ renderer, settings });
  return { settings, renderer, views, responses };
}

interface TextObj {
  type: string;
  text: string;
}

/** Every text object in the blocks, walked generically (sections, fields, context, buttons, headers). */
export function textObjects(message: ChatMessage): TextObj[] {
  const found: TextObj[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if ((obj.type === 'mrkdwn' || obj.type === 'plain_text') && typeof obj.text === 'string') found.push(obj as unknown as TextObj);
      Object.values(obj).forEach(walk);
    }
  };
  walk(message.blocks ?? []);
  return found;
}

/** The fallback text and every mrkdwn text object: what Slack parses for mentions and formatting. */
export const mrkdwnStrings = (message: ChatMessage): string[] => [message.text, ...textObjects(message).filter((t) => t.type === 'mrkdwn').map((t) => t.text)];

/** Angle brackets in mrkdwn only for mentions of real ids and links the bot made. */
const ALLOWED_ANGLE = /^<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|https?:\/\/[^\s|<>]+\|[^<>]*)>$/;

export function expectSafeMrkdwn(message: ChatMessage, forbiddenMentions: string[] = ['@U0EVIL1']): void {
  for (const text of mrkdwnStrings(message)) {
    expect(text).not.toMatch(/<!(channel|here|everyone)/);
    expect(text).not.toMatch(/(^|[^\u200B])@(here|channel|everyone)\b/);
    expect(text, 'unescaped &').not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(text).not.toContain('*bold*');
    expect(text).not.toContain('~gone~');
    for (const tag of text.match(/<[^>]*>/g) ?? []) {
      expect(tag, `unexpected <…> in ${text}`).toMatch(ALLOWED_ANGLE);
      for (const id of forbiddenMentions) expect(tag).not.toContain(id);
    }
  }
}

/** Structural checks against Block Kit limits. */
export function expectValidBlocks(message: ChatMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  const blocks = (message.blocks ?? []) as Record<string, unknown>[];
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    switch (block.type) {
      case 'header': {
        const text = block.text as TextObj;
        expect(text.type).toBe('plain_text');
        expect(Array.from(text.text).length).toBeLessThanOrEqual(150);
        break;
      }
      case 'section': {
        const text = block.text as TextObj | undefined;
        const fields = (block.fields as TextObj[] | undefined) ?? [];
        expect(text || fields.length > 0, 'section needs text or fields').toBeTruthy();
        if (text) expect(text.text.length).toBeLessThanOrEqual(3000);
        if (text) expect(text.text.trim().length).toBeGreaterThan(0);
        expect(fields.length).toBeLessThanOrEqual(10);
        for (const field of fields) expect(field.text.length).toBeLessThanOrEqual(2000);
        break;
      }
      case 'context':
        expect((block.elements as unknown[]).length).toBeGreaterThan(0);
        expect((block.elements as unknown[]).length).toBeLessThanOrEqual(10);
        break;
      case 'actions':
        for (const element of block.elements as Record<string, unknown>[]) {
          expect(String(element.value ?? '').length).toBeLessThanOrEqual(2000);
          expect((element.text as TextObj).text.length).toBeLessThanOrEqual(75);
        }
        break;
      case 'divider':
        break;
      default:
        throw new Error(`unexpected block type ${String(block.type)}`);
    }
  }
}

/** The text a person sees, roughly: mrkdwn without zero-width spaces and entities. */
export const visible = (text: string): string => text.replace(/\u200B/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export const allText = (message: ChatMessage): string => [message.text, ...textObjects(message).map((t) => t.text)].join('\n');
