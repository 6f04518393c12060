import { ArticleRejectedError, type ArticleProblem, NotAnArticleError, NotFoundError, ReadOnlyWorkError, VersionConflictError } from '../../src/core/errors';
import { toMintedId } from '../../src/core/domain/mintedId';
import type { ArticleChange, ArticleFields, ArticleOperation, ArticlePatch, ArticleWriter, TouchedIds } from '../writes/articleWrite';
import { applyArticlePatch, ARTICLE_TYPE, articleFieldsOf, newAuthorsOf, sameWorkWrite, touchedIds, workWriteOfArticle } from '../writes/articleWorkWrite';
import type { WorkWrite } from '../writes/catalogWrite';
import type { StorePolicy } from '../shared/StorePolicy';
import type { WorkRecord } from '../types';
import { toWork } from './rows';
import type { SqlExecutor } from './SqlExecutor';
import { authorNames, citingWorkIds, deleteWork, existingIds, insertOutboxRecord, lockWork, readWork, workWithDoi } from './sql/articleSql';
import { readCatalogBatch } from './sql/readCatalogBatch';
import { upsertCatalogBatch } from './sql/upsertCatalogBatch';
import type { StoreName } from '../../src/core/StoreName';

type Tx = Pick<SqlExecutor, 'query'>;

/**
 * Article writes in PostgreSQL (see ArticleWriter): each one transaction holding the article's rows and its
 * outbox record. The work row is locked (`FOR UPDATE`) before its version is compared, so of two concurrent
 * updates based on the same version exactly one commits and the other gets CONFLICT. Writes are not retried
 * by the policy's retry (a retried commit could apply twice); the breaker and timeout still apply.
 */
export class PostgresArticleWriter implements ArticleWriter {
  constructor(
    private readonly db: SqlExecutor,
    private readonly policy: StorePolicy,
  ) {}

  create(workId: string, fields: ArticleFields, projectionStores: readonly StoreName[]): Promise<{ work: WorkRecord; change: ArticleChange }> {
    return this.write('article.create', async (tx) => {
      const names = await assertReferencesExist(tx, workId, fields);
      const after = workWriteOfArticle(workId, fields, names);
      await upsertCatalogBatch(tx, { works: [after], authors: newAuthorsOf(fields), institutions: [], sources: [], topics: [] });
      const change = await enqueue(tx, workId, 'create', touchedIds(undefined, after), projectionStores);
      return { work: await readBack(tx, workId), change };
    });
  }

  update(
    workId: string,
    expectedVersion: number,
    patch: ArticlePatch,
    projectionStores: readonly StoreName[],
  ): Promise<{ work: WorkRecord; change: ArticleChange | undefined }> {
    return this.write('article.update', async (tx) => {
      const before = await lockArticle(tx, workId, expectedVersion);
      const names = await assertReferencesExist(tx, workId, patch);
      const fields = applyArticlePatch(articleFieldsOf(before), patch);
      const after = workWriteOfArticle(workId, fields, names, before);
      // A no-op stays one: no new version, no outbox record, no invalidation (new authors are always a change).
      if (newAuthorsOf(fields).length === 0 && sameWorkWrite(before, after)) return { work: await readBack(tx, workId), change: undefined };
      await upsertCatalogBatch(tx, { works: [after], authors: newAuthorsOf(fields), institutions: [], sources: [], topics: [] });
      const change = await enqueue(tx, workId, 'update', touchedIds(before, after), projectionStores);
      return { work: await readBack(tx, workId), change };
    });
  }

  delete(workId: string, expectedVersion: number | undefined, projectionStores: readonly StoreName[]): Promise<{ change: ArticleChange }> {
    return this.write('article.delete', async (tx) => {
      const before = await lockArticle(tx, workId, expectedVersion);
      const citing = await citingWorkIds(tx, workId);
      await deleteWork(tx, workId);
      return { change: await enqueue(tx, workId, 'delete', { ...touchedIds(before, undefined), citingWorkIds: citing }, projectionStores) };
    });
  }

