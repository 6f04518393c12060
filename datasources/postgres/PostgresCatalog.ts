import type { Cache } from '../cache/Cache';
import type { CachedListTotals } from '../cache/CachedListTotals';
import { workSampleSql } from './sql/workSampleSql';
import { cachedBatch } from '../cache/cachedBatch';
import type { HotEntities } from '../cache/HotEntities';
import type { CatalogReader } from '../CatalogReader';
import { alignByKey, groupByKey } from '../shared/alignByKey';
import type { StorePolicy } from '../shared/StorePolicy';
import type {
  AuthorFilter,
  AuthorRecord,
  AuthorshipRecord,
  AuthorSortKey,
  EntitySortKey,
  InstitutionFilter,
  InstitutionRecord,
  Page,
  PageRequest,
  RankedRecord,
  SourceFilter,
  SourceRecord,
  TopicFilter,
  TopicRecord,
  WorkFilter,
  WorkOwnerKind,
  WorkRecord,
  WorkSummary,
  WorkSortKey,
  WorkTopicRecord,
} from '../types';
import {
  type AuthorRow,
  type InstitutionRow,
  type SourceRow,
  type TopicRow,
  toAuthor,
  toAuthorship,
  toInstitution,
  toSource,
  toTopic,
  toWork,
  toWorkSummary,
  toWorkTopic,
  type WorkRow,
  type WorkSummaryRow,
} from './rows';
import { AUTHOR_COLUMNS, authorFilterSql, authorOrder } from './sql/authorSql';
import { ENTITY_COLUMNS, ENTITY_TABLE, entityFilterSql, type EntityFilters, entityOrder, type ListedEntity } from './sql/entitySql';
import { afterCursorSql, decodeCursor, encodeCursor, keyColumnsSql, type KeysetOrder, orderBySql } from './sql/keyset';
import { authorTopicsSql, ownedAuthorsSql, ownedWorksSql, rankedSql } from './sql/ownedWorksSql';
import { SqlParams } from './sql/SqlParams';
import { WORK_COLUMNS, WORK_SUMMARY_COLUMNS, workFilterSql, workOrder } from './sql/workSql';
import type { SqlExecutor, SqlParam } from './SqlExecutor';

/** Cache lifetimes per entity, in seconds: catalog rows change rarely; mutations invalidate what they touch. */
export const CATALOG_TTL = { work: 600, author: 600, authorships: 600, workTopics: 600, topic: 3600, source: 3600, institution: 3600 } as const;

/**
 * The catalog in PostgreSQL (or PGlite). By-id reads go through the cross-request cache; every statement
 * runs under the store's cockatiel policy.
 */
export class PostgresCatalog implements CatalogReader {
  constructor(
    private readonly db: Pick<SqlExecutor, 'query'>,
    private readonly cache: Cache,
    private readonly policy: StorePolicy,
    private readonly totals: CachedListTotals,
    private readonly hot?: HotEntities,
  ) {}

  getWorksByIds(ids: readonly string[]): Promise<(WorkRecord | null)[]> {
    return cachedBatch(this.cache, 'work', CATALOG_TTL.work, ids, async (missing) =>
      alignByKey(missing, (await this.rows<WorkRow>('works.byId', `SELECT ${WORK_COLUMNS} FROM works w WHERE w.id = ANY($1::text[])`, [missing])).map(toWork), (w) => w.id),
      this.hot,
    );
  }

  getAuthorsByIds(ids: readonly string[]): Promise<(AuthorRecord | null)[]> {
    return cachedBatch(this.cache, 'author', CATALOG_TTL.author, ids, async (missing) =>
      alignByKey(missing, (await this.rows<AuthorRow>('authors.byId', `SELECT ${AUTHOR_COLUMNS} FROM authors au WHERE au.id = ANY($1::text[])`, [missing])).map(toAuthor), (a) => a.id),
      this.hot,
    );
  }

  getAuthorshipsByWorkIds(workIds: readonly string[]): Promise<AuthorshipRecord[][]> {
    return this.listsByWorkId(
      'authorships',
      workIds,
      'SELECT work_id, position, author_position, author_id, raw_author_name, institution_ids FROM authorships WHERE work_id = ANY($1::text[]) ORDER BY work_id, position',
      toAuthorship,
    );
  }

  getWorkTopicsByWorkIds(workIds: readonly string[]): Promise<WorkTopicRecord[][]> {
    return this.listsByWorkId(
      'workTopics',
      workIds,
      'SELECT work_id, topic_id, score FROM work_topics WHERE work_id = ANY($1::text[]) ORDER BY work_id, score DESC, topic_id',
      toWorkTopic,
    );
  }

