import { setTimeout as delay } from 'node:timers/promises';
import { type Client, errors, type estypes } from '@elastic/elasticsearch';
import type { Logger } from '../../src/core/logger';
import { lastById } from '../writes/catalogBatchRows';
import type { CatalogBatch, CatalogEntities } from '../writes/catalogWrite';
import type { ApplyMode, Projection, ProjectionRebuild } from '../writes/Projection';
import type { StorePolicy } from '../shared/StorePolicy';
import { workDocumentLookups } from './workDocumentLookups';
import { foldAuthors, foldInstitutions, foldSources } from '../postgres/sql/foldCatalogRows';
import { authorSuggestion, entitySuggestion, storedAuthorSighting, type SuggestionDocument, SUGGESTION_INDEX_MAPPINGS, SUGGESTION_INDEX_SETTINGS, suggestionIndexOf } from './suggestionIndexMapping';
import { toWorkDocument, WORK_INDEX_MAPPINGS, WORK_INDEX_SETTINGS } from './workIndexMapping';
import { type AliasState, aliasState, familyPatterns, generationIndex, type IndexListing, isServing, nextGeneration, swapActions } from './indexGenerations';

export interface ElasticProjectionOptions {
  /**
   * Writes to a rebuild's new generation rather than the aliases: `index` and this suggestion index are concrete,
   * and bulk requests do not wait for a refresh (there is none until the rebuild is published).
   */
  readonly rebuildTarget?: { readonly suggestionIndex: string };
  /**
   * How long a replaced generation is kept after the swap before it is deleted, so that searches which resolved the
   * alias just before it finish on it (default 5 s).
   */
  readonly retireAfterMs?: number;
}

const RETIRE_AFTER_MS = 5_000;

/** The two names a projection serves, with the settings and mapping each index is created with. */
interface Family {
  readonly name: string;
  readonly settings: estypes.IndicesIndexSettings;
  readonly mappings: estypes.MappingTypeMapping;
  readonly created: string;
}

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
 *
 * `index` and the suggestion index are aliases, each over one concrete generation `<name>_v<N>`
 * (indexGenerations.ts); reads and live writes go through the aliases. `startRebuild` writes a new generation and
 * swaps both aliases at once (README, "Rebuilding the projections"). An index of the configured name itself, created
 * by a version before aliases, is served as it is until the first rebuild replaces it.
 */
export class ElasticProjection implements Projection {
  readonly store = 'elasticsearch' as const;

  /** The index of entity suggestions beside the works index (the alias `<index>_suggestions`, or a rebuild's generation). */
  readonly suggestionIndex: string;
  /** Live writes wait for the next refresh; a rebuild's bulk load into an index that does not refresh cannot. */
  private readonly bulkRefresh: 'wait_for' | false;

  constructor(
    private readonly client: Client,
    private readonly policy: StorePolicy,
    readonly index: string,
    private readonly logger?: Logger,
    private readonly options: ElasticProjectionOptions = {},
  ) {
    this.suggestionIndex = options.rebuildTarget?.suggestionIndex ?? suggestionIndexOf(index);
    this.bulkRefresh = options.rebuildTarget === undefined ? 'wait_for' : false;
  }

  private get families(): readonly Family[] {
    return [
      { name: this.index, settings: WORK_INDEX_SETTINGS, mappings: WORK_INDEX_MAPPINGS, created: 'elasticsearch works index created' },
      { name: this.suggestionIndex, settings: SUGGESTION_INDEX_SETTINGS, mappings: SUGGESTION_INDEX_MAPPINGS, created: 'elasticsearch suggestion index created' },
    ];
  }

