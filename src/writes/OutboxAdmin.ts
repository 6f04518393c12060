import type { Outbox, OutboxRecord } from '../../datasources/writes/Outbox';
import type { OutboxStats } from '../core/metrics';

/** What an admin sees of the outbox and may do with it: its counts, its dead letters, requeueing them. */
export class OutboxAdmin {
  constructor(
    private readonly outbox: Outbox,
    /** Asks the relay to deliver now (no-op when this process runs no relay). */
    private readonly wakeRelay: () => void,
  ) {}

  async status(first: number): Promise<OutboxStats & { deadLetters: OutboxRecord[] }> {
    const [stats, deadLetters] = await Promise.all([this.outbox.stats(), this.outbox.deadLetters(first)]);
    return { ...stats, deadLetters };
  }

  /** Puts dead letters (all, or those with `ids`) back in line for delivery; answers how many. */
  async requeueDeadLetters(ids: readonly string[] | undefined): Promise<number> {
    const n = await this.outbox.requeue(ids);
    if (n > 0) this.wakeRelay();
    return n;
  }
}