  getTopicsByIds(ids: readonly string[]): Promise<(TopicRecord | null)[]> {
    return cachedBatch(this.cache, 'topic', CATALOG_TTL.topic, ids, async (missing) =>
      alignByKey(missing, (await this.rows<TopicRow>('topics.byId', `SELECT ${ENTITY_COLUMNS.topic} FROM topics e WHERE e.id = ANY($1::text[])`, [missing])).map(toTopic), (t) => t.id),
      this.hot,
    );
  }

  getSourcesByIds(ids: readonly string[]): Promise<(SourceRecord | null)[]> {
    return cachedBatch(this.cache, 'source', CATALOG_TTL.source, ids, async (missing) =>
      alignByKey(
        missing,
        (await this.rows<SourceRow>('sources.byId', `SELECT ${ENTITY_COLUMNS.source} FROM sources e WHERE e.id = ANY($1::text[])`, [missing])).map(toSource),
        (s) => s.id,
      ),
      this.hot,
    );
  }

  getInstitutionsByIds(ids: readonly string[]): Promise<(InstitutionRecord | null)[]> {
    return cachedBatch(this.cache, 'institution', CATALOG_TTL.institution, ids, async (missing) =>
      alignByKey(
        missing,
        (await this.rows<InstitutionRow>('institutions.byId', `SELECT ${ENTITY_COLUMNS.institution} FROM institutions e WHERE e.id = ANY($1::text[])`, [missing])).map(toInstitution),
        (i) => i.id,
      ),
      this.hot,
    );
  }

  async findWorks(request: PageRequest<WorkFilter, WorkSortKey>): Promise<Page<WorkSummary>> {
    const order = workOrder(request.sort);
    const params = new SqlParams();
    const where = [workFilterSql(request.filter, params)];
    if (request.after !== undefined) where.push(afterCursorSql(order, decodeCursor(order, request.after), params));
    // The page's ids first (filter, order and limit over the sort keys alone), then the columns of those works only.
    const sql = `SELECT ${WORK_SUMMARY_COLUMNS}, ${keyColumnsSql(order)} FROM (
        SELECT w.id FROM works w WHERE ${where.join(' AND ')} ORDER BY ${orderBySql(order)} LIMIT ${params.add(request.first + 1, 'integer')}
      ) page JOIN works w ON w.id = page.id
      ORDER BY ${orderBySql(order)}`;
    const rows = await this.rows<WorkSummaryRow>('works.find', sql, params.values);
    return this.page(rows, request.first, order, toWorkSummary, () => this.countWorks(request.filter));
  }

  async sampleWorks(size: number, seed: number, filter: WorkFilter | undefined): Promise<WorkRecord[]> {
    const params = new SqlParams();
    const rows = await this.rows<WorkRow>('works.sample', workSampleSql(size, seed, filter, params), params.values);
    return rows.map(toWork);
  }

  async findAuthors(request: PageRequest<AuthorFilter, AuthorSortKey>): Promise<Page<AuthorRecord>> {
    const order = authorOrder(request.sort);
    const params = new SqlParams();
    const where = [authorFilterSql(request.filter, params)];
    if (request.after !== undefined) where.push(afterCursorSql(order, decodeCursor(order, request.after), params));
    const sql = `SELECT ${AUTHOR_COLUMNS}, ${keyColumnsSql(order)} FROM authors au WHERE ${where.join(' AND ')}
      ORDER BY ${orderBySql(order)} LIMIT ${params.add(request.first + 1, 'integer')}`;
    const rows = await this.rows<AuthorRow>('authors.find', sql, params.values);
    return this.page(rows, request.first, order, toAuthor, () => this.totals.total('authors', request.filter, async () => {
      const countParams = new SqlParams();
      const [row] = await this.rows<{ n: number }>(
        'authors.count',
        `SELECT count(*)::integer AS n FROM authors au WHERE ${authorFilterSql(request.filter, countParams)}`,
        countParams.values,
      );
      return row?.n ?? 0;
    }));
  }

  async getWorksByDois(dois: readonly string[]): Promise<(WorkRecord | null)[]> {
    const rows = await this.rows<WorkRow>('works.byDoi', `SELECT ${WORK_COLUMNS} FROM works w WHERE w.doi = ANY($1::text[])`, [unique(dois)]);
    return alignByKey(dois, rows.map(toWork), (w) => w.doi ?? '');
  }

  async getWorksByPmids(pmids: readonly string[]): Promise<(WorkRecord | null)[]> {
    const rows = await this.rows<WorkRow>(
      'works.byPmid',
      `SELECT DISTINCT ON (w.pmid) ${WORK_COLUMNS} FROM works w WHERE w.pmid = ANY($1::text[]) ORDER BY w.pmid, w.id`,
      [unique(pmids)],
    );
    return alignByKey(pmids, rows.map(toWork), (w) => w.pmid ?? '');
  }