  /**
   * Makes both names answer: a name that neither an alias nor a (legacy) index holds gets a new generation with its
   * explicit mapping and the alias, in one create request; idempotent, and safe when racing another replica (the
   * loser's create finds the generation made, alias and all). A name already served gets the mapping's fields it
   * lacks (adding fields is the one change a mapping takes in place), so documents of the current shape are
   * accepted; its older documents gain them when reindexed.
   */
  async ensureSchema(): Promise<void> {
    const states = await this.aliasStates();
    const generation = nextGeneration(states);
    for (const [i, family] of this.families.entries()) {
      const state = states[i] as AliasState;
      if (isServing(state)) {
        await this.policy.execute('index.putMapping', (signal) => this.client.indices.putMapping({ index: family.name, properties: family.mappings.properties ?? {} }, { signal }));
        continue;
      }
      const index = generationIndex(family.name, generation);
      try {
        await this.policy.execute('index.create', (signal) =>
          this.client.indices.create({ index, settings: family.settings, mappings: family.mappings, aliases: { [family.name]: {} } }, { signal }),
        );
        this.logger?.info({ store: this.store, index, alias: family.name }, family.created);
      } catch (err) {
        if (err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception') continue;
        throw err;
      }
    }
  }

  /** What holds each of the two names now (works, then suggestions), from one listing of their families. */
  private async aliasStates(): Promise<AliasState[]> {
    const names = this.families.map((f) => f.name);
    const res = await this.policy.execute('index.list', (signal) =>
      this.client.indices.get({ index: names.flatMap(familyPatterns), ignore_unavailable: true, allow_no_indices: true, features: 'aliases' }, { signal }),
    );
    const listing: IndexListing[] = Object.entries(res ?? {}).map(([index, state]) => ({ index, aliases: Object.keys(state?.aliases ?? {}) }));
    return names.map((name) => aliasState(name, listing));
  }

  /**
   * Starts a rebuild into a new generation: deletes the leftovers of earlier rebuilds (generations no alias points
   * at), creates generation N+1 of both indices with the current mapping, no replicas and no refresh during the
   * load, and answers a projection writing to them. `publish` restores the settings, refreshes, points both aliases
   * at the new generation in one `_aliases` call (deleting a legacy index of the name in it) and deletes the
   * formerly live generation `retireAfterMs` later. Meanwhile reads and live writes go to the aliases, the old
   * generation. One rebuild at a time: a second one would delete the first's generation as a leftover.
   */
  async startRebuild(): Promise<ProjectionRebuild> {
    const before = await this.aliasStates();
    const leftovers = before.flatMap((s) => s.leftovers);
    if (leftovers.length > 0) {
      await this.policy.execute('index.delete', (signal) => this.client.indices.delete({ index: leftovers, ignore_unavailable: true }, { signal }));
      this.logger?.warn({ store: this.store, indices: leftovers }, 'elasticsearch: deleted the indices of an unfinished rebuild');
    }
    const generation = nextGeneration(before);
    const fresh = this.families.map((f) => generationIndex(f.name, generation));
    for (const [i, family] of this.families.entries()) {
      const index = fresh[i] as string;
      const settings = { ...family.settings, number_of_replicas: 0, refresh_interval: '-1' };
      await this.policy.execute('index.create', (signal) => this.client.indices.create({ index, settings, mappings: family.mappings }, { signal }));
    }
    const target = new ElasticProjection(this.client, this.policy, fresh[0] as string, this.logger, { rebuildTarget: { suggestionIndex: fresh[1] as string } });
    return { target, separate: true, publish: () => this.publish(fresh) };
  }

  /** Makes the generation `fresh` (works, suggestions) the one behind the aliases; see `startRebuild`. */
  private async publish(fresh: readonly string[]): Promise<void> {
    for (const [i, family] of this.families.entries()) {
      const index = fresh[i] as string;
      // `null` restores the default refresh interval (1 s, skipped while a shard is search-idle) as the live
      // generation was created; the client's types lack the null the API takes.
      const settings = { index: { refresh_interval: null, number_of_replicas: family.settings.number_of_replicas ?? 0 } } as unknown as estypes.IndicesIndexSettings;
      await this.policy.execute('index.putSettings', (signal) => this.client.indices.putSettings({ index, settings }, { signal }));
    }
    await this.policy.execute('index.refresh', (signal) => this.client.indices.refresh({ index: [...fresh] }, { signal }));
    const states = await this.aliasStates();
    const actions = states.flatMap((state, i) => swapActions(state, fresh[i] as string));
    await this.policy.execute('index.swapAliases', (signal) => this.client.indices.updateAliases({ actions }, { signal }));
    const old = states.flatMap((s) => s.live.filter((index) => !fresh.includes(index)));
    this.logger?.info({ store: this.store, indices: fresh, replaced: [...old, ...states.filter((s) => s.legacy).map((s) => s.name)] }, 'elasticsearch: rebuilt generation published');
    // A legacy index went in the swap itself (remove_index): a search in flight on it fails as unavailable, and the
    // policy retries it through the alias. A replaced generation can wait for the searches that resolved the alias
    // just before the swap.
    if (old.length === 0) return;
    await delay(this.options.retireAfterMs ?? RETIRE_AFTER_MS);
    await this.policy.execute('index.delete', (signal) => this.client.indices.delete({ index: old, ignore_unavailable: true }, { signal }));
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
      const response = await this.client.bulk({ operations, refresh: mode === 'live' ? this.bulkRefresh : false }, { signal });
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
    const authors = foldAuthors(batch.authors);
    const stored = authors.length === 0 ? new Map<string, SuggestionDocument>() : await this.storedAuthors(authors.map((a) => a.id));
    return [
      ...lastById(batch.topics).flatMap((t) => this.put(entitySuggestion('topic', t))),
      ...foldInstitutions(batch.institutions).flatMap((i) => this.put(entitySuggestion('institution', i))),
      ...foldSources(batch.sources).flatMap((s) => this.put(entitySuggestion('source', s))),
      ...authors.flatMap((a) => {
        const doc = stored.get(a.id);
        return this.put(authorSuggestion(doc === undefined ? a : (foldAuthors([storedAuthorSighting(doc), a])[0] as typeof a)));
      }),
    ];
  }

  /** The bulk operation (action and document) writing one suggestion document. */
  private put(doc: SuggestionDocument): object[] {
    return [{ index: { _index: this.suggestionIndex, _id: doc.id } }, doc];
  }

  /**
   * Writes the suggestion documents of entity rows read from the catalog (a rebuild pages through every entity
   * table: README, "Rebuilding the projections"), with the document builders `apply` uses. A row is what the
   * catalog's merge rules made of every sighting, so it replaces the stored document rather than folding with it —
   * the document the seed's folding of those sightings gave. A bulk load: no wait for a refresh (`completeBulk`).
   */
  async applyEntityRows(entities: CatalogEntities): Promise<void> {
    const operations = [
      ...entities.topics.flatMap((t) => this.put(entitySuggestion('topic', t))),
      ...entities.institutions.flatMap((i) => this.put(entitySuggestion('institution', i))),
      ...entities.sources.flatMap((s) => this.put(entitySuggestion('source', s))),
      ...entities.authors.flatMap((a) => this.put(authorSuggestion(a))),
    ];
    if (operations.length === 0) return;
    await this.policy.execute('index.bulk', async (signal) => {
      const response = await this.client.bulk({ operations, refresh: false }, { signal });
      if (response.errors) throw bulkError(response.items);
    });
    this.logger?.debug({ store: this.store, index: this.suggestionIndex, documents: operations.length / 2 }, 'entity suggestions indexed');
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
      const response = await this.client.bulk({ operations, refresh: this.bulkRefresh }, { signal });
      if (response.errors) throw bulkError(response.items);
    });
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
