import { type QuerySubjects } from './queries';
import { type SqlReader } from './sqlReader';

/** The data of Q1–Q3, as the gateway's answer must hold it. */
export type ExpectedData = Readonly<Record<'Q1' | 'Q2' | 'Q3', unknown>>;

/**
 * The `data` each query of the benchmark must answer, computed from the tables with SQL of its own — none of the
 * gateway's loaders, resolvers or statements — and the meaning the schema documents: works most cited first, ties
 * by id in byte order; a byline in position order, an unattached name with `author: null`; a work's topics by score,
 * then topic id; an authorship's institutions in the order its byline lists them (ids without a loaded institution
 * left out); `citedBy.totalCount` the loaded works citing it; an author's `worksCount` OpenAlex's count, else the
 * loaded works naming them. Shaped as the gateway answers (lists as the gateway's lists and connections), so
 * canonicalData compares it with every endpoint's answer, PostGraphile's through its renames.
 */
export async function expectedData(db: SqlReader, subjects: QuerySubjects): Promise<ExpectedData> {
  return { Q1: await mostCitedWorks(db), Q2: await oneWork(db, subjects.workId), Q3: await authorWithWorks(db, subjects.authorId) };
}

interface BylineRow {
  work_id: string;
  position: number;
  raw_author_name: string;
  author_id: string | null;
  display_name: string | null;
  institution_ids: string[];
}

async function bylines(db: SqlReader, workIds: readonly string[]): Promise<Map<string, BylineRow[]>> {
  const rows = await db.query<BylineRow>(
    `SELECT a.work_id, a.position, a.raw_author_name, a.author_id, au.display_name, a.institution_ids
       FROM authorships a LEFT JOIN authors au ON au.id = a.author_id
      WHERE a.work_id = ANY($1::text[]) ORDER BY a.work_id, a.position`,
    [workIds],
  );
  const byWork = new Map<string, BylineRow[]>(workIds.map((id) => [id, []]));
  for (const row of rows) byWork.get(row.work_id)?.push(row);
  return byWork;
}

const author = (row: BylineRow) => (row.author_id === null ? null : { id: row.author_id, displayName: row.display_name });

async function mostCitedWorks(db: SqlReader): Promise<unknown> {
  const works = await db.query<{ id: string; title: string | null; cited_by_count: number }>(
    'SELECT id, title, cited_by_count FROM works ORDER BY cited_by_count DESC, id COLLATE "C" LIMIT 20',
  );
  const byWork = await bylines(db, works.map((w) => w.id));
  return {
    works: {
      nodes: works.map((w) => ({ id: w.id, title: w.title, citedByCount: w.cited_by_count, authorships: (byWork.get(w.id) ?? []).map((a) => ({ author: author(a) })) })),
    },
  };
}

async function oneWork(db: SqlReader, workId: string): Promise<unknown> {
  const [work] = await db.query<{ id: string; title: string | null; publication_year: number | null; cited_by_count: number; source_id: string | null; source_name: string | null }>(
    `SELECT w.id, w.title, w.publication_year, w.cited_by_count, s.id AS source_id, s.display_name AS source_name
       FROM works w LEFT JOIN sources s ON s.id = w.source_id WHERE w.id = $1`,
    [workId],
  );
  if (!work) throw new Error(`expected answers: no work ${workId}`);
  const topics = await db.query<{ score: number; id: string; display_name: string }>(
    'SELECT wt.score, t.id, t.display_name FROM work_topics wt JOIN topics t ON t.id = wt.topic_id WHERE wt.work_id = $1 ORDER BY wt.score DESC, wt.topic_id',
    [workId],
  );
  const byline = (await bylines(db, [workId])).get(workId) ?? [];
  const institutionIds = [...new Set(byline.flatMap((a) => a.institution_ids))];
  const institutions = new Map(
    (await db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM institutions WHERE id = ANY($1::text[])', [institutionIds])).map((i) => [i.id, i.display_name] as const),
  );
  const [citing] = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM work_references r JOIN works c ON c.id = r.citing_id WHERE r.cited_id = $1', [workId]);
  return {
    work: {
      id: work.id,
      title: work.title,
      publicationYear: work.publication_year,
      citedByCount: work.cited_by_count,
      source: work.source_id === null ? null : { id: work.source_id, displayName: work.source_name },
      topics: topics.map((t) => ({ score: t.score, topic: { id: t.id, displayName: t.display_name } })),
      authorships: byline.map((a) => ({
        position: a.position,
        rawAuthorName: a.raw_author_name,
        author: author(a),
        institutions: a.institution_ids.filter((id) => institutions.has(id)).map((id) => ({ id, displayName: institutions.get(id) })),
      })),
      citedBy: { totalCount: citing?.n ?? 0 },
    },
  };
}

async function authorWithWorks(db: SqlReader, authorId: string): Promise<unknown> {
  const [record] = await db.query<{ id: string; display_name: string; works_count: number | null; cited_by_count: number | null; h_index: number | null }>(
    'SELECT id, display_name, works_count, cited_by_count, h_index FROM authors WHERE id = $1',
    [authorId],
  );
  if (!record) throw new Error(`expected answers: no author ${authorId}`);
  const works = await db.query<{ id: string; title: string | null; publication_year: number | null; cited_by_count: number }>(
    `SELECT w.id, w.title, w.publication_year, w.cited_by_count FROM works w
      WHERE EXISTS (SELECT 1 FROM authorships a WHERE a.work_id = w.id AND a.author_id = $1)
      ORDER BY w.cited_by_count DESC, w.id COLLATE "C" LIMIT 20`,
    [authorId],
  );
  const [named] = await db.query<{ n: number }>('SELECT count(DISTINCT work_id)::integer AS n FROM authorships WHERE author_id = $1', [authorId]);
  return {
    author: {
      id: record.id,
      displayName: record.display_name,
      worksCount: record.works_count ?? named?.n ?? 0,
      citedByCount: record.cited_by_count,
      hIndex: record.h_index,
      works: {
        totalCount: named?.n ?? 0,
        nodes: works.map((w) => ({ id: w.id, title: w.title, publicationYear: w.publication_year, citedByCount: w.cited_by_count })),
      },
    },
  };
}