  async getAuthorsByOrcids(orcids: readonly string[]): Promise<(AuthorRecord | null)[]> {
    const rows = await this.rows<AuthorRow>(
      'authors.byOrcid',
      `SELECT DISTINCT ON (au.orcid) ${AUTHOR_COLUMNS} FROM authors au WHERE au.orcid = ANY($1::text[])
        ORDER BY au.orcid, COALESCE(au.works_count, -1) DESC, au.id COLLATE "C"`,
      [unique(orcids)],
    );
    return alignByKey(orcids, rows.map(toAuthor), (a) => a.orcid ?? '');
  }

  async getInstitutionsByRors(rors: readonly string[]): Promise<(InstitutionRecord | null)[]> {
    // Stored as OpenAlex gives it (a URL); matched in either form, lowercased (index institutions_ror_idx).
    const forms = unique(rors).flatMap((ror) => [ror, `https://ror.org/${ror}`]);
    const rows = await this.rows<InstitutionRow & { _key: string }>(
      'institutions.byRor',
      `SELECT DISTINCT ON (_key) * FROM (
         SELECT ${ENTITY_COLUMNS.institution}, regexp_replace(lower(e.ror), '^https?://(www\\.)?ror\\.org/', '') AS _key
         FROM institutions e WHERE lower(e.ror) = ANY($1::text[])
       ) found ORDER BY _key, id COLLATE "C"`,
      [forms],
    );
    return alignByKey(rors, rows, (r) => r._key).map((r) => (r === null ? null : toInstitution(r)));
  }

  async getSourcesByIssns(issns: readonly string[]): Promise<(SourceRecord | null)[]> {
    const rows = await this.rows<SourceRow & { _key: string }>(
      'sources.byIssn',
      `SELECT DISTINCT ON (k._key) ${ENTITY_COLUMNS.source}, k._key
       FROM unnest($1::text[]) AS k(_key) JOIN sources e ON e.issn_l = k._key OR e.issns @> ARRAY[k._key]
       ORDER BY k._key, (e.issn_l IS NOT DISTINCT FROM k._key) DESC, e.id COLLATE "C"`,
      [unique(issns)],
    );
    return alignByKey(issns, rows, (r) => r._key).map((r) => (r === null ? null : toSource(r)));
  }

  findTopics(request: PageRequest<TopicFilter, EntitySortKey>): Promise<Page<TopicRecord>> {
    return this.findEntities('topic', request, toTopic);
  }

  findSources(request: PageRequest<SourceFilter, EntitySortKey>): Promise<Page<SourceRecord>> {
    return this.findEntities('source', request, toSource);
  }

  findInstitutions(request: PageRequest<InstitutionFilter, EntitySortKey>): Promise<Page<InstitutionRecord>> {
    return this.findEntities('institution', request, toInstitution);
  }

