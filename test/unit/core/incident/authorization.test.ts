import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { alice, declared, rejection, responder, stranger } from './declared.js';

describe('authorization', () => {
  it('lets role holders and members of the responders group change the incident', async () => {
    const d = await declared();
    expect((await d.incidents.addNote(d.channelId, 'from the commander', alice)).changed).toBe(true);
    expect((await d.incidents.addNote(d.channelId, 'from a responder', responder)).changed).toBe(true);
    expect(d.chat.callsTo('usersInGroup')).toEqual([['S0RESPONDERS']]); // role holders need no lookup
  });

  it('refuses anyone else, naming who may', async () => {
    const d = await declared();
    const err = await rejection(d.incidents.markMitigated(d.channelId, null, stranger));
    expect(isDomainError(err, 'FORBIDDEN')).toBe(true);
    expect(err.message).toBe(
      "You are not allowed to mark the incident mitigated (INC-1). Only the incident's role holders: <@U0ALICE> (Incident commander), and members of the responders group <!subteam^S0RESPONDERS> can.",
    );
  });

  it.each([
    ['changeSeverity', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.changeSeverity(d.channelId, 'SEV1', stranger)],
    ['assignRole', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.assignRole(d.channelId, 'ic', 'U0STRANGER', stranger)],
    ['postUpdate', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.postUpdate(d.channelId, 'x', stranger)],
    ['addNote', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.addNote(d.channelId, 'x', stranger)],
    ['markMitigated', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.markMitigated(d.channelId, null, stranger)],
    ['resolve', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.resolve(d.channelId, null, stranger)],
    ['snoozeReminder', (d: Awaited<ReturnType<typeof declared>>) => d.incidents.snoozeReminder(d.incident.id, stranger)],
  ])('%s is refused to outsiders', async (_, call) => {
    const d = await declared();
    expect(isDomainError(await rejection(call(d)), 'FORBIDDEN')).toBe(true);
  });

  it('falls back to role holders when the group lookup fails, and logs it', async () => {
    const d = await declared();
    d.chat.failOn('usersInGroup', 'ratelimited');
    expect(isDomainError(await rejection(d.incidents.addNote(d.channelId, 'x', responder)), 'FORBIDDEN')).toBe(true);
    expect((await d.incidents.addNote(d.channelId, 'x', alice)).changed).toBe(true);
    expect(d.logger.messages('warn')).toContain('responders group lookup failed; only role holders are allowed');
  });

  it('without a responders group, only role holders may', async () => {
    const d = await declared({ settings: { respondersGroup: null } });
    const err = await rejection(d.incidents.addNote(d.channelId, 'x', responder));
    expect(err.message).toBe("You are not allowed to add notes (INC-1). Only the incident's role holders: <@U0ALICE> (Incident commander) can.");
  });
});
