import type { CatalogBatch } from '../../datasources/writes/catalogWrite';
import type { Projection } from '../../datasources/writes/Projection';

/** Batches a projection may have waiting (beside the one it applies) before `push` waits for it. */
export const PIPELINE_QUEUE_DEPTH = 4;

/** One projection's queue and the loop applying it, batch after batch, in the order pushed. */
class Pipeline {
  private readonly queue: CatalogBatch[] = [];
  private running: Promise<void> | undefined;
  private room: (() => void)[] = [];
  failure: unknown;

  constructor(
    readonly projection: Projection,
    private readonly depth: number,
  ) {}

  get full(): boolean {
    return this.queue.length >= this.depth;
  }

  /** Resolves once the queue has room (or the pipeline failed). */
  whenRoom(): Promise<void> {
    if (!this.full || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.room.push(resolve));
  }

  enqueue(batch: CatalogBatch): void {
    this.queue.push(batch);
    this.running ??= this.run();
  }

  /** Resolves when every batch queued so far is applied (or the pipeline failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    try {
      for (let batch = this.queue.shift(); batch !== undefined && this.failure === undefined; batch = this.queue.shift()) {
        this.wake();
        try {
          await this.projection.apply(batch, 'bulk');
        } catch (err) {
          this.failure = err;
          this.queue.length = 0;
        }
      }
    } finally {
      this.running = undefined;
      this.wake();
    }
  }

  private wake(): void {
    const waiting = this.room;
    this.room = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * The projections of a bulk load (the seed), each fed by its own bounded queue and applied by its own loop, so that
 * Neo4j, InfluxDB and Elasticsearch write at the same time — and while the catalog writes the next batch — instead of
 * one after another. Every projection gets every batch, in the order pushed. Backpressure: `push` waits while any
 * projection already has PIPELINE_QUEUE_DEPTH batches waiting, so memory is bounded by the slowest store, not by the
 * input. The first failure of a projection stops its loop; `push` and `finish` then throw it (the others are let
 * finish what they hold, so nothing is left running).
 */
export class ProjectionPipelines {
  private readonly pipelines: Pipeline[];

  constructor(projections: readonly Projection[], depth = PIPELINE_QUEUE_DEPTH) {
    this.pipelines = projections.map((p) => new Pipeline(p, depth));
  }

  /** Queues `batch` for every projection, once each has room; throws the first failure of any projection. */
  async push(batch: CatalogBatch): Promise<void> {
    this.throwIfFailed();
    for (const pipeline of this.pipelines) await pipeline.whenRoom();
    this.throwIfFailed();
    for (const pipeline of this.pipelines) pipeline.enqueue(batch);
  }

  /** Waits until every queued batch is applied, then completes each projection's bulk work (all at once). */
  async finish(): Promise<void> {
    await this.settle();
    this.throwIfFailed();
    await Promise.all(this.pipelines.map((p) => p.projection.completeBulk?.()));
  }

  /** Waits until no projection is applying anything (after a failure elsewhere too); never throws. */
  async settle(): Promise<void> {
    await Promise.all(this.pipelines.map((p) => p.idle()));
  }

  private throwIfFailed(): void {
    const failed = this.pipelines.find((p) => p.failure !== undefined);
    if (failed) throw failed.failure;
  }
}