  async findWorksOf(owner: WorkOwnerKind, ids: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<WorkSummary>[]> {
    const order = workOrder(request.sort);
    const params = new SqlParams();
    const owned = ownedWorksSql(owner, params.add(unique(ids), 'text[]'));
    const keyset = request.after === undefined ? 'TRUE' : afterCursorSql(order, decodeCursor(order, request.after), params);
    // One statement for every owner: rank each owner's works over the sort keys alone and keep first + 1 of each,
    // then read the columns of those works only (an author of thousands of works costs a sort of keys, not of rows).
    // PostgreSQL cannot estimate how few rows the rank keeps; the ids as an array make it read them by primary key.
    const sql = `WITH page AS MATERIALIZED (
        SELECT ranked.id, ranked._owner, ranked._rank FROM (
          SELECT w.id, o.owner AS _owner, row_number() OVER (PARTITION BY o.owner ORDER BY ${orderBySql(order)}) AS _rank
          FROM works w JOIN (${owned}) o ON o.work_id = w.id
          WHERE ${keyset}
        ) ranked WHERE ranked._rank <= ${params.add(request.first + 1, 'integer')}
      )
      SELECT ${WORK_SUMMARY_COLUMNS}, ${keyColumnsSql(order)}, page._owner FROM page JOIN works w ON w.id = page.id
      WHERE w.id = ANY(ARRAY(SELECT page.id FROM page))
      ORDER BY page._owner, page._rank`;
    const rows = await this.rows<WorkSummaryRow & { _owner: string }>(`works.of.${owner}`, sql, params.values);
    // Every page's totalCount is answered by one shared count of all owners, run on first use.
    let totals: Promise<number[]> | undefined;
    return groupByKey(ids, rows, (r) => r._owner).map((group, i) =>
      this.page(group, request.first, order, toWorkSummary, async () => (await (totals ??= this.countWorksOf(owner, ids)))[i] ?? 0),
    );
  }

  /** Cached per owner for the write generation (CachedListTotals): a client paging through an owner's works asks every page. */
  countWorksOf(owner: WorkOwnerKind, ids: readonly string[]): Promise<number[]> {
    return this.totals.totalsOf(`works.of.${owner}`, ids, async (missing) => {
      const rows = await this.rows<{ owner: string; n: number }>(
        `works.countOf.${owner}`,
        `SELECT o.owner, count(*)::integer AS n FROM (${ownedWorksSql(owner, '$1::text[]')}) o GROUP BY o.owner`,
        [unique(missing)],
      );
      return alignByKey(missing, rows, (r) => r.owner).map((r) => r?.n ?? 0);
    });
  }

  topAuthorsOf(owner: Exclude<WorkOwnerKind, 'author'>, ids: readonly string[], first: number): Promise<RankedRecord[][]> {
    return this.ranked(`authors.topOf.${owner}`, ownedAuthorsSql(owner, '$1::text[]'), ids, first);
  }

  topTopicsOfAuthors(authorIds: readonly string[], first: number): Promise<RankedRecord[][]> {
    return this.ranked('topics.topOfAuthors', authorTopicsSql('$1::text[]'), authorIds, first);
  }

  private async ranked(operation: string, triples: string, ids: readonly string[], first: number): Promise<RankedRecord[][]> {
    const rows = await this.rows<{ _key: string; id: string; works: number }>(operation, rankedSql(triples, '$2::integer'), [unique(ids), first]);
    return groupByKey(ids, rows, (r) => r._key).map((group) => group.map((r) => ({ id: r.id, works: r.works })));
  }

  private async findEntities<E extends ListedEntity, Row extends object, T>(
    entity: E,
    request: PageRequest<EntityFilters[E], EntitySortKey>,
    map: (row: Row) => T,
  ): Promise<Page<T>> {
    const order = entityOrder(entity, request.sort);
    const params = new SqlParams();
    const where = [entityFilterSql(entity, request.filter, params)];
    if (request.after !== undefined) where.push(afterCursorSql(order, decodeCursor(order, request.after), params));
    const sql = `SELECT ${ENTITY_COLUMNS[entity]}, ${keyColumnsSql(order)} FROM ${ENTITY_TABLE[entity]} e WHERE ${where.join(' AND ')}
      ORDER BY ${orderBySql(order)} LIMIT ${params.add(request.first + 1, 'integer')}`;
    const rows = await this.rows<Row>(`${entity}s.find`, sql, params.values);
    return this.page(rows, request.first, order, map, () => this.totals.total(`${entity}s`, request.filter, async () => {
      const countParams = new SqlParams();
      const [row] = await this.rows<{ n: number }>(
        `${entity}s.count`,
        `SELECT count(*)::integer AS n FROM ${ENTITY_TABLE[entity]} e WHERE ${entityFilterSql(entity, request.filter, countParams)}`,
        countParams.values,
      );
      return row?.n ?? 0;
    }));
  }

  private countWorks(filter: WorkFilter | undefined): Promise<number> {
    return this.totals.total('works', filter, async () => {
      const params = new SqlParams();
      const [row] = await this.rows<{ n: number }>('works.count', `SELECT count(*)::integer AS n FROM works w WHERE ${workFilterSql(filter, params)}`, params.values);
      return row?.n ?? 0;
    });
  }

  private page<Row extends object, T>(rows: readonly Row[], first: number, order: KeysetOrder, map: (row: Row) => T, count: () => Promise<number>): Page<T> {
    let total: Promise<number> | undefined;
    return {
      edges: rows.slice(0, first).map((row) => ({ cursor: encodeCursor(order, row as Record<string, unknown>), node: map(row) })),
      hasNextPage: rows.length > first,
      totalCount: () => (total ??= count()),
    };
  }

  /** Each work's rows of a child table (its byline, its topics), read through the cache as one list per work. */
  private async listsByWorkId<Row extends object, T extends { readonly workId: string }>(
    entity: 'authorships' | 'workTopics',
    workIds: readonly string[],
    sql: string,
    map: (row: Row) => T,
  ): Promise<T[][]> {
    const lists = await cachedBatch(
      this.cache,
      entity,
      CATALOG_TTL[entity],
      workIds,
      async (missing) => groupByKey(missing, (await this.rows<Row>(`${entity}.byWorkId`, sql, [missing])).map(map), (r) => r.workId),
      this.hot,
    );
    return lists.map((list) => list ?? []);
  }

  private rows<Row extends object>(operation: string, sql: string, params: readonly SqlParam[]): Promise<Row[]> {
    return this.policy.execute(operation, () => this.db.query<Row>(sql, params));
  }
}

/** The distinct keys of a batch (DataLoader de-duplicates within a request; this covers direct callers). */
function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
