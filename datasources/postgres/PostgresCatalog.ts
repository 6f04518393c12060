import type { Cache } from '../cache/Cache';
import { cachedBatch } from '../cache/cachedBatch';
import type { CatalogReader } from '../CatalogReader';
import { alignByKey, groupByKey } from '../shared/alignByKey';
import type { StorePolicy } from '../shared/StorePolicy';
import type {
  AuthorFilter,
  AuthorRecord,
  AuthorshipRecord,
  AuthorSortKey,
  InstitutionRecord,
  Page,
  PageRequest,
  SourceRecord,
  TopicRecord,
  WorkFilter,
  WorkRecord,
  WorkSortKey,
  WorkTopicRecord,
} from '../types';
import {
  type AuthorRow,
  type AuthorshipRow,
  type InstitutionRow,
  type SourceRow,
  type TopicRow,
  toAuthor,
  toAuthorship,
  toInstitution,
  toSource,
  toTopic,
  toWork,
  toWorkTopic,
  type WorkRow,
  type WorkTopicRow,
} from './rows';
import { AUTHOR_COLUMNS, authorFilterSql, authorOrder } from './sql/authorSql';
import { afterCursorSql, decodeCursor, encodeCursor, keyColumnsSql, type KeysetOrder, orderBySql } from './sql/keyset';
import { SqlParams } from './sql/SqlParams';
import { WORK_COLUMNS, workFilterSql, workOrder } from './sql/workSql';
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
  ) {}

  getWorksByIds(ids: readonly string[]): Promise<(WorkRecord | null)[]> {
    return cachedBatch(this.cache, 'work', CATALOG_TTL.work, ids, async (missing) =>
      alignByKey(missing, (await this.rows<WorkRow>('works.byId', `SELECT ${WORK_COLUMNS} FROM works w WHERE w.id = ANY($1::text[])`, [missing])).map(toWork), (w) => w.id),
    );
  }

  getAuthorsByIds(ids: readonly string[]): Promise<(AuthorRecord | null)[]> {
    return cachedBatch(this.cache, 'author', CATALOG_TTL.author, ids, async (missing) =>
      alignByKey(missing, (await this.rows<AuthorRow>('authors.byId', `SELECT ${AUTHOR_COLUMNS} FROM authors au WHERE au.id = ANY($1::text[])`, [missing])).map(toAuthor), (a) => a.id),
    );
  }

  async getAuthorshipsByWorkIds(workIds: readonly string[]): Promise<AuthorshipRecord[][]> {
    const lists = await cachedBatch(this.cache, 'authorships', CATALOG_TTL.authorships, workIds, async (missing) => {
      const rows = await this.rows<AuthorshipRow>(
        'authorships.byWorkId',
        'SELECT work_id, position, author_position, author_id, raw_author_name, institution_ids FROM authorships WHERE work_id = ANY($1::text[]) ORDER BY work_id, position',
        [missing],
      );
      return groupByKey(missing, rows.map(toAuthorship), (a) => a.workId);
    });
    return lists.map((list) => list ?? []);
  }

  async getWorkTopicsByWorkIds(workIds: readonly string[]): Promise<WorkTopicRecord[][]> {
    const lists = await cachedBatch(this.cache, 'workTopics', CATALOG_TTL.workTopics, workIds, async (missing) => {
      const rows = await this.rows<WorkTopicRow>(
        'workTopics.byWorkId',
        'SELECT work_id, topic_id, score FROM work_topics WHERE work_id = ANY($1::text[]) ORDER BY work_id, score DESC, topic_id',
        [missing],
      );
      return groupByKey(missing, rows.map(toWorkTopic), (t) => t.workId);
    });
    return lists.map((list) => list ?? []);
  }

  getTopicsByIds(ids: readonly string[]): Promise<(TopicRecord | null)[]> {
    return cachedBatch(this.cache, 'topic', CATALOG_TTL.topic, ids, async (missing) =>
      alignByKey(missing, (await this.rows<TopicRow>('topics.byId', 'SELECT id, display_name, subfield, field, domain FROM topics WHERE id = ANY($1::text[])', [missing])).map(toTopic), (t) => t.id),
    );
  }

  getSourcesByIds(ids: readonly string[]): Promise<(SourceRecord | null)[]> {
    return cachedBatch(this.cache, 'source', CATALOG_TTL.source, ids, async (missing) =>
      alignByKey(
        missing,
        (await this.rows<SourceRow>('sources.byId', 'SELECT id, display_name, issn_l, type, host_organization_name FROM sources WHERE id = ANY($1::text[])', [missing])).map(toSource),
        (s) => s.id,
      ),
    );
  }

  getInstitutionsByIds(ids: readonly string[]): Promise<(InstitutionRecord | null)[]> {
    return cachedBatch(this.cache, 'institution', CATALOG_TTL.institution, ids, async (missing) =>
      alignByKey(
        missing,
        (await this.rows<InstitutionRow>('institutions.byId', 'SELECT id, display_name, ror, country_code, type FROM institutions WHERE id = ANY($1::text[])', [missing])).map(toInstitution),
        (i) => i.id,
      ),
    );
  }

  async findWorks(request: PageRequest<WorkFilter, WorkSortKey>): Promise<Page<WorkRecord>> {
    const order = workOrder(request.sort);
    const params = new SqlParams();
    const where = [workFilterSql(request.filter, params)];
    if (request.after !== undefined) where.push(afterCursorSql(order, decodeCursor(order, request.after), params));
    const sql = `SELECT ${WORK_COLUMNS}, ${keyColumnsSql(order)} FROM works w WHERE ${where.join(' AND ')}
      ORDER BY ${orderBySql(order)} LIMIT ${params.add(request.first + 1, 'integer')}`;
    const rows = await this.rows<WorkRow>('works.find', sql, params.values);
    return this.page(rows, request.first, order, toWork, () => this.countWorks(request.filter));
  }

  async findAuthors(request: PageRequest<AuthorFilter, AuthorSortKey>): Promise<Page<AuthorRecord>> {
    const order = authorOrder(request.sort);
    const params = new SqlParams();
    const where = [authorFilterSql(request.filter, params)];
    if (request.after !== undefined) where.push(afterCursorSql(order, decodeCursor(order, request.after), params));
    const sql = `SELECT ${AUTHOR_COLUMNS}, ${keyColumnsSql(order)} FROM authors au WHERE ${where.join(' AND ')}
      ORDER BY ${orderBySql(order)} LIMIT ${params.add(request.first + 1, 'integer')}`;
    const rows = await this.rows<AuthorRow>('authors.find', sql, params.values);
    return this.page(rows, request.first, order, toAuthor, async () => {
      const countParams = new SqlParams();
      const [row] = await this.rows<{ n: number }>(
        'authors.count',
        `SELECT count(*)::integer AS n FROM authors au WHERE ${authorFilterSql(request.filter, countParams)}`,
        countParams.values,
      );
      return row?.n ?? 0;
    });
  }

  async findWorksByAuthors(authorIds: readonly string[], request: PageRequest<never, WorkSortKey>): Promise<Page<WorkRecord>[]> {
    const order = workOrder(request.sort);
    const params = new SqlParams();
    const ids = params.add(authorIds, 'text[]');
    const keyset = request.after === undefined ? 'TRUE' : afterCursorSql(order, decodeCursor(order, request.after), params);
    // One statement for every author: rank each author's works and keep first + 1 of each.
    const sql = `SELECT * FROM (
        SELECT ${WORK_COLUMNS}, ${keyColumnsSql(order)}, a.author_id AS _author,
          row_number() OVER (PARTITION BY a.author_id ORDER BY ${orderBySql(order)}) AS _rank
        FROM works w JOIN (SELECT DISTINCT work_id, author_id FROM authorships WHERE author_id = ANY(${ids})) a ON a.work_id = w.id
        WHERE ${keyset}
      ) ranked WHERE _rank <= ${params.add(request.first + 1, 'integer')} ORDER BY _author, _rank`;
    const rows = await this.rows<WorkRow & { _author: string }>('works.byAuthors', sql, params.values);
    const counts = new Map<string, Promise<number>>();
    return groupByKey(authorIds, rows, (r) => r._author).map((group, i) =>
      this.page(group, request.first, order, toWork, () => {
        const id = authorIds[i] as string;
        if (!counts.has(id)) counts.set(id, this.countWorksByAuthors([id]).then((c) => c[0] ?? 0));
        return counts.get(id) as Promise<number>;
      }),
    );
  }

  async countWorksByAuthors(authorIds: readonly string[]): Promise<number[]> {
    const rows = await this.rows<{ author_id: string; n: number }>(
      'works.countByAuthors',
      'SELECT author_id, count(DISTINCT work_id)::integer AS n FROM authorships WHERE author_id = ANY($1::text[]) GROUP BY author_id',
      [authorIds],
    );
    return alignByKey(authorIds, rows, (r) => r.author_id).map((r) => r?.n ?? 0);
  }

  private async countWorks(filter: WorkFilter | undefined): Promise<number> {
    const params = new SqlParams();
    const [row] = await this.rows<{ n: number }>('works.count', `SELECT count(*)::integer AS n FROM works w WHERE ${workFilterSql(filter, params)}`, params.values);
    return row?.n ?? 0;
  }

  private page<Row extends object, T>(rows: readonly Row[], first: number, order: KeysetOrder, map: (row: Row) => T, count: () => Promise<number>): Page<T> {
    let total: Promise<number> | undefined;
    return {
      edges: rows.slice(0, first).map((row) => ({ cursor: encodeCursor(order, row as Record<string, unknown>), node: map(row) })),
      hasNextPage: rows.length > first,
      totalCount: () => (total ??= count()),
    };
  }

  private rows<Row extends object>(operation: string, sql: string, params: readonly SqlParam[]): Promise<Row[]> {
    return this.policy.execute(operation, () => this.db.query<Row>(sql, params));
  }
}
