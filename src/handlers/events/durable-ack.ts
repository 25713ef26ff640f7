import type { App } from '@slack/bolt';

/**
 * Events API deliveries are acknowledged only after their listeners have stored what they capture.
 * Bolt acknowledges events before running listeners; a crash in between would lose an event Slack
 * believes delivered. Holding the ack means Slack redelivers instead, and natural keys make that a no-op.
 * Commands, actions and views are untouched: they must ack first, within 3 seconds.
 */
export interface CaptureFailures {
  captureFailures: unknown[];
}

type ReceiverEvent = Parameters<App['processEvent']>[0];

export function holdEventAcksUntilStored(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const body = event.body as { type?: string } | undefined;
    if (body?.type !== 'event_callback') return processEvent(event);
    const failures: unknown[] = [];
    let ackArgs: Parameters<typeof event.ack> | null = null;
    await processEvent({
      ...event,
      ack: async (...args: Parameters<typeof event.ack>) => {
        ackArgs = args;
      },
      customProperties: { ...(event.customProperties ?? {}), captureFailures: failures } satisfies CaptureFailures,
    });
    if (failures.length > 0) throw failures[0]; // not acknowledged: Slack will deliver it again
    if (ackArgs) await event.ack(...(ackArgs as Parameters<typeof event.ack>));
  };
}