  private write<T>(operation: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.policy.execute(operation, () =>
      this.db.transaction(fn).catch((err: unknown) => {
        // Two creates racing on one DOI: the unique index decides; report it as the input error it is.
        if (isUniqueViolation(err, 'works_doi_key')) throw new ArticleRejectedError([{ kind: 'doiTaken', doi: doiOf(err), holder: undefined }]);
        throw err;
      }),
    );
  }
}

/**
 * Locks the article and checks it exists, was created through the gateway (a minted `WG…` id: works imported from
 * OpenAlex are read-only, as the next import would overwrite a change), is an article and is at the expected
 * version; answers its current catalog row.
 */
async function lockArticle(tx: Tx, workId: string, expectedVersion: number | undefined): Promise<WorkWrite> {
  const row = await lockWork(tx, workId);
  if (!row) throw new NotFoundError('Work', workId);
  if (toMintedId(workId, 'W') === undefined) throw new ReadOnlyWorkError(workId);
  if (row.type !== ARTICLE_TYPE) throw new NotAnArticleError(workId, row.type);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw new VersionConflictError('Work', workId, expectedVersion, row.version);
  const [work] = (await readCatalogBatch(tx, [workId])).works;
  if (!work) throw new NotFoundError('Work', workId);
  return work;
}

/**
 * Every id the fields refer to exists, and the DOI is free; otherwise one ArticleRejectedError naming every problem. Answers
 * the display names of the byline's existing authors (the names the byline prints).
 */
async function assertReferencesExist(tx: Tx, workId: string, fields: ArticlePatch): Promise<Map<string, string>> {
  const problems: ArticleProblem[] = [];
  const report = (kind: 'unknownAuthors' | 'unknownWorks' | 'unknownTopics', ids: readonly string[], found: { has(id: string): boolean }) => {
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) problems.push({ kind, ids: unknown });
  };
  const authorIds = fields.byline?.flatMap((b) => (b.kind === 'existing' ? [b.authorId] : [])) ?? [];
  const names = await authorNames(tx, authorIds);
  report('unknownAuthors', authorIds, names);
  if (fields.referencedWorkIds && fields.referencedWorkIds.length > 0) report('unknownWorks', fields.referencedWorkIds, await existingIds(tx, 'works', fields.referencedWorkIds));
  if (fields.topicIds && fields.topicIds.length > 0) report('unknownTopics', fields.topicIds, await existingIds(tx, 'topics', fields.topicIds));
  if (fields.referencedWorkIds?.includes(workId)) problems.push({ kind: 'citesItself' });
  if (fields.doi) {
    const holder = await workWithDoi(tx, fields.doi, workId);
    if (holder !== undefined) problems.push({ kind: 'doiTaken', doi: fields.doi, holder });
  }
  if (problems.length > 0) throw new ArticleRejectedError(problems);
  return names;
}

async function enqueue(tx: Tx, workId: string, operation: ArticleOperation, touched: TouchedIds, pendingStores: readonly StoreName[]): Promise<ArticleChange> {
  const outboxId = await insertOutboxRecord(tx, { workId, operation, touched, pendingStores });
  return { outboxId, workId, operation, touched, pendingStores };
}

async function readBack(tx: Tx, workId: string): Promise<WorkRecord> {
  const row = await readWork(tx, workId);
  if (!row) throw new Error(`work ${workId} vanished inside its own transaction`);
  return toWork(row);
}

/** The DOI a unique violation of works_doi_key names (PostgreSQL's detail: `Key (doi)=(10.…) already exists.`). */
function doiOf(err: unknown): string {
  const detail = (err as { detail?: unknown }).detail;
  return (typeof detail === 'string' ? /\(doi\)=\((.*)\) already exists/.exec(detail)?.[1] : undefined) ?? '';
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  return e.code === '23505' && (e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint)));
}
