/** Drops the nulls (unknown ids) and errors of a `loadMany`. */
export function isRecord<T extends object>(value: T | null | Error): value is T {
  return value !== null && !(value instanceof Error);
}
