/** A store's circuit breaker as health reports and metrics show it. */
export type BreakerState = 'closed' | 'half-open' | 'open';
