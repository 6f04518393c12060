import { type SqlReader } from './sqlReader';

/** The work and the author the single-object queries ask for, chosen from the seeded sample. */
export interface QuerySubjects {
  readonly workId: string;
  readonly authorId: string;
}

/**
 * One read of the benchmark, written for both servers over the same tables. `renames` maps PostGraphile's
 * generated names to the gateway's, so canonicalData can check that both answers hold the same data.
 */
export interface ReadQuery {
  readonly key: string;
  readonly title: string;
  readonly gateway: string;
  readonly postgraphile: string;
  readonly renames: Readonly<Record<string, string>>;
}

/**
 * Picks Q2's work — the most cited by loaded works among those with a source, topics and institutions on their
 * byline, so every part of Q2 has something to join — and Q3's author — the author with an OpenAlex record whose
 * name is on the most loaded works. Run on the sample alone, so both exist on the embedded profile too.
 */
export async function chooseSubjects(db: SqlReader): Promise<QuerySubjects> {
  const [work] = await db.query<{ id: string }>(
    `SELECT r.cited_id AS id FROM work_references r JOIN works w ON w.id = r.cited_id
      WHERE w.source_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM work_topics t WHERE t.work_id = w.id)
        AND EXISTS (SELECT 1 FROM authorships a WHERE a.work_id = w.id AND cardinality(a.institution_ids) > 0)
      GROUP BY r.cited_id ORDER BY count(*) DESC, r.cited_id LIMIT 1`,
  );
  const [author] = await db.query<{ id: string }>(
    `SELECT au.id FROM authors au JOIN authorships s ON s.author_id = au.id WHERE au.works_count IS NOT NULL
      GROUP BY au.id ORDER BY count(*) DESC, au.id LIMIT 1`,
  );
  if (!work || !author) throw new Error('the seeded catalog has no cited work with a source, topics and institutions, or no author record');
  return { workId: work.id, authorId: author.id };
}

/**
 * Q1–Q3. PostGraphile's Amber preset names a table's own `id` column `rowId` (`id` is its global Node id), follows
 * foreign keys as `<table>By<Column>`, lists children as connections, and pages in primary-key order unless told
 * otherwise; each of its documents asks for the gateway's order explicitly (the gateway breaks ties by id) and for
 * the gateway's list bounds (100 authorships, 10 topics, 20 institutions).
 */
export function readQueries(subjects: QuerySubjects): ReadQuery[] {
  const { workId, authorId } = subjects;
  return [
    {
      key: 'Q1',
      title: 'the 20 most cited works with their authors',
      gateway: `query ReadBenchQ1 { works(first: 20, sort: [CITED_BY_COUNT_DESC]) { nodes { id title citedByCount authorships { author { id displayName } } } } }`,
      postgraphile: `query ReadBenchQ1 { allWorks(first: 20, orderBy: [CITED_BY_COUNT_DESC, ROW_ID_ASC]) { nodes { rowId title citedByCount authorshipsByWorkId(first: 100, orderBy: [POSITION_ASC]) { nodes { authorByAuthorId { rowId displayName } } } } } }`,
      renames: { allWorks: 'works', rowId: 'id', authorshipsByWorkId: 'authorships', authorByAuthorId: 'author' },
    },
    {
      key: 'Q2',
      title: `one work (${workId}) with its byline, institutions, topics, source and citing-work count`,
      gateway: `query ReadBenchQ2 { work(id: "${workId}") { id title publicationYear citedByCount source { id displayName } topics { score topic { id displayName } } authorships { position rawAuthorName author { id displayName } institutions { id displayName } } citedBy { totalCount } } }`,
      postgraphile: `query ReadBenchQ2 { workByRowId(rowId: "${workId}") { rowId title publicationYear citedByCount sourceBySourceId { rowId displayName } workTopicsByWorkId(first: 10, orderBy: [SCORE_DESC, TOPIC_ID_ASC]) { nodes { score topicByTopicId { rowId displayName } } } authorshipsByWorkId(first: 100, orderBy: [POSITION_ASC]) { nodes { position rawAuthorName authorByAuthorId { rowId displayName } institutions(first: 20) { nodes { rowId displayName } } } } workReferencesByCitedId { totalCount } } }`,
      renames: {
        workByRowId: 'work',
        rowId: 'id',
        sourceBySourceId: 'source',
        workTopicsByWorkId: 'topics',
        topicByTopicId: 'topic',
        authorshipsByWorkId: 'authorships',
        authorByAuthorId: 'author',
        workReferencesByCitedId: 'citedBy',
      },
    },
    {
      key: 'Q3',
      title: `one author (${authorId}) with a page of 20 works, most cited first`,
      gateway: `query ReadBenchQ3 { author(id: "${authorId}") { id displayName worksCount citedByCount hIndex works(first: 20, sort: [CITED_BY_COUNT_DESC]) { totalCount nodes { id title publicationYear citedByCount } } } }`,
      postgraphile: `query ReadBenchQ3 { authorByRowId(rowId: "${authorId}") { rowId displayName worksCount citedByCount hIndex works(first: 20, orderBy: [CITED_BY_COUNT_DESC, ROW_ID_ASC]) { totalCount nodes { rowId title publicationYear citedByCount } } } }`,
      renames: { authorByRowId: 'author', rowId: 'id' },
    },
  ];
}
