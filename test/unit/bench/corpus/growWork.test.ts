import { type BylineAuthor } from '../../../../bench/corpus/authorPool';
import { growWork, type WorkPlan } from '../../../../bench/corpus/growWork';
import { type SampleWork } from '../../../../bench/corpus/sampleRecords';
import { catalogBatchFromOpenAlex } from '../../../../src/seed/catalogBatchFromOpenAlex';
import { corpusSample } from '../../../support/generatedCorpus';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw OpenAlex JSON */

function template(id: string): SampleWork {
  const found = corpusSample().works.find((w) => w.id === id);
  if (!found) throw new Error(`${id} is not in the sample`);
  return found;
}

const authors = (n: number): BylineAuthor[] => Array.from({ length: n }, (_, i) => ({ id: `A9${String(i + 1).padStart(10, '0')}`, displayName: `Person ${i + 1}` }));

function plan(t: SampleWork, overrides: Partial<WorkPlan> = {}): WorkPlan {
  return {
    number: 17,
    publicationYear: t.publicationYear,
    authors: authors(t.attachedAuthors),
    citedWorkNumbers: [9, 3, 12],
    externalReferences: t.externalReferences.slice(0, 2),
    citedByInCorpus: 0,
    horizonYear: 2026,
    ...overrides,
  };
}

describe('growWork', () => {
  it('keeps the template record field for field, in its order, and leaves the template untouched', () => {
    const t = template('W2559507379');
    const before = JSON.stringify(t.record);
    const work = growWork(t, plan(t));
    expect(JSON.stringify(t.record)).toBe(before);
    expect(Object.keys(work)).toEqual(Object.keys(t.record));
    for (const key of ['abstract_inverted_index', 'primary_location', 'topics', 'primary_topic', 'open_access', 'type', 'language']) {
      expect(work[key]).toEqual(t.record[key]);
    }
    expect(() => catalogBatchFromOpenAlex({ kind: 'work', record: work, origin: { file: '-', index: 0 } })).not.toThrow();
  });

  it('gives the work its own id, DOI, numbered title and OpenAlex ids, dropping the ids that name the real article', () => {
    const t = template('W2559507379');
    const work = growWork(t, plan(t));
    expect(work['id']).toBe('https://openalex.org/W90000000017');
    expect(work['doi']).toBe('https://doi.org/10.5555/openalex-corpus.w90000000017');
    expect(work['title']).toBe(`${t.record['title'] as string} (17)`);
    expect(work['display_name']).toBe(`${t.record['display_name'] as string} (17)`);
    expect(work['ids']).toEqual({ openalex: 'https://openalex.org/W90000000017', doi: 'https://doi.org/10.5555/openalex-corpus.w90000000017' });
    const apiPage = template('W2250539671');
    expect(growWork(apiPage, plan(apiPage))['cited_by_api_url']).toBe('https://api.openalex.org/works?filter=cites:W90000000017');
    const noDoi = template('W2624102767');
    expect(growWork(noDoi, plan(noDoi))['doi']).toBeNull();
  });

  it('moves the publication date and counts_by_year with the year, dropping counts past the horizon from cited_by_count', () => {
    const t = template('W2559507379');
    const counts = t.record['counts_by_year'] as { year: number; cited_by_count: number }[];
    expect(counts.length).toBeGreaterThan(3);
    for (const year of [1999, t.publicationYear, 2024]) {
      const shift = year - t.publicationYear;
      const work = growWork(t, plan(t, { publicationYear: year, citedByInCorpus: 5 }));
      expect(work['publication_year']).toBe(year);
      expect(work['publication_date']).toBe(`${year}${(t.record['publication_date'] as string).slice(4)}`);
      const kept = counts.filter((c) => c.year + shift <= 2026);
      expect(work['counts_by_year']).toEqual(kept.map((c) => ({ ...c, year: c.year + shift })));
      const dropped = counts.filter((c) => c.year + shift > 2026).reduce((sum, c) => sum + c.cited_by_count, 0);
      expect(work['cited_by_count']).toBe((t.record['cited_by_count'] as number) - dropped + 5);
    }
    const leap = { ...t, record: { ...t.record, publication_date: '2020-02-29', publication_year: 2020 }, publicationYear: 2020 };
    expect(growWork(leap, plan(leap, { publicationYear: 2021 }))['publication_date']).toBe('2021-02-28');
    expect(growWork(leap, plan(leap, { publicationYear: 2024 }))['publication_date']).toBe('2024-02-29');
  });

  it('names the planned authors in the attached byline entries only, and maps the corresponding authors', () => {
    const t = template('W4415930831'); // entries 7–9 are names OpenAlex could not attach
    const entries = t.record['authorships'] as any[];
    const planned = authors(t.attachedAuthors);
    const work = growWork(t, plan(t, { authors: planned }));
    const grown = work['authorships'] as any[];
    expect(grown).toHaveLength(entries.length);
    let next = 0;
    grown.forEach((entry, i) => {
      const original = entries[i];
      if (original.author.id === null) {
        expect(entry).toBe(original);
        return;
      }
      const author = planned[next++] as BylineAuthor;
      expect(entry).toEqual({ ...original, author: { ...original.author, id: `https://openalex.org/${author.id}`, display_name: author.displayName, orcid: null }, raw_author_name: author.displayName });
    });
    expect(next).toBe(planned.length);
    const correspondingAt = entries.findIndex((e) => (t.record['corresponding_author_ids'] as string[]).includes(e.author.id));
    expect(work['corresponding_author_ids']).toEqual([grown[correspondingAt].author.id]);
    expect(() => growWork(t, plan(t, { authors: planned.slice(1) }))).toThrow(RangeError);
  });

  it('lists the cited corpus works and the kept external references by numeric id, with their count', () => {
    const t = template('W2559507379');
    const external = ['https://openalex.org/W898254726', 'https://openalex.org/W287715050'];
    const work = growWork(t, plan(t, { citedWorkNumbers: [12, 3, 100], externalReferences: external }));
    expect(work['referenced_works']).toEqual([
      'https://openalex.org/W287715050',
      'https://openalex.org/W898254726',
      'https://openalex.org/W90000000003',
      'https://openalex.org/W90000000012',
      'https://openalex.org/W90000000100',
    ]);
    expect(work['referenced_works_count']).toBe(5);
  });
});
