/** The context snapshot: signals, recent changes, people and state, suspects. */
export { createContextUseCases } from './gather.js';
export type { ContextDeps } from './deps.js';
export { firstRise, BASELINE_FLOOR, SUSTAIN_POINTS, type Point } from './change-point.js';
export { rankSuspects } from './suspects.js';
export type { ContextUseCases } from './api.js';
export type * from './model.js';
