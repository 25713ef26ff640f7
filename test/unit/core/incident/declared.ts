/** A declared SEV2 incident (commander U0ALICE) with the harness, chat calls cleared, for use case tests. */
import { createIncidentUseCases } from '../../../../src/core/incident/create-incident-service.js';
import type { IncidentUseCases } from '../../../../src/core/incident/api.js';
import type { Incident } from '../../../../src/core/incident/model.js';
import { createIncidentHarness, createRecordingOnCall, type IncidentHarness, type RecordingOnCall } from '../../../support/fakes/index.js';

export const alice = { userId: 'U0ALICE' };
export const responder = { userId: 'U0RESPONDER' };
export const stranger = { userId: 'U0STRANGER' };

export interface Declared extends IncidentHarness {
  incidents: IncidentUseCases;
  incident: Incident;
  channelId: string;
  oncall: RecordingOnCall;
}

export async function declared(options: Parameters<typeof createIncidentHarness>[0] & { severity?: string } = {}): Promise<Declared> {
  const oncall = createRecordingOnCall();
  const h = createIncidentHarness({ oncall, ...options });
  const incidents = createIncidentUseCases(h.deps);
  const { incident } = await incidents.declare({ title: 'Checkout returns 500', severity: options.severity ?? 'SEV2', service: 'checkout' }, alice);
  h.chat.calls.length = 0;
  oncall.pages.length = 0;
  return { ...h, oncall, incidents, incident, channelId: incident.channelId! };
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error) => err,
  );
}

export function messageTexts(h: IncidentHarness, channelId: string): string[] {
  return h.chat.messagesIn(channelId).map((m) => m.message.text);
}
