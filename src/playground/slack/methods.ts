/** Every Web API method the fake implements, by name. */
import { chatMethods } from './methods-chat.js';
import { conversationMethods } from './methods-conversations.js';
import { miscMethods } from './methods-misc.js';
import type { FakeMethod } from './method-kit.js';

export const fakeMethods: Readonly<Record<string, FakeMethod>> = { ...miscMethods, ...conversationMethods, ...chatMethods };
