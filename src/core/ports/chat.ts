/** Chat (Slack) as the core needs it: channels, messages, people. */

/** A rendered message. `blocks` is opaque to the core: templates build it, the chat adapter sends it. */
export interface ChatMessage {
  text: string;
  blocks?: unknown[];
}

export type CreateChannelResult = { ok: true; id: string; name: string } | { ok: false; reason: 'name_taken' };

export interface ChatPort {
  createChannel(name: string, options: { isPrivate: boolean }): Promise<CreateChannelResult>;
  setTopic(channelId: string, topic: string): Promise<void>;
  setPurpose(channelId: string, purpose: string): Promise<void>;
  /** Invites users; users already in the channel are not an error. */
  invite(channelId: string, userIds: string[]): Promise<void>;
  postMessage(channelId: string, message: ChatMessage, options?: { threadTs?: string }): Promise<{ channelId: string; ts: string }>;
  updateMessage(channelId: string, ts: string, message: ChatMessage): Promise<void>;
  /** Pins a message; an already pinned message is not an error. */
  pinMessage(channelId: string, ts: string): Promise<void>;
  postEphemeral(channelId: string, userId: string, message: ChatMessage): Promise<void>;
  sendDirectMessage(userId: string, message: ChatMessage): Promise<void>;
  /** Member user ids of a user group (S…). */
  usersInGroup(groupId: string): Promise<string[]>;
  /** The Slack user with this email (users.lookupByEmail), or null when there is none. */
  lookupUserByEmail(email: string): Promise<string | null>;
  /** A user's email (users.info; needs users:read.email), or null when hidden or unknown. */
  userEmail(userId: string): Promise<string | null>;
  /** A link that opens the channel in Slack. */
  channelUrl(channelId: string): string;
}

