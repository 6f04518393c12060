import { type Client, errors } from '@elastic/elasticsearch';
import type { Logger } from '../../src/core/logger';
import { lastById } from '../writes/catalogBatchRows';
import type { CatalogBatch } from '../writes/catalogWrite';
import type { Projection } from '../writes/Projection';
import type { StorePolicy } from '../shared/StorePolicy';
import { workDocumentLookups } from './workDocumentLookups';
import { toWorkDocument, WORK_INDEX_MAPPINGS, WORK_INDEX_SETTINGS } from './workIndexMapping';

/** A bulk request in which some documents were refused; names the first failure. */
export class ElasticBulkError extends Error {
  constructor(
    message: string,
    /** HTTP status of the first failed item (429 = the node's queue was full: transient). */
    readonly statusCode: number,
    readonly failed: number,
    /** Elasticsearch's error type of that item (`es_rejected_execution_exception`, `already_closed_exception`, …). */
    readonly errorType?: string,
  ) {
    super(message);
    this.name = 'ElasticBulkError';
  }
}

/**
 * Projects the catalog's works into the Elasticsearch works index. `apply` bulk-indexes each work of the
 * batch as one document whose `_id` is the work id, so applying a batch again replaces the same documents
 * (no duplicates). Bulk requests wait for the next refresh (`refresh: wait_for`, ≤ 1 s): once `apply` or
 * `remove` has returned, searches see the change — which is what a mutation's `sync` report promises. Authors, sources… are not indexed: search reads only works. The client is shared with
 * ElasticSearchIndex and closed by whoever created it (`openElasticsearch`), not by `close()`.
 */
export class ElasticProjection implements Projection {
  readonly store = 'elasticsearch' as const;

  constructor(
    private readonly client: Client,
    private readonly policy: StorePolicy,
    readonly index: string,
    private readonly logger?: Logger,
  ) {}

  /**
   * Creates the index with its explicit mapping if it does not exist; idempotent, and safe when racing another
   * replica. An existing index gets the mapping's fields it lacks (adding fields is the one change a mapping takes
   * in place), so documents of the current shape are accepted; its older documents gain them when reindexed.
   */
  async ensureSchema(): Promise<void> {
    const exists = await this.policy.execute('index.exists', (signal) => this.client.indices.exists({ index: this.index }, { signal }));
    if (exists) {
      await this.policy.execute('index.putMapping', (signal) =>
        this.client.indices.putMapping({ index: this.index, properties: WORK_INDEX_MAPPINGS.properties ?? {} }, { signal }),
      );
      return;
    }
    try {
      await this.policy.execute('index.create', (signal) =>
        this.client.indices.create({ index: this.index, settings: WORK_INDEX_SETTINGS, mappings: WORK_INDEX_MAPPINGS }, { signal }),
      );
      this.logger?.info({ store: this.store, index: this.index }, 'elasticsearch works index created');
    } catch (err) {
      if (err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception') return;
      throw err;
    }
  }

  async apply(batch: CatalogBatch): Promise<void> {
    // The last version of a work in the batch wins, as in the catalog writer.
    const works = lastById(batch.works);
    if (works.length === 0) return;
    const lookups = workDocumentLookups(batch);
    const operations = works.flatMap((w) => [{ index: { _index: this.index, _id: w.id } }, toWorkDocument(w, lookups)]);
    const res = await this.policy.execute('index.bulk', async (signal) => {
      const response = await this.client.bulk({ operations, refresh: 'wait_for' }, { signal });
      if (response.errors) throw bulkError(response.items);
      return response;
    });
    this.logger?.debug({ store: this.store, index: this.index, works: res.items.length }, 'works indexed');
  }

  async remove(workIds: readonly string[]): Promise<void> {
    if (workIds.length === 0) return;
    // Deleting a document that is not there answers `not_found` without an error: removal is idempotent.
    const operations = workIds.map((id) => ({ delete: { _index: this.index, _id: id } }));
    await this.policy.execute('index.bulkDelete', async (signal) => {
      const response = await this.client.bulk({ operations, refresh: 'wait_for' }, { signal });
      if (response.errors) throw bulkError(response.items);
    });
  }

  /** Deletes the index and creates it again, empty, with the current mapping. */
  async reset(): Promise<void> {
    await this.policy.execute('index.delete', (signal) => this.client.indices.delete({ index: this.index, ignore_unavailable: true }, { signal }));
    await this.ensureSchema();
  }

  /** Makes everything applied so far searchable now (tests; the index otherwise refreshes every second). */
  async refresh(): Promise<void> {
    await this.policy.execute('index.refresh', (signal) => this.client.indices.refresh({ index: this.index }, { signal }));
  }

  /** The client belongs to `openElasticsearch`'s caller; nothing to release here. */
  async close(): Promise<void> {}
}

function bulkError(items: Awaited<ReturnType<Client['bulk']>>['items']): ElasticBulkError {
  const failures = items.flatMap((item) => Object.values(item).filter((r) => r?.error !== undefined));
  const first = failures[0];
  const reason = first?.error ? `${first.error.type}: ${first.error.reason ?? ''}` : 'unknown reason';
  return new ElasticBulkError(`elasticsearch refused ${failures.length} document(s); first (${first?._id ?? '?'}): ${reason}`, first?.status ?? 0, failures.length, first?.error?.type);
}
