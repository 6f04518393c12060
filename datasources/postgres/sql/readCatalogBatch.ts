import { isOaStatus } from '../../../src/core/domain/oaStatus';
import type { AuthorWrite, CatalogBatch, CitationsInYear, WorkWrite } from '../../writes/catalogWrite';
import { idsFromList, type InstitutionRow, type SourceRow, type TopicRow, toInstitution, toSource, toTopic, type WorkRow } from '../rows';
import { ENTITY_COLUMNS } from './entitySql';
import { idListSql } from './workSql';
import type { SqlExecutor } from '../SqlExecutor';

/** A work row with what a projection needs beyond the API's columns (`version` is not projected). */
interface WorkWriteRow extends Omit<WorkRow, 'version'> {
  counts_by_year: CitationsInYear[] | string;
}

interface AuthorshipRow {
  work_id: string;
  position: number;
  author_id: string | null;
  raw_author_name: string;
  author_position: string | null;
  institution_ids: string[];
}

/** An `authors` row as AUTHOR_COLUMNS selects it. */
export interface AuthorRow {
  id: string;
  display_name: string;
  orcid: string | null;
  works_count: number | null;
  cited_by_count: number | null;
  h_index: number | null;
  institution_ids: string[];
}

/** The columns of an `authors` row a projection needs (unqualified), read into an AuthorRow. */
export const AUTHOR_COLUMNS = 'id, display_name, orcid, works_count, cited_by_count, h_index, institution_ids';

/**
 * The works with `workIds` as catalog batch rows (what upsertCatalogBatch wrote), with the authors of their
 * bylines, the institutions those name, the works' topics and their sources; seven statements whatever the number of
 * ids. `forUpdate` locks the work rows (`FOR UPDATE`) for the caller's transaction. The institutions and topics are
 * what the search projection denormalises (countries, the topic hierarchy); with the authors and sources they are the
 * entity suggestions the Elasticsearch projection rebuilds on a reindex or a relayed change.
 */
export async function readCatalogBatch(
  q: Pick<SqlExecutor, 'query'>,
  workIds: readonly string[],
  options: { forUpdate?: boolean } = {},
): Promise<CatalogBatch> {
  if (workIds.length === 0) return { works: [], authors: [], institutions: [], sources: [], topics: [] };
  const ids = [...workIds];
  const works = await q.query<WorkWriteRow>(
    `SELECT id, doi, pmid, title, title_markup, abstract, publication_year, publication_date::text AS publication_date, type, language,
       cited_by_count, is_open_access, source_id, primary_topic_id, ${idListSql('referenced_work_ids')} AS referenced_work_ids,
       counts_by_year, ${idListSql('related_work_ids')} AS related_work_ids, oa_status, oa_url
     FROM works WHERE id = ANY($1::text[]) ORDER BY id${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [ids],
  );
  const authorships = await q.query<AuthorshipRow>(
    `SELECT work_id, position, author_id, raw_author_name, author_position, institution_ids FROM authorships
     WHERE work_id = ANY($1::text[]) ORDER BY work_id, position`,
    [ids],
  );
  const topics = await q.query<{ work_id: string; topic_id: string; score: number }>(
    `SELECT work_id, topic_id, score FROM work_topics WHERE work_id = ANY($1::text[]) ORDER BY work_id, score DESC, topic_id`,
    [ids],
  );
  const authors = await q.query<AuthorRow>(
    `SELECT ${AUTHOR_COLUMNS} FROM authors
     WHERE id IN (SELECT author_id FROM authorships WHERE work_id = ANY($1::text[])) ORDER BY id`,
    [ids],
  );
  const institutions = await q.query<InstitutionRow>(
    `SELECT id, display_name, ror, country_code, type FROM institutions
     WHERE id IN (SELECT unnest(institution_ids) FROM authorships WHERE work_id = ANY($1::text[])) ORDER BY id`,
    [ids],
  );
  const topicRecords = await q.query<TopicRow>(
    `SELECT id, display_name, subfield, field, domain FROM topics
     WHERE id IN (SELECT topic_id FROM work_topics WHERE work_id = ANY($1::text[])) ORDER BY id`,
    [ids],
  );
  const sources = await q.query<SourceRow>(
    `SELECT ${ENTITY_COLUMNS.source} FROM sources e WHERE e.id IN (SELECT source_id FROM works WHERE id = ANY($1::text[])) ORDER BY e.id`,
    [ids],
  );
  return {
    works: works.map((w) => toWorkWrite(w, authorships, topics)),
    authors: authors.map(toAuthorWrite),
    institutions: institutions.map(toInstitution),
    sources: sources.map(toSource),
    topics: topicRecords.map(toTopic),
  };
}

function toWorkWrite(w: WorkWriteRow, authorships: readonly AuthorshipRow[], topics: readonly { work_id: string; topic_id: string; score: number }[]): WorkWrite {
  return {
    id: w.id,
    doi: w.doi,
    title: w.title,
    pmid: w.pmid ?? null,
    titleMarkup: w.title_markup ?? null,
    abstract: w.abstract,
    publicationYear: w.publication_year,
    publicationDate: w.publication_date,
    type: w.type,
    language: w.language,
    citedByCount: w.cited_by_count,
    isOpenAccess: w.is_open_access,
    sourceId: w.source_id,
    primaryTopicId: w.primary_topic_id,
    referencedWorkIds: idsFromList(w.referenced_work_ids),
    relatedWorkIds: idsFromList(w.related_work_ids),
    oaStatus: isOaStatus(w.oa_status) ? w.oa_status : null,
    oaUrl: w.oa_url,
    // pg parses jsonb; PGlite does too, but a string is tolerated.
    countsByYear: typeof w.counts_by_year === 'string' ? (JSON.parse(w.counts_by_year) as CitationsInYear[]) : w.counts_by_year,
    authorships: authorships
      .filter((a) => a.work_id === w.id)
      .map((a) => ({
        position: a.position,
        authorPosition: a.author_position,
        authorId: a.author_id,
        rawAuthorName: a.raw_author_name,
        institutionIds: a.institution_ids,
      })),
    topics: topics.filter((t) => t.work_id === w.id).map((t) => ({ topicId: t.topic_id, score: t.score })),
  };
}

/** An author row as the author write that produced it (its counts and name already folded by the catalog). */
export function toAuthorWrite(a: AuthorRow): AuthorWrite {
  return {
    id: a.id,
    displayName: a.display_name,
    orcid: a.orcid,
    worksCount: a.works_count,
    citedByCount: a.cited_by_count,
    hIndex: a.h_index,
    institutionIds: a.institution_ids,
    // An author whose counts came from an OpenAlex Author record (see the authors table).
    complete: a.works_count !== null,
  };
}
