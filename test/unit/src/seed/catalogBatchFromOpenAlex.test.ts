import { readFileSync } from 'node:fs';
import path from 'node:path';

import { catalogBatchFromOpenAlex } from '../../../../src/seed/catalogBatchFromOpenAlex';
import { InvalidRecordError } from '../../../../src/seed/InvalidRecordError';
import { type OpenAlexEntity, type OpenAlexKind } from '../../../../src/seed/openAlexInput';
import { projectRoot } from '../../../../src/core/projectRoot';

// The expected values are read here from the raw sample JSON with plain property access and string slicing,
// independently of the mapper (and of src/domain).

interface RawInstitution {
  id: string;
  display_name: string;
  ror: string | null;
  country_code: string | null;
  type: string | null;
}
interface RawTopic {
  id: string;
  display_name: string;
  score: number;
  subfield: { display_name: string };
  field: { display_name: string };
  domain: { display_name: string };
}
interface RawWork {
  id: string;
  doi: string | null;
  title: string | null;
  publication_year: number;
  publication_date: string;
  type: string;
  language: string;
  cited_by_count: number;
  open_access: { is_oa: boolean; oa_status: string | null; oa_url: string | null };
  related_works: string[];
  primary_location: { source: { id: string; display_name: string; issn_l: string | null; issn?: string[] | null; type: string; host_organization_name: string | null } };
  primary_topic: RawTopic;
  topics: RawTopic[];
  authorships: {
    author_position: string;
    author: { id: string; display_name: string; orcid: string | null };
    raw_author_name: string;
    institutions: RawInstitution[];
  }[];
  referenced_works: string[];
  counts_by_year: { year: number; cited_by_count: number }[];
  abstract_inverted_index: Record<string, number[]> | null;
}
interface RawAuthor {
  id: string;
  display_name: string;
  orcid: string;
  works_count: number;
  cited_by_count: number;
  summary_stats: { h_index: number };
  last_known_institutions: RawInstitution[];
}

const SAMPLE_FILE = path.join(projectRoot(), 'data', 'sample', 'authors', 'A5087940859.json');
const sample = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as { details: RawAuthor; works: RawWork[] };
const WORK_ID = 'https://openalex.org/W3036095237';

/** A fresh deep copy of the raw records, so a test may corrupt its own copy. */
function rawWork(): RawWork {
  const work = sample.works.find((w) => w.id === WORK_ID);
  if (!work) throw new Error(`${WORK_ID} is not in ${SAMPLE_FILE}`);
  return structuredClone(work);
}
function rawAuthor(): RawAuthor {
  return structuredClone(sample.details);
}

const short = (url: string): string => url.slice('https://openalex.org/'.length);
const entity = (kind: OpenAlexKind, record: unknown): OpenAlexEntity => ({ kind, record, origin: { file: SAMPLE_FILE, index: 0 } });

function rejection(kind: OpenAlexKind, record: unknown): InvalidRecordError {
  let thrown: unknown;
  try {
    catalogBatchFromOpenAlex(entity(kind, record));
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InvalidRecordError);
  return thrown as InvalidRecordError;
}

