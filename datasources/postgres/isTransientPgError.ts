import { isTransientNetworkError } from '../shared/isTransientNetworkError';

/**
 * SQLSTATEs worth retrying: connection exceptions (class 08), shutdown/unavailable (57P01-57P03),
 * too many connections, serialization failures and deadlocks. Anything else (syntax, constraint
 * violations, bad input) fails the same way on every attempt.
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[1-3]|53300|40001|40P01)$/;

/** True when a PostgreSQL error may succeed on retry. */
export function isTransientPgError(err: unknown): boolean {
  if (isTransientNetworkError(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_SQLSTATE.test(code)) return true;
  return err instanceof Error && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(err.message);
}
