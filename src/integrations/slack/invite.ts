/**
 * conversations.invite in batches of at most 1000 users, with `force: true` so one bad user id does not stop the
 * others. Users already in the channel are not a failure; every other per-user failure is collected and reported
 * together in one SlackInviteError naming each user and Slack's reason.
 */
import { SlackApiError } from './slack-errors.js';

export const MAX_INVITES_PER_CALL = 1000;

export interface InviteFailure {
  userId: string;
  error: string;
}

/** Errors that concern the invited users rather than the channel or the call. */
const USER_LEVEL_ERRORS = new Set([
  'already_in_channel',
  'cant_invite_self',
  'user_not_found',
  'cant_invite',
  'user_is_restricted',
  'user_is_ultra_restricted',
  'ura_max_channels',
  'user_is_bot',
]);
const NOT_A_FAILURE = new Set(['already_in_channel', 'cant_invite_self']);

export class SlackInviteError extends SlackApiError {
  constructor(
    readonly channelId: string,
    readonly failures: InviteFailure[],
  ) {
    const list = failures.map((f) => `${f.userId} (${f.error})`).join(', ');
    super('conversations.invite', failures[0]?.error ?? 'invite_failed', `could not invite ${list} to ${channelId}`, false);
    this.name = 'SlackInviteError';
  }
}

export type SendInvite = (userIds: string[]) => Promise<void>;

export async function inviteUsers(channelId: string, userIds: string[], send: SendInvite): Promise<void> {
  const failures: InviteFailure[] = [];
  for (let i = 0; i < userIds.length; i += MAX_INVITES_PER_CALL) {
    failures.push(...(await inviteBatch(userIds.slice(i, i + MAX_INVITES_PER_CALL), send)));
  }
  if (failures.length > 0) throw new SlackInviteError(channelId, failures);
}

async function inviteBatch(userIds: string[], send: SendInvite): Promise<InviteFailure[]> {
  try {
    await send(userIds);
    return [];
  } catch (err) {
    if (!(err instanceof SlackApiError) || !USER_LEVEL_ERRORS.has(err.code)) throw err;
    const perUser = perUserErrors(err.data);
    if (perUser.length > 0) return perUser.filter((f) => !NOT_A_FAILURE.has(f.error));
    const [only] = userIds;
    if (userIds.length === 1 && only !== undefined) return NOT_A_FAILURE.has(err.code) ? [] : [{ userId: only, error: err.code }];
    // Slack named no user: ask for each one, so the valid users still get in and we can say who did not.
    const failures: InviteFailure[] = [];
    for (const userId of userIds) failures.push(...(await inviteBatch([userId], send)));
    return failures;
  }
}

function perUserErrors(data: Record<string, unknown>): InviteFailure[] {
  if (!Array.isArray(data.errors)) return [];
  return data.errors.flatMap((entry: unknown) => {
    const e = entry as { user?: unknown; error?: unknown };
    return typeof e.user === 'string' && typeof e.error === 'string' ? [{ userId: e.user, error: e.error }] : [];
  });
}