describe('catalogBatchFromOpenAlex: a real work record', () => {
  const raw = rawWork();
  const batch = catalogBatchFromOpenAlex(entity('work', rawWork()));
  const work = batch.works[0];

  it('sanity: the chosen record has what the assertions below need', () => {
    expect(raw.authorships.length).toBeGreaterThan(1);
    expect(raw.referenced_works.length).toBeGreaterThan(3);
    expect(raw.doi).toMatch(/^https:\/\/doi\.org\//);
    expect(raw.abstract_inverted_index).not.toBeNull();
    expect(raw.authorships.some((a) => a.author.orcid?.endsWith('X'))).toBe(true);
  });

  it('writes exactly one work', () => {
    expect(batch.works).toHaveLength(1);
  });

  it('stores the title and the abstract as plain text, keeping the raw title as titleMarkup', () => {
    const record = { ...rawWork(), title: 'Effects of CO<sub>2</sub> &amp; <i>H</i><sub>2</sub>', abstract_inverted_index: { 'CO<sub>2</sub>': [0], '&lt;b&gt;': [1] } };
    const [mapped] = catalogBatchFromOpenAlex(entity('work', record)).works;
    expect(mapped?.title).toBe('Effects of CO2 & H2');
    expect(mapped?.titleMarkup).toBe('Effects of CO<sub>2</sub> &amp; <i>H</i><sub>2</sub>');
    expect(mapped?.abstract).toBe('CO2 <b>');
  });

  it('maps the scalar fields', () => {
    expect(work?.id).toBe(short(raw.id));
    expect(work?.id).toBe('W3036095237');
    expect(work?.doi).toBe((raw.doi ?? '').slice('https://doi.org/'.length).toLowerCase());
    expect(work?.title).toBe(raw.title);
    expect(work?.titleMarkup).toBe(raw.title);
    expect(work?.publicationYear).toBe(raw.publication_year);
    expect(work?.publicationDate).toBe(raw.publication_date);
    expect(work?.type).toBe(raw.type);
    expect(work?.language).toBe(raw.language);
    expect(work?.citedByCount).toBe(raw.cited_by_count);
    expect(work?.isOpenAccess).toBe(raw.open_access.is_oa);
    expect(work?.isOpenAccess).toBe(true);
    expect(work?.sourceId).toBe(short(raw.primary_location.source.id));
    expect(work?.primaryTopicId).toBe(short(raw.primary_topic.id));
  });

  it('maps OpenAlex related_works (short ids, in order) and the open-access status and URL', () => {
    expect(raw.related_works.length).toBeGreaterThan(0);
    expect(work?.relatedWorkIds).toEqual(raw.related_works.map(short));
    expect(work?.oaStatus).toBe(raw.open_access.oa_status);
    expect(work?.oaUrl).toBe(raw.open_access.oa_url);
    expect(work?.oaUrl).toMatch(/^https?:\/\//);
  });

  it('keeps ids.pmid as its digits, and drops a missing or unreadable one without rejecting the work', () => {
    const record = rawWork() as unknown as Record<string, unknown>;
    record['ids'] = { openalex: record['id'], pmid: 'https://pubmed.ncbi.nlm.nih.gov/29456894' };
    expect(catalogBatchFromOpenAlex(entity('work', record)).works[0]?.pmid).toBe('29456894');
    for (const ids of [{}, { pmid: null }, { pmid: 'PMC5001' }, undefined]) {
      record['ids'] = ids;
      expect({ ids, pmid: catalogBatchFromOpenAlex(entity('work', record)).works[0]?.pmid }).toEqual({ ids, pmid: null });
    }
  });

  it('takes the best OA location’s URL when open_access has none, and stores an unknown status as unknown', () => {
    const record = rawWork() as unknown as Record<string, unknown>;
    record['open_access'] = { is_oa: true, oa_status: 'platinum', oa_url: null };
    record['best_oa_location'] = { pdf_url: null, landing_page_url: 'https://example.org/landing' };
    const [mapped] = catalogBatchFromOpenAlex(entity('work', record)).works;
    expect(mapped?.oaStatus).toBeNull();
    expect(mapped?.oaUrl).toBe('https://example.org/landing');
    record['best_oa_location'] = { pdf_url: 'https://example.org/paper.pdf', landing_page_url: 'https://example.org/landing' };
    expect(catalogBatchFromOpenAlex(entity('work', record)).works[0]?.oaUrl).toBe('https://example.org/paper.pdf');
    delete record['open_access'];
    delete record['best_oa_location'];
    delete record['related_works'];
    const [bare] = catalogBatchFromOpenAlex(entity('work', record)).works;
    expect([bare?.oaStatus, bare?.oaUrl, bare?.relatedWorkIds]).toEqual([null, null, []]);
  });

  it('rejects a related work that is not a W… id', () => {
    const record = rawWork();
    record.related_works = ['https://openalex.org/A5087940859'];
    expect(rejection('work', record).message).toContain('related_works[0]');
  });

  it('rebuilds the abstract from the inverted index', () => {
    const words = Object.entries(raw.abstract_inverted_index ?? {})
      .flatMap(([word, positions]) => positions.map((p) => [p, word] as const))
      .sort((a, b) => a[0] - b[0])
      .map(([, word]) => word);
    expect(work?.abstract).toBe(words.join(' '));
  });

  it('keeps the byline order with 1-based positions, author positions and the names as printed', () => {
    expect(work?.authorships).toEqual(
      raw.authorships.map((a, i) => ({
        position: i + 1,
        authorPosition: a.author_position,
        authorId: short(a.author.id),
        rawAuthorName: a.raw_author_name,
        institutionIds: [...new Set(a.institutions.map((inst) => short(inst.id)))],
      })),
    );
    expect(work?.authorships[0]?.authorId).toBe('A5087940859');
    // The printed name is OpenAlex's raw_author_name, not the author's display name.
    expect(raw.authorships.some((a) => a.raw_author_name !== a.author.display_name)).toBe(true);
  });

  it('falls back to author.display_name for an entry without a raw_author_name', () => {
    const record = rawWork();
    const entry = record.authorships[1] as unknown as Record<string, unknown>;
    delete entry['raw_author_name'];
    const blank = record.authorships[0] as unknown as Record<string, unknown>;
    blank['raw_author_name'] = '  ';
    const [mapped] = catalogBatchFromOpenAlex(entity('work', record)).works;
    expect(mapped?.authorships.slice(0, 2).map((a) => a.rawAuthorName)).toEqual(raw.authorships.slice(0, 2).map((a) => a.author.display_name));
  });

  it('writes each byline author as an incomplete author with a bare uppercase ORCID', () => {
    expect(batch.authors).toEqual(
      raw.authorships.map((a) => ({
        id: short(a.author.id),
        displayName: a.author.display_name,
        orcid: a.author.orcid === null ? null : a.author.orcid.slice('https://orcid.org/'.length).toUpperCase(),
        worksCount: null,
        citedByCount: null,
        hIndex: null,
        institutionIds: [],
        complete: false,
      })),
    );
  });

  it('writes the byline institutions', () => {
    const expected = raw.authorships.flatMap((a) =>
      a.institutions.map((inst) => ({
        id: short(inst.id),
        displayName: inst.display_name,
        ror: inst.ror,
        countryCode: inst.country_code,
        type: inst.type,
      })),
    );
    expect(batch.institutions).toEqual(expected);
  });

  it('writes the work topics with their scores, and the topic records', () => {
    expect(work?.topics).toEqual(raw.topics.map((t) => ({ topicId: short(t.id), score: t.score })));
    const topicRecord = (t: RawTopic) => ({
      id: short(t.id),
      displayName: t.display_name,
      subfield: t.subfield.display_name,
      field: t.field.display_name,
      domain: t.domain.display_name,
    });
    for (const t of [...raw.topics, raw.primary_topic]) expect(batch.topics).toContainEqual(topicRecord(t));
    expect(new Set(batch.topics.map((t) => t.id))).toEqual(new Set([...raw.topics, raw.primary_topic].map((t) => short(t.id))));
  });

  it('writes the source of the primary location', () => {
    const s = raw.primary_location.source;
    expect(batch.sources).toEqual([
      { id: short(s.id), displayName: s.display_name, issnL: s.issn_l, issns: s.issn ?? [], type: s.type, hostOrganizationName: s.host_organization_name },
    ]);
  });

  it('shortens the referenced work ids, keeping their order', () => {
    expect(work?.referencedWorkIds).toEqual([...new Set(raw.referenced_works)].map(short));
    expect(work?.referencedWorkIds.every((id) => /^W\d+$/.test(id))).toBe(true);
  });

  it('dedupes referenced work ids given in both forms', () => {
    const copy = rawWork();
    const first = copy.referenced_works[0] as string;
    copy.referenced_works.push(first, short(first), short(first).toLowerCase());
    const deduped = catalogBatchFromOpenAlex(entity('work', copy)).works[0];
    expect(deduped?.referencedWorkIds).toEqual([...new Set(raw.referenced_works)].map(short));
  });

  it('copies counts_by_year', () => {
    expect(work?.countsByYear).toEqual(raw.counts_by_year.map((c) => ({ year: c.year, citedByCount: c.cited_by_count })));
  });

  it('does not alter the raw record', () => {
    const record = rawWork();
    const before = JSON.stringify(record);
    catalogBatchFromOpenAlex(entity('work', record));
    expect(JSON.stringify(record)).toBe(before);
  });
});

describe('catalogBatchFromOpenAlex: the author details record', () => {
  const raw = rawAuthor();
  const batch = catalogBatchFromOpenAlex(entity('author', rawAuthor()));

  it('writes one complete author with its counts, ORCID and last known institutions', () => {
    expect(batch.works).toEqual([]);
    expect(batch.authors).toEqual([
      {
        id: short(raw.id),
        displayName: raw.display_name,
        orcid: raw.orcid.slice('https://orcid.org/'.length),
        worksCount: raw.works_count,
        citedByCount: raw.cited_by_count,
        hIndex: raw.summary_stats.h_index,
        institutionIds: raw.last_known_institutions.map((i) => short(i.id)),
        complete: true,
      },
    ]);
    expect(batch.authors[0]?.id).toBe('A5087940859');
  });

  it('writes the last known institutions', () => {
    expect(batch.institutions).toEqual(
      raw.last_known_institutions.map((i) => ({ id: short(i.id), displayName: i.display_name, ror: i.ror, countryCode: i.country_code, type: i.type })),
    );
  });

  it('writes an author without institutions when none are known', () => {
    const copy: Record<string, unknown> = { ...rawAuthor() };
    delete copy['last_known_institutions'];
    const result = catalogBatchFromOpenAlex(entity('author', copy));
    expect(result.authors[0]?.institutionIds).toEqual([]);
    expect(result.institutions).toEqual([]);
  });

  // Regression test for a bug found by this suite (fixed).
  it('accepts the older single-object last_known_institution', () => {
    const copy: Record<string, unknown> = { ...rawAuthor() };
    const [first] = raw.last_known_institutions;
    delete copy['last_known_institutions'];
    copy['last_known_institution'] = first;
    const result = catalogBatchFromOpenAlex(entity('author', copy));
    expect(result.authors[0]?.institutionIds).toEqual([short(first?.id ?? '')]);
  });
});

describe('catalogBatchFromOpenAlex: malformed records', () => {
  it('rejects a byline author id that is not an A id, naming authorships[0].author.id', () => {
    const work = rawWork();
    (work.authorships[0] as { author: { id: string } }).author.id = 'https://openalex.org/W3036095237';
    expect(rejection('work', work).message).toContain('authorships[0].author.id');
  });

  it('rejects a byline author without id', () => {
    const work = rawWork();
    (work.authorships[1] as { author: Record<string, unknown> }).author = { display_name: 'Nobody' };
    expect(rejection('work', work).message).toContain('authorships[1].author.id');
  });

  it('rejects an impossible publication_date such as 2020-02-30', () => {
    const work = rawWork();
    work.publication_date = '2020-02-30';
    const err = rejection('work', work);
    expect(err.message).toContain('publication_date');
    expect(err.message).toContain('2020-02-30');
  });

  it.each(['2020-13-01', '2020-6-19', '19-06-2020', '2020-06-19T00:00:00Z'])('rejects the publication_date %s', (date) => {
    const work = rawWork();
    work.publication_date = date;
    expect(rejection('work', work).message).toContain('publication_date');
  });

  it('accepts 29 February of a leap year', () => {
    const work = rawWork();
    work.publication_date = '2020-02-29';
    expect(catalogBatchFromOpenAlex(entity('work', work)).works[0]?.publicationDate).toBe('2020-02-29');
  });

  it('rejects a referenced work that is not a W id, naming referenced_works[3]', () => {
    const work = rawWork();
    work.referenced_works[3] = 'https://openalex.org/A5087940859';
    expect(rejection('work', work).message).toContain('referenced_works[3]');
    const garbage = rawWork();
    garbage.referenced_works[3] = 'not an id';
    expect(rejection('work', garbage).message).toContain('referenced_works[3]');
  });

  it('rejects a negative cited_by_count', () => {
    const work = rawWork();
    work.cited_by_count = -1;
    const err = rejection('work', work);
    expect(err.message).toContain('cited_by_count');
    expect(err.message).toContain('-1');
  });

  it('rejects a fractional or textual cited_by_count', () => {
    const work = rawWork() as unknown as Record<string, unknown>;
    work['cited_by_count'] = 1.5;
    expect(rejection('work', work).message).toContain('cited_by_count');
    work['cited_by_count'] = '12';
    expect(rejection('work', work).message).toContain('cited_by_count');
  });

  it('rejects a work whose own id is not a W id', () => {
    const work = rawWork();
    work.id = 'https://openalex.org/A1';
    expect(rejection('work', work).message).toMatch(/^id /);
  });

  it('rejects authorships that is not an array', () => {
    const work = rawWork() as unknown as Record<string, unknown>;
    work['authorships'] = { 0: 'x' };
    expect(rejection('work', work).message).toContain('authorships');
  });

  it('rejects a record that is not an object', () => {
    expect(rejection('work', null).message).toContain('record');
    expect(rejection('work', [rawWork()]).message).toContain('record');
  });

  it('rejects an author record without display_name and with a negative works_count', () => {
    const nameless: Record<string, unknown> = { ...rawAuthor(), display_name: '  ' };
    expect(rejection('author', nameless).message).toContain('display_name');
    const negative: Record<string, unknown> = { ...rawAuthor(), works_count: -3 };
    expect(rejection('author', negative).message).toContain('works_count');
  });
});
