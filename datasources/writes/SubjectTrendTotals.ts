/** A trend subject a projection holds points for: an author or a topic (a work's own trend is read from its row). */
export interface SubjectKey {
  readonly kind: 'author' | 'topic';
  readonly id: string;
}

/** One subject's totals in one year, recomputed from the catalog. */
export interface SubjectYearTotal extends SubjectKey {
  readonly year: number;
  /** Loaded works of the subject published that year. */
  readonly works: number;
  /** Citations received that year by the subject's loaded works (OpenAlex counts_by_year). */
  readonly citations: number;
}

/** One recomputation round: the subjects it took and their totals (a subject with no row has nothing left). */
export interface SubjectTotalsRound {
  readonly subjects: readonly SubjectKey[];
  /** Only years with works or citations; ordered by kind, subject id, year. */
  readonly totals: readonly SubjectYearTotal[];
}

/**
 * The catalog side of a per-subject trend projection (InfluxDB): a queue of subjects whose totals may have
 * changed, and their totals recomputed from the source of truth. Subjects a work loses (a byline or topic
 * rewritten, a work deleted) are queued by the catalog itself in the transaction of the change; a projection
 * queues the subjects of the works it applies.
 */
export interface SubjectTrendTotals {
  /** Queues every author and topic of these works (as the catalog holds them now); idempotent. */
  queueSubjectsOfWorks(workIds: readonly string[]): Promise<void>;
  /**
   * Takes up to `limit` queued subjects (oldest first), recomputes their per-year totals with one set-based
   * statement and hands them to `write`; once `write` resolves, removes the entries it took — an entry queued
   * again meanwhile stays, and nothing is removed when `write` throws. Rounds are serialised across processes
   * (each reads the catalog after the previous one wrote), so a slower round can never overwrite a newer one.
   * Answers how many subjects the round took (0: the queue was empty).
   */
  recomputeQueued(limit: number, write: (round: SubjectTotalsRound) => Promise<void>): Promise<number>;
}
