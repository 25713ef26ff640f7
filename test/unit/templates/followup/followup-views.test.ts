import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src/core/followup/index.js';
import type { ActionItem } from '../../../../src/core/postmortem/model.js';
import { createFollowupViews } from '../../../../src/templates/followup/index.js';
import { createTemplateRenderer } from '../../../../src/templates/render.js';
import { newItem } from '../../core/followup/followup-fixtures.js';

const views = createFollowupViews({ renderer: createTemplateRenderer({ timeZone: 'Europe/Berlin' }), timeZone: 'Europe/Berlin' });
const item = (id: number, over: Partial<ActionItem> = {}): ActionItem => ({ ...newItem(), id, updatedAt: new Date(0), ...over });
const text = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks);

describe('follow-up views', () => {
  const now = new Date('2026-03-09T08:00:00Z');
  const incidents = new Map([[1, { title: 'Checkout <!channel> down', service: 'checkout' }]]);
  const report = buildReport({
    now,
    timeZone: 'Europe/Berlin',
    targetPercent: 90,
    incidents,
    items: [item(1, { dueDate: '2026-03-08', description: 'Rate-limit <script> *bold*' }), item(2, { dueDate: '2026-03-01', state: 'closed', closedAt: new Date('2026-03-05T00:00:00Z'), flaggedUnvalidated: true })],
  });

  it('renders the digest with overdue days, owners, incidents, completion against the target, escaped', () => {
    const out = text(views.weeklyDigest(report));
    expect(out).toContain('1 day overdue');
    expect(out).toContain('<@U0ALICE>: 1 open, 1 overdue');
    expect(out).toContain('Rate-limit &lt;script&gt;');
    expect(out).not.toContain('<!channel>');
    expect(out).toContain(':warning: 0% (0 of 2 on time; target 90%)');
    expect(out).toContain('not validated');
    expect(out).toContain('<https://github.com/acme/checkout/issues/');
  });

  it('renders /incident actions with the same content under its own heading', () => {
    const out = text(views.actionsReport(report));
    expect(out).toContain('Postmortem action items');
    expect(out).toContain('1 day overdue');
  });

  it('renders stats with formatted durations and recurring causes', () => {
    const out = text(
      views.statsReport({
        since: new Date('2026-01-01T00:00:00Z'),
        incidentsBySeverity: { SEV1: 2, SEV2: 3 },
        timeToDetect: { count: 5, median: 12 * 60_000, p90: 72 * 60_000 },
        timeToAcknowledge: { count: 0, median: null, p90: null },
        timeToMitigate: { count: 5, median: 45_000, p90: 2 * 86_400_000 },
        timeToResolve: { count: 5, median: 3_600_000, p90: 7_200_000 },
        actionItems: { closed: 3, total: 4, percent: 75 },
        recurringRootCauses: [{ service: 'checkout', category: 'config_or_flag', count: 3 }],
      }),
    );
    expect(out).toContain('*Incidents:* 5 (SEV1 2, SEV2 3)');
    expect(out).toContain('*Time to detect:* median 12m, p90 1h 12m (5 incidents)');
    expect(out).toContain('*Time to acknowledge:* no data');
    expect(out).toContain('median 45s, p90 2d');
    expect(out).toContain('75% (3 of 4)');
    expect(out).toContain('checkout: config or flag error ×3');
  });
});
