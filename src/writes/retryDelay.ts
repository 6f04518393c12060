/**
 * The wait before attempt `attempt` (1-based) of a failed delivery: exponential from `initialMs`, capped at
 * `maxMs`, with "equal jitter" — a random wait in the upper half (AWS Architecture Blog, "Exponential Backoff and Jitter") so
 * that records failing together do not retry together.
 */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
