export {
  createPagerDutyOnCall,
  DEFAULT_PAGERDUTY_API_URL,
  DEFAULT_PAGERDUTY_TIMEOUT_MS,
  type PagerDutyOnCallOptions,
} from './pagerduty-on-call.js';
export { PagerDutyError, type PagerDutyOperation } from './pagerduty-error.js';
export { serverFromApiUrl } from './http-client.js';
export { MalformedPagerDutyWebhook, parsePagerDutyWebhook, verifyPagerDutySignature } from './webhook.js';
