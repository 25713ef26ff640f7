/**
 * A demo PagerDuty on loopback for the playground: the REST API v2 endpoints the bot's adapter calls (incidents with
 * incident_key de-duplication, on-calls with `include[]=users`, updates, notes, user and policy lookups), in
 * PagerDuty's wire format, behind `Authorization: Token token=…`. A person plays the responder through
 * `acknowledge`/`resolve`, which send the bot signed v3 webhooks exactly as PagerDuty would.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { changeListeners, listenOnLoopback, readBody, sendHtml, sendJson } from '../http-kit.js';
import { incidentPage, notFoundPage } from './page.js';
import { routes } from './routes.js';
import { DemoPagerDutyState, PdInputError } from './state.js';
import { deliverWebhook, webhookEnvelope } from './webhook.js';
import { createPdWire, errorBody } from './wire.js';

export { signPagerDutyBody } from './webhook.js';

export interface DemoPagerDutyOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** The REST API key the bot must send; generated when absent. */
  token?: string;
  /** Where v3 webhooks go (the bot's /webhooks/pagerduty); null sends none. */
  webhookUrl: string | null;
  webhookSecret: string;
  people: { name: string; email: string; level: 1 | 2 }[];
  serviceName?: string;
}

export interface DemoIncidentView {
  id: string;
  number: number;
  title: string;
  status: string;
  urgency: string;
  createdAt: string;
  assignees: string[];
}

export interface DemoPagerDuty {
  /** `http://127.0.0.1:PORT`: the bot's PAGERDUTY_API_URL. */
  url: string;
  token: string;
  serviceId: string;
  escalationPolicyId: string;
  webhookSecret: string;
  /** Newest incident first; on-call people by level. */
  state(): { incidents: DemoIncidentView[]; oncall: { level: number; name: string; email: string }[] };
  /** Marks the incident acknowledged by that person and sends a signed v3 webhook (incident.acknowledged) to webhookUrl. */
  acknowledge(incidentId: string, byEmail: string): Promise<void>;
  /** Marks the incident resolved by that person and sends incident.resolved. */
  resolve(incidentId: string, byEmail: string): Promise<void>;
  /** Called after any change of state; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

export const DEMO_SERVICE_ID = 'PSVC001';
export const DEMO_ESCALATION_POLICY_ID = 'PEP0001';
const SUBSCRIPTION_ID = 'PSUB001';

export async function startDemoPagerDuty(options: DemoPagerDutyOptions): Promise<DemoPagerDuty> {
  const token = options.token ?? `demo-pd-${randomBytes(12).toString('hex')}`;
  const serviceName = options.serviceName ?? 'checkout';
  const state = new DemoPagerDutyState(
    {
      service: { id: DEMO_SERVICE_ID, name: serviceName },
      policy: { id: DEMO_ESCALATION_POLICY_ID, name: `${serviceName} escalation`, levels: 2 },
      schedules: [
        { id: 'PSCH001', name: `${serviceName} primary`, level: 1 },
        { id: 'PSCH002', name: `${serviceName} secondary`, level: 2 },
      ],
    },
    options.people,
  );
  const changes = changeListeners();
  const notify = changes.notify;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo-pagerduty');
    const method = req.method ?? 'GET';
    const text = await readBody(req);

    // The pages behind html_url are for people's browsers: no API key.
    const page = /^\/web\/incidents\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (method === 'GET' && page) {
      const incident = state.incidents.find((i) => i.id === page[1]);
      return incident ? sendHtml(res, 200, incidentPage(state, incident)) : sendHtml(res, 404, notFoundPage(`Incident ${page[1] ?? ''}`));
    }
    if (method === 'GET' && url.pathname.startsWith('/web/')) return sendHtml(res, 404, notFoundPage('This page'));

    if (req.headers.authorization !== `Token token=${token}`) return sendJson(res, 401, errorBody('Invalid Token', 2006));
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return sendJson(res, 400, errorBody('Invalid Input Provided', 2001, ['The request body is not valid JSON']));
    }
    const from = typeof req.headers.from === 'string' ? req.headers.from : undefined;
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const params = match.slice(1).map((p) => decodeURIComponent(p ?? ''));
      try {
        const answer = route.handle(state, wire, { query: url.searchParams, body, from, params, now: new Date() });
        sendJson(res, answer.status, answer.body);
        if (route.writes) notify();
      } catch (err) {
        if (!(err instanceof PdInputError)) throw err;
        sendJson(res, err.status, errorBody(err.pdMessage, err.code, err.errors));
      }
      return;
    }
    sendJson(res, 404, errorBody('Not Found', 2100));
  }

  const { url: baseUrl, close } = await listenOnLoopback((req, res) => {
    handle(req, res).catch((err: unknown) => sendJson(res, 500, errorBody(`Internal Server Error: ${String(err)}`, 2000)));
  }, options.port);
  const wire = createPdWire(baseUrl, state);

  /** What a responder does in PagerDuty's app: the change, then the webhook PagerDuty would send about it. */
  async function respond(incidentId: string, byEmail: string, status: 'acknowledged' | 'resolved'): Promise<void> {
    const person = state.userByEmail(byEmail);
    if (!person || person.level === null) {
      const known = state.users.filter((u) => u.level !== null).map((u) => u.email).join(', ');
      throw new Error(`${byEmail} is not one of the demo PagerDuty's responders (${known}).`);
    }
    const incident = state.incidents.find((i) => i.id === incidentId);
    if (!incident) throw new Error(`The demo PagerDuty has no incident ${incidentId}.`);
    const now = new Date();
    try {
      state.setStatus(incident, status, person, now);
    } catch (err) {
      throw err instanceof PdInputError ? new Error(`Incident #${incident.number} cannot be ${status}: ${err.errors.join('; ') || err.pdMessage}`) : err;
    }
    notify();
    if (!options.webhookUrl) return;
    const envelope = webhookEnvelope(`incident.${status}`, wire.userRef(person), wire.webhookIncident(incident), now);
    await deliverWebhook(options.webhookUrl, options.webhookSecret, envelope, SUBSCRIPTION_ID);
  }

  return {
    url: baseUrl,
    token,
    serviceId: DEMO_SERVICE_ID,
    escalationPolicyId: DEMO_ESCALATION_POLICY_ID,
    webhookSecret: options.webhookSecret,
    state: () => ({
      incidents: [...state.incidents].reverse().map((i) => ({
        id: i.id,
        number: i.number,
        title: i.title,
        status: i.status,
        urgency: i.urgency,
        createdAt: i.createdAt.toISOString(),
        assignees: i.status === 'resolved' ? [] : i.assigneeIds.map((id) => state.user(id)?.name ?? id),
      })),
      oncall: state.users.flatMap((u) => (u.level === null ? [] : [{ level: u.level, name: u.name, email: u.email }])).sort((a, b) => a.level - b.level),
    }),
    acknowledge: (incidentId, byEmail) => respond(incidentId, byEmail, 'acknowledged'),
    resolve: (incidentId, byEmail) => respond(incidentId, byEmail, 'resolved'),
    onChange: changes.add,
    close,
  };
}
