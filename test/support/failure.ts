import { IntegrationError } from '../../src/core/errors.js';

/** The IntegrationError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof IntegrationError)) throw new Error(`expected an IntegrationError, got ${String(err)}`);
  return err;
}
