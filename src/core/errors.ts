/**
 * Errors the core raises on purpose. `code` is stable (tests and metrics use it);
 * `message` is written for the person in Slack or at the terminal and says how to fix the problem.
 */
export type DomainErrorCode =
  | 'BAD_INPUT'
  | 'INCIDENT_NOT_FOUND'
  | 'NOT_AN_INCIDENT_CHANNEL'
  | 'UNKNOWN_SEVERITY'
  | 'UNKNOWN_SERVICE'
  | 'UNKNOWN_ROLE'
  | 'INVALID_TRANSITION'
  | 'FORBIDDEN'
  | 'INTEGRATION_NOT_CONFIGURED'
  | 'INTEGRATION_FAILED'
  | 'CONFLICT';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(err: unknown, code?: DomainErrorCode): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}

/** An integration answered with an error; `retryable` tells the caller whether trying again may help. */
export class IntegrationError extends Error {
  constructor(
    readonly integration: string,
    readonly operation: string,
    readonly reason: string,
    readonly retryable = false,
  ) {
    super(`${integration} ${operation} failed: ${reason}`);
    this.name = 'IntegrationError';
  }
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
