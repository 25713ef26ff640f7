/** OnCallPort stand-ins: not configured (the default until PagerDuty lands), or a configured one that records pages. */
import { DomainError, IntegrationError } from '../../../src/core/errors.js';
import type { OnCallPort, PageRequest } from '../../../src/core/ports.js';

export const ONCALL_NOT_CONFIGURED_DETAIL = 'PagerDuty is not configured: set PAGERDUTY_TOKEN and PAGERDUTY_FROM.';

export function createNotConfiguredOnCall(): OnCallPort {
  return {
    status: () => ({ configured: false, detail: ONCALL_NOT_CONFIGURED_DETAIL }),
    pageForIncident: async () => {
      throw new DomainError('INTEGRATION_NOT_CONFIGURED', ONCALL_NOT_CONFIGURED_DETAIL);
    },
  };
}

export interface RecordingOnCall extends OnCallPort {
  pages: PageRequest[];
  failWith: string | null;
}

export function createRecordingOnCall(): RecordingOnCall {
  const oncall: RecordingOnCall = {
    pages: [],
    failWith: null,
    status: () => ({ configured: true, detail: 'PagerDuty (test)' }),
    async pageForIncident(request) {
      if (oncall.failWith) throw new IntegrationError('pagerduty', 'incidents.create', oncall.failWith);
      oncall.pages.push(request);
      return { paged: true, summary: `Paged ${request.policy.page} for INC-${request.incident.id}`, link: `https://pd.example/incidents/P${request.incident.id}` };
    },
  };
  return oncall;
}
