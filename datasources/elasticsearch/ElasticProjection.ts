import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import type { Logger } from '../../src/core/logger';
import { lastById } from '../writes/catalogBatchRows';
import type { CatalogBatch } from '../writes/catalogWrite';
import type { ApplyMode, Projection } from '../writes/Projection';
import type { StorePolicy } from '../shared/StorePolicy';
import { workDocumentLookups } from './workDocumentLookups';
import { foldAuthors, foldInstitutions, foldSources } from '../postgres/sql/foldCatalogRows';
import { authorSuggestion, entitySuggestion, storedAuthorSighting, type SuggestionDocument, SUGGESTION_INDEX_MAPPINGS, SUGGESTION_INDEX_SETTINGS, suggestionIndexOf } from './suggestionIndexMapping';
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
 * `remove` has returned, searches see the change — which is what a mutation's `sync` report promises. The batch's
 * authors, topics, institutions and sources go to the suggestion index beside it (`<index>_suggestions`,
 * suggestionIndexMapping.ts), one document per entity, folded by the catalog's own merge rules (foldCatalogRows: the
 * rules PostgreSQL applies, so both stores suggest the same names); the catalog never deletes an entity, so neither
 * does `remove`. The client is shared with
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
    await this.ensureIndex(this.index, WORK_INDEX_SETTINGS, WORK_INDEX_MAPPINGS, 'elasticsearch works index created');
    await this.ensureIndex(this.suggestionIndex, SUGGESTION_INDEX_SETTINGS, SUGGESTION_INDEX_MAPPINGS, 'elasticsearch suggestion index created');
  }

  /** The index of entity suggestions beside the works index. */
  get suggestionIndex(): string {
    return suggestionIndexOf(this.index);
  }

  private async ensureIndex(index: string, settings: estypes.IndicesIndexSettings, mappings: estypes.MappingTypeMapping, created: string): Promise<void> {
    const exists = await this.policy.execute('index.exists', (signal) => this.client.indices.exists({ index }, { signal }));
    if (exists) {
      await this.policy.execute('index.putMapping', (signal) => this.client.indices.putMapping({ index, properties: mappings.properties ?? {} }, { signal }));
      return;
    }
    try {
      await this.policy.execute('index.create', (signal) => this.client.indices.create({ index, settings, mappings }, { signal }));
      this.logger?.info({ store: this.store, index }, created);
    } catch (err) {
      if (err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception') return;
      throw err;
    }
  }

  /**
   * `live` (the relay) answers once the batch is searchable (`refresh: wait_for`, up to the index's 1 s refresh
   * interval); `bulk` (seed, reindex) does not wait — a bulk load would otherwise wait up to a second per batch — and
   * `completeBulk` refreshes once at the end.
   */
  async apply(batch: CatalogBatch, mode: ApplyMode = 'live'): Promise<void> {
    // The last version of a work in the batch wins, as in the catalog writer.
    const works = lastById(batch.works);
    const lookups = workDocumentLookups(batch);
    const operations = [...works.flatMap((w) => [{ index: { _index: this.index, _id: w.id } }, toWorkDocument(w, lookups)]), ...(await this.suggestionOperations(batch))];
    if (operations.length === 0) return;
    const res = await this.policy.execute('index.bulk', async (signal) => {
      const response = await this.client.bulk({ operations, refresh: mode === 'live' ? 'wait_for' : false }, { signal });
      if (response.errors) throw bulkError(response.items);
      return response;
    });
    this.logger?.debug({ store: this.store, index: this.index, works: works.length, documents: res.items.length }, 'works indexed');
  }

  /**
   * Bulk operations writing the batch's entities to the suggestion index. An author is folded with its stored
   * document first (read in one mget): the catalog keeps a counted name over a byline's, which a plain overwrite
   * would lose. Batches are applied one at a time (seed, reindex, the outbox relay), so the read cannot race a write.
   */
  private async suggestionOperations(batch: CatalogBatch): Promise<object[]> {
    const _index = this.suggestionIndex;
    const put = (doc: SuggestionDocument) => [{ index: { _index, _id: doc.id } }, doc];
    const authors = foldAuthors(batch.authors);
    const stored = authors.length === 0 ? new Map<string, SuggestionDocument>() : await this.storedAuthors(authors.map((a) => a.id));
    return [
      ...lastById(batch.topics).flatMap((t) => put(entitySuggestion('topic', t))),
      ...foldInstitutions(batch.institutions).flatMap((i) => put(entitySuggestion('institution', i))),
      ...foldSources(batch.sources).flatMap((s) => put(entitySuggestion('source', s))),
      ...authors.flatMap((a) => {
        const doc = stored.get(a.id);
        return put(authorSuggestion(doc === undefined ? a : (foldAuthors([storedAuthorSighting(doc), a])[0] as typeof a)));
      }),
    ];
  }

  /** The stored author documents of `ids`, by id (a missing one is absent). */
  private async storedAuthors(ids: readonly string[]): Promise<Map<string, SuggestionDocument>> {
    const res = await this.policy.execute('index.mget', (signal) => this.client.mget<SuggestionDocument>({ index: this.suggestionIndex, ids: [...ids] }, { signal }));
    const byId = new Map<string, SuggestionDocument>();
    for (const doc of res.docs) if ('found' in doc && doc.found && doc._source !== undefined) byId.set(doc._id, doc._source);
    return byId;
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
    await this.policy.execute('index.delete', (signal) => this.client.indices.delete({ index: [this.index, this.suggestionIndex], ignore_unavailable: true }, { signal }));
    await this.ensureSchema();
  }

  /** After a bulk load: what it applied becomes searchable now rather than at the next refresh. */
  async completeBulk(): Promise<void> {
    await this.refresh();
  }

  /** Makes everything applied so far searchable now (tests; the index otherwise refreshes every second). */
  async refresh(): Promise<void> {
    await this.policy.execute('index.refresh', (signal) => this.client.indices.refresh({ index: [this.index, this.suggestionIndex] }, { signal }));
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
