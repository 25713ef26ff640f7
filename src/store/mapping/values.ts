/** Column value conversions shared by the row mappers. */

/** pg returns int8 as a string (it may exceed 2^53); epoch milliseconds never do. */
export function toNumber(value: number | string | bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new Error(`Expected an integer from the database, got ${String(value)}`);
  return result;
}

export function toDate(value: number | string | bigint): Date {
  return new Date(toNumber(value));
}

export function toDateOrNull(value: number | string | bigint | null): Date | null {
  return value === null ? null : toDate(value);
}

export function toMillisOrNull(value: Date | null): number | null {
  return value === null ? null : value.getTime();
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function parseJson<T>(text: string, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Column ${column} holds invalid JSON`);
  }
}
