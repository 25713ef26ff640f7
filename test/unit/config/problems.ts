import { ConfigError } from '../../../src/config/index.js';

/** The problems a configuration load reports; fails the test when it loads without any. */
export function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
