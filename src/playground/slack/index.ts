/**
 * The fake Slack Web API for integration and end-to-end tests.
 *
 *   const fake = await startFakeSlack();
 *   const client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl });   // or Bolt's clientOptions
 *   fake.workspace.addUser({ id: 'U0ALICE01', name: 'alice' });
 *   fake.failNext('chat.postMessage', { retryAfterSeconds: 1 });
 *   …
 *   expect(fake.workspace.channelByName('inc-…')?.messages).toEqual(…);
 *   expect(fake.callsTo('conversations.invite')).toHaveLength(1);
 *   await fake.close();
 */
export { startFakeSlack, type FakeCall, type FakeSlack, type FakeSlackOptions } from './server.js';
export type { FakeFault } from './faults.js';
export { fakeMethods } from './methods.js';
export { channelNameError } from './methods-conversations.js';
export type {
  FakeChannel,
  FakeEphemeral,
  FakeMessage,
  FakeResponse,
  FakeUser,
  FakeUserGroup,
  FakeView,
  FakeWorkspace,
  NewFakeChannel,
  NewFakeUser,
} from './workspace.js';
