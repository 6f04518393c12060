import { assertNever } from '../../../src/core/assertNever';
import type { CatalogEntityKind } from '../../CatalogSnapshot';
import type { CatalogEntities } from '../../writes/catalogWrite';
import { type InstitutionRow, type SourceRow, type TopicRow, toInstitution, toSource, toTopic } from '../rows';
import type { SqlExecutor } from '../SqlExecutor';
import { ENTITY_COLUMNS } from './entitySql';
import { AUTHOR_COLUMNS, type AuthorRow, toAuthorWrite } from './readCatalogBatch';

/** The statement reading one page of an entity table: rows with an id after $1, in primary-key order, at most $2. */
const pageSql = (columns: string, table: string) => `SELECT ${columns} FROM ${table} e WHERE e.id > $1 ORDER BY e.id LIMIT $2`;

/**
 * Up to `limit` rows of the `kind` table whose id comes after `after`, in the order of its primary key (the
 * database's collation, so each page is one index range scan, not a sort of the table; '' sorts before every id),
 * as CatalogEntities with only that kind's list filled.
 */
export async function readEntitiesAfter(q: Pick<SqlExecutor, 'query'>, kind: CatalogEntityKind, after: string, limit: number): Promise<CatalogEntities> {
  const none: CatalogEntities = { authors: [], institutions: [], sources: [], topics: [] };
  switch (kind) {
    case 'author':
      return { ...none, authors: (await q.query<AuthorRow>(pageSql(AUTHOR_COLUMNS, 'authors'), [after, limit])).map(toAuthorWrite) };
    case 'institution':
      return { ...none, institutions: (await q.query<InstitutionRow>(pageSql(ENTITY_COLUMNS.institution, 'institutions'), [after, limit])).map(toInstitution) };
    case 'source':
      return { ...none, sources: (await q.query<SourceRow>(pageSql(ENTITY_COLUMNS.source, 'sources'), [after, limit])).map(toSource) };
    case 'topic':
      return { ...none, topics: (await q.query<TopicRow>(pageSql(ENTITY_COLUMNS.topic, 'topics'), [after, limit])).map(toTopic) };
    default:
      return assertNever(kind);
  }
}
