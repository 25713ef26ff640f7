/**
 * One bot replica for the drills: exactly `warroom start` (config from the environment, the same startWarroom), with
 * one difference when DRILL_CLOCK is set — a clock that runs faster than the wall clock, shared by every replica of a
 * drill, so a simulated week of reminders and reviews passes in about a minute.
 */
import { loadConfig } from '../src/config/index.js';
import { startWarroom } from '../src/main.js';
import { warpClock } from './support/warp-clock.js';

const clock = process.env.DRILL_CLOCK ? warpClock(process.env.DRILL_CLOCK) : undefined;
await startWarroom(loadConfig({ env: process.env }), { handleSignals: true, ...(clock ? { clock } : {}) });
