import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { parseUserId } from '../../../../src/core/incident/assign-role.js';
import { alice, declared, messageTexts, rejection, responder, stranger } from './declared.js';

describe('assignRole', () => {
  it('gives the commander role to someone else: stores, records, invites, posts, refreshes topic and announcement', async () => {
    const d = await declared();
    d.clock.advance({ minutes: 2 });
    const result = await d.incidents.assignRole(d.channelId, 'IC', '<@U0BOB|bob>', alice);

    expect(result).toMatchObject({ changed: true, problems: [] });
    expect(result.incident.roles).toEqual({ commander: 'U0BOB' });
    // the first time the role was taken stays the declaration time
    expect(result.incident.commanderAssignedAt).toEqual(new Date('2026-03-02T14:00:00Z'));
    const event = (await d.store.timeline.list(1)).find((e) => e.kind === 'role_assigned');
    expect(event).toMatchObject({ actor: 'U0ALICE', data: { role: 'commander', userId: 'U0BOB', previous: 'U0ALICE' } });
    expect(d.chat.callsTo('invite')).toEqual([[d.channelId, ['U0BOB']]]);
    expect(messageTexts(d, d.channelId).at(-1)).toBe('role INC-1 commander -> <@U0BOB> by <@U0ALICE>');
    expect(d.chat.callsTo('setTopic')).toEqual([[d.channelId, 'SEV2 | investigating | IC <@U0BOB>']]);
    expect(d.chat.callsTo('updateMessage')).toHaveLength(1);
  });

  it('leaves topic and announcement alone for other roles', async () => {
    const d = await declared();
    const result = await d.incidents.assignRole(d.channelId, 'scribe', 'U0CAROL', alice);
    expect(result.incident.roles).toEqual({ commander: 'U0ALICE', scribe: 'U0CAROL' });
    expect(d.chat.callsTo('setTopic')).toEqual([]);
    expect(d.chat.callsTo('updateMessage')).toEqual([]);
    expect(messageTexts(d, d.channelId).at(-1)).toBe('role INC-1 scribe -> <@U0CAROL> by <@U0ALICE>');
  });

  it('lets a new role holder act on the incident', async () => {
    const d = await declared();
    await d.incidents.assignRole(d.channelId, 'comms', 'U0STRANGER', alice);
    expect((await d.incidents.addNote(d.channelId, 'customers informed', stranger)).changed).toBe(true);
  });

  it('changes nothing when the person already holds the role', async () => {
    const d = await declared();
    const result = await d.incidents.assignRole(d.channelId, 'commander', 'U0ALICE', alice);
    expect(result).toMatchObject({ changed: false, reason: '<@U0ALICE> is already the Incident commander of INC-1.' });
    expect(d.chat.calls.filter((c) => c.method !== 'usersInGroup')).toEqual([]);
  });

  it('refuses unknown roles, missing users and outsiders', async () => {
    const d = await declared();
    const role = await rejection(d.incidents.assignRole(d.channelId, 'boss', 'U0BOB', alice));
    expect(isDomainError(role, 'UNKNOWN_ROLE')).toBe(true);
    const user = await rejection(d.incidents.assignRole(d.channelId, 'ic', 'bob', responder));
    expect(isDomainError(user, 'BAD_INPUT')).toBe(true);
    expect(user.message).toBe('Name the person with a mention, e.g. `/incident role ic @alex`.');
    expect(isDomainError(await rejection(d.incidents.assignRole(d.channelId, 'ic', 'U0STRANGER', stranger)), 'FORBIDDEN')).toBe(true);
    expect((await d.store.incidents.get(1))?.roles).toEqual({ commander: 'U0ALICE' });
  });

  it('reads user ids from mentions', () => {
    expect(['U0BOB', '@U0BOB', '<@U0BOB>', '<@W0BOB|bob>', 'bob', '<#C1>'].map(parseUserId)).toEqual(['U0BOB', 'U0BOB', 'U0BOB', 'W0BOB', null, null]);
  });
});
