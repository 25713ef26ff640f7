export { deployCheckHistory, deployCheckMessage, DEPLOY_CHECK_APPROVE_ACTION_ID, overrideAnnouncement, type DeployCheckSlackOptions } from './slack.js';
export { DEPLOY_CHECK_EXIT, deployCheckJson, deployCheckText } from './terminal.js';
