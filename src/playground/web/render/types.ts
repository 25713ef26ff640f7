/** What the renderer needs to know about the workspace: names for ids, and the people a users_select offers. */
export interface RenderContext {
  /** U… → display name (null = unknown). */
  userName(id: string): string | null;
  /** C…/D… → name. */
  channelName(id: string): string | null;
  /** S… → handle. */
  groupHandle(id: string): string | null;
  /** For users_select / multi_users_select options. */
  users: { id: string; name: string }[];
}

export type Surface = 'message' | 'modal';
