import type pg from 'pg';
import { autocompleteWordList } from '../../datasources/shared/autocompleteWords';
import type { CanonicalSubjects } from './CanonicalQuery';

/**
 * Share of the works above which a subject of issue 15's kinds (source, institution, country, topic field, subfield,
 * domain) is not chosen: the generator keeps the sample's, which are concentrated (its main institution is on 64 % of
 * the works, its main country on 65 %, the Physical Sciences domain on 93 %), and a read of most of the corpus is
 * rightly sequential, so it would show nothing about the indexes. The one of the most works at or below this share is
 * what a page of the web app typically asks about, and must be read through an index.
 */
export const SELECTIVE_SHARE = 0.1;

/** ORCID's own example identifier (check digit valid): the lookup is explained even when no author has an ORCID. */
const FALLBACK_ORCID = '0000-0002-1825-0097';

/** A type-ahead text: the first word of four letters or more whole, the first three letters of the next. */
export function twoWordPrefix(name: string): string {
  const words = autocompleteWordList(name).filter((w) => w.length >= 4);
  const [first, second] = words;
  if (first === undefined) return name.slice(0, 3);
  return second === undefined ? first.slice(0, 3) : `${first} ${second.slice(0, 3)}`;
}

/**
 * The hub (most cited by loaded works), the most prolific author and topic, search words from the hub's title, and
 * the selective subjects of issue 15's reads (SELECTIVE_SHARE), with their external ids and type-ahead prefixes.
 */
export async function chooseSubjects(db: pg.Client, works: number): Promise<CanonicalSubjects> {
  const one = async (text: string, params: unknown[] = []) => (await db.query<{ v: string | null }>(text, params)).rows[0]?.v ?? undefined;
  const need = (what: string, v: string | undefined): string => {
    if (v === undefined) throw new Error(`the seeded corpus has no ${what}`);
    return v;
  };
  const most = Math.floor(SELECTIVE_SHARE * works);
  const hubWorkId = need('cited work', await one(`SELECT cited_id AS v FROM work_references r JOIN works w ON w.id = r.cited_id GROUP BY cited_id ORDER BY count(*) DESC, cited_id LIMIT 1`));
  const authorId = need('author', await one(`SELECT author_id AS v FROM authorships WHERE author_id IS NOT NULL GROUP BY author_id ORDER BY count(*) DESC, author_id LIMIT 1`));
  const topicId = need('topic', await one(`SELECT topic_id AS v FROM work_topics GROUP BY topic_id ORDER BY count(*) DESC, topic_id LIMIT 1`));
  const workType = need('type', await one(`SELECT type AS v FROM works WHERE type IS NOT NULL GROUP BY type ORDER BY count(*) DESC LIMIT 1`));
  const title = need('title', await one('SELECT title AS v FROM works WHERE id = $1', [hubWorkId]));
  const words = title.toLowerCase().match(/[a-z]{5,}/g) ?? [];
  const searchTerm = words[0] ?? 'learning';
  const hubDoi = need('DOI', await one('SELECT doi AS v FROM works WHERE doi IS NOT NULL ORDER BY id = $1 DESC, id LIMIT 1', [hubWorkId]));
  const language = need('language', await one('SELECT language AS v FROM works WHERE language IS NOT NULL GROUP BY language ORDER BY count(*) DESC, language LIMIT 1'));
  const sourceId = need('source with an ISSN-L', await one(`SELECT w.source_id AS v FROM works w JOIN sources s ON s.id = w.source_id AND s.issn_l IS NOT NULL
    GROUP BY w.source_id HAVING count(*) <= $1 ORDER BY count(*) DESC, w.source_id LIMIT 1`, [most]));
  const bylineInstitutions = 'FROM authorships a CROSS JOIN LATERAL unnest(a.institution_ids) AS x(id) JOIN institutions i ON i.id = x.id';
  const institutionId = need('institution with a ROR', await one(`SELECT i.id AS v ${bylineInstitutions} WHERE i.ror IS NOT NULL
    GROUP BY i.id HAVING count(DISTINCT a.work_id) <= $1 ORDER BY count(DISTINCT a.work_id) DESC, i.id LIMIT 1`, [most]));
  const countryCode = need('country', await one(`SELECT upper(i.country_code) AS v ${bylineInstitutions} WHERE i.country_code <> ''
    GROUP BY 1 HAVING count(DISTINCT a.work_id) <= $1 ORDER BY count(DISTINCT a.work_id) DESC, 1 LIMIT 1`, [most]));
  // The column names are this module's constants, never input.
  const hierarchy = async (column: 'field' | 'subfield' | 'domain') =>
    need(`topic ${column}`, await one(`SELECT t.${column} AS v FROM work_topics wt JOIN topics t ON t.id = wt.topic_id WHERE t.${column} IS NOT NULL
      GROUP BY t.${column} HAVING count(DISTINCT wt.work_id) <= $1 ORDER BY count(DISTINCT wt.work_id) DESC, t.${column} LIMIT 1`, [most]));
  const name = async (table: 'authors' | 'topics' | 'institutions' | 'sources', id: string) => need(`${table} ${id}`, await one(`SELECT display_name AS v FROM ${table} WHERE id = $1`, [id]));
  return {
    hubWorkId, authorId, topicId, workType, searchTerm, prefix: searchTerm.slice(0, 4), hubDoi, language, sourceId, institutionId, countryCode,
    topicField: await hierarchy('field'),
    topicSubfield: await hierarchy('subfield'),
    topicDomain: await hierarchy('domain'),
    sourceIssn: need('ISSN-L', await one('SELECT issn_l AS v FROM sources WHERE id = $1', [sourceId])),
    institutionRor: need('ROR', await one('SELECT ror AS v FROM institutions WHERE id = $1', [institutionId])),
    orcid: (await one('SELECT orcid AS v FROM authors WHERE orcid IS NOT NULL ORDER BY id LIMIT 1')) ?? FALLBACK_ORCID,
    worksPrefix: twoWordPrefix(title),
    authorPrefix: twoWordPrefix(await name('authors', authorId)),
    topicPrefix: twoWordPrefix(await name('topics', topicId)),
    institutionPrefix: twoWordPrefix(await name('institutions', institutionId)),
    sourcePrefix: twoWordPrefix(await name('sources', sourceId)),
  };
}
