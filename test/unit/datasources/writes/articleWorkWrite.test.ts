import type { ArticleFields } from '../../../../datasources/writes/articleWrite';
import { ARTICLE_TYPE, applyArticlePatch, articleFieldsOf, newAuthorsOf, sameWorkWrite, touchedIds, workWriteOfArticle } from '../../../../datasources/writes/articleWorkWrite';
import type { WorkWrite } from '../../../../datasources/writes/catalogWrite';

const FIELDS: ArticleFields = {
  title: 'Graph gateways',
  abstract: 'About gateways.',
  publicationDate: '2023-07-14',
  doi: '10.1234/abc',
  byline: [
    { kind: 'existing', authorId: 'A1' },
    { kind: 'new', authorId: 'AGNEW', displayName: 'Ada', orcid: '0000-0002-1694-233X' },
    { kind: 'existing', authorId: 'A3' },
  ],
  referencedWorkIds: ['W10', 'W11'],
  topicIds: ['T5', 'T6'],
  isOpenAccess: true,
  language: 'en',
};

/** A stored work as OpenAlex loaded it: counts, source, institutions and topic scores editors never set. */
const CURRENT: WorkWrite = {
  id: 'W1',
  doi: '10.1234/old',
  title: 'Old title',
  abstract: null,
  publicationYear: 2019,
  publicationDate: '2019-02-01',
  type: 'article',
  language: 'de',
  citedByCount: 42,
  isOpenAccess: false,
  sourceId: 'S7',
  primaryTopicId: 'T6',
  referencedWorkIds: ['W10', 'W12'],
  relatedWorkIds: ['W20', 'W21'],
  oaStatus: 'green',
  oaUrl: 'https://repository.example.org/w1.pdf',
  pmid: '29456894',
  countsByYear: [
    { year: 2020, citedByCount: 30 },
    { year: 2021, citedByCount: 12 },
  ],
  authorships: [
    { position: 1, authorPosition: 'first', authorId: 'A3', rawAuthorName: 'C. Three', institutionIds: ['I3'] },
    { position: 2, authorPosition: 'last', authorId: 'A9', rawAuthorName: 'Nine, N.', institutionIds: ['I9'] },
  ],
  topics: [
    { topicId: 'T6', score: 0.87 },
    { topicId: 'T8', score: 0.5 },
  ],
};

/** Display names of the existing authors FIELDS names, as the writer reads them from the catalog. */
const NAMES = new Map([
  ['A1', 'Author One'],
  ['A3', 'Author Three'],
]);

/** CURRENT as OpenAlex loaded it with a name it could not attach to an author, between the two authors. */
const WITH_UNATTACHED: WorkWrite = {
  ...CURRENT,
  authorships: [
    { position: 1, authorPosition: 'first', authorId: 'A3', rawAuthorName: 'C. Three', institutionIds: ['I3'] },
    { position: 2, authorPosition: 'middle', authorId: null, rawAuthorName: 'Li, Jian', institutionIds: ['I5'] },
    { position: 3, authorPosition: 'last', authorId: 'A9', rawAuthorName: 'Nine, N.', institutionIds: ['I9'] },
  ],
};

describe('workWriteOfArticle', () => {
  it('writes a new article with the fields, as an article, with no OpenAlex data', () => {
    expect(workWriteOfArticle('WG1', FIELDS, NAMES)).toEqual({
      id: 'WG1',
      doi: '10.1234/abc',
      pmid: null,
      title: 'Graph gateways',
      abstract: 'About gateways.',
      publicationYear: 2023,
      publicationDate: '2023-07-14',
      type: ARTICLE_TYPE,
      language: 'en',
      citedByCount: 0,
      isOpenAccess: true,
      sourceId: null,
      primaryTopicId: 'T5',
      referencedWorkIds: ['W10', 'W11'],
      relatedWorkIds: [],
      oaStatus: null,
      oaUrl: null,
      countsByYear: [],
      authorships: [
        { position: 1, authorPosition: 'first', authorId: 'A1', rawAuthorName: 'Author One', institutionIds: [] },
        { position: 2, authorPosition: 'middle', authorId: 'AGNEW', rawAuthorName: 'Ada', institutionIds: [] },
        { position: 3, authorPosition: 'last', authorId: 'A3', rawAuthorName: 'Author Three', institutionIds: [] },
      ],
      topics: [
        { topicId: 'T5', score: 1 },
        { topicId: 'T6', score: 1 },
      ],
    });
    expect(ARTICLE_TYPE).toBe('article');
  });

  it('on update, keeps what editors do not set from the current row', () => {
    const work = workWriteOfArticle('W1', FIELDS, NAMES, CURRENT);
    expect(work.citedByCount).toBe(42);
    expect(work.countsByYear).toEqual(CURRENT.countsByYear);
    expect(work.sourceId).toBe('S7');
    // Institutions and the printed name follow the author, wherever they now stand on the byline; new authors
    // have no institutions and print their display name.
    expect(work.authorships).toEqual([
      { position: 1, authorPosition: 'first', authorId: 'A1', rawAuthorName: 'Author One', institutionIds: [] },
      { position: 2, authorPosition: 'middle', authorId: 'AGNEW', rawAuthorName: 'Ada', institutionIds: [] },
      { position: 3, authorPosition: 'last', authorId: 'A3', rawAuthorName: 'C. Three', institutionIds: ['I3'] },
    ]);
    // Scores are kept for topics that stay; a new topic scores 1.
    expect(work.topics).toEqual([
      { topicId: 'T5', score: 1 },
      { topicId: 'T6', score: 0.87 },
    ]);
  });

  it('on update, keeps OpenAlex related works, and its open-access status and URL while isOpenAccess stays', () => {
    const kept = workWriteOfArticle('W1', { ...FIELDS, isOpenAccess: false }, NAMES, CURRENT);
    expect([kept.relatedWorkIds, kept.oaStatus, kept.oaUrl]).toEqual([['W20', 'W21'], 'green', 'https://repository.example.org/w1.pdf']);
    // The editor says otherwise than OpenAlex did: its status and URL no longer describe the work.
    const changed = workWriteOfArticle('W1', FIELDS, NAMES, CURRENT);
    expect([changed.relatedWorkIds, changed.oaStatus, changed.oaUrl]).toEqual([['W20', 'W21'], null, null]);
  });

  it('on update, keeps the OpenAlex PubMed id (not editable), and counts a lost one as a change', () => {
    expect(workWriteOfArticle('W1', FIELDS, NAMES, CURRENT).pmid).toBe('29456894');
    expect(sameWorkWrite(CURRENT, { ...CURRENT, pmid: null })).toBe(false);
  });

  it('on update, takes every editable field from the fields, not from the current row', () => {
    const work = workWriteOfArticle('W1', FIELDS, NAMES, CURRENT);
    expect(work).toMatchObject({
      doi: '10.1234/abc',
      title: 'Graph gateways',
      abstract: 'About gateways.',
      publicationYear: 2023,
      publicationDate: '2023-07-14',
      language: 'en',
      isOpenAccess: true,
      primaryTopicId: 'T5',
      referencedWorkIds: ['W10', 'W11'],
    });
  });

  it('names a single author first, and two authors first and last', () => {
    const one = workWriteOfArticle('W1', { ...FIELDS, byline: [{ kind: 'existing', authorId: 'A1' }] }, NAMES);
    expect(one.authorships.map((a) => [a.position, a.authorPosition])).toEqual([[1, 'first']]);
    const two = workWriteOfArticle('W1', { ...FIELDS, byline: FIELDS.byline.slice(0, 2) }, NAMES);
    expect(two.authorships.map((a) => [a.position, a.authorPosition])).toEqual([
      [1, 'first'],
      [2, 'last'],
    ]);
    const four = workWriteOfArticle('W1', { ...FIELDS, byline: [...FIELDS.byline, { kind: 'existing', authorId: 'A4' }] }, new Map([...NAMES, ['A4', 'Author Four']]));
    expect(four.authorships.map((a) => a.authorPosition)).toEqual(['first', 'middle', 'middle', 'last']);
  });

  it('has no primary topic and no topics when none are given', () => {
    const work = workWriteOfArticle('W1', { ...FIELDS, topicIds: [] }, NAMES, CURRENT);
    expect(work.primaryTopicId).toBeNull();
    expect(work.topics).toEqual([]);
  });

  it('takes the publication year from the date', () => {
    expect(workWriteOfArticle('W1', { ...FIELDS, publicationDate: '1687-07-05' }, NAMES).publicationYear).toBe(1687);
  });

  it('refuses an existing author whose display name it was not given (an unchecked id)', () => {
    expect(() => workWriteOfArticle('W1', FIELDS, new Map([['A1', 'Author One']]))).toThrow(/A3/);
  });

  it('keeps a name OpenAlex could not attach to an author in its place when the byline stays', () => {
    const work = workWriteOfArticle('W1', { ...articleFieldsOf(WITH_UNATTACHED), title: 'New title' }, new Map(), WITH_UNATTACHED);
    expect(work.authorships).toEqual(WITH_UNATTACHED.authorships);
    expect(work.title).toBe('New title');
  });

  it('drops unattached names with the byline an editor replaces', () => {
    const work = workWriteOfArticle('W1', FIELDS, NAMES, WITH_UNATTACHED);
    expect(work.authorships.map((a) => [a.position, a.authorId, a.rawAuthorName])).toEqual([
      [1, 'A1', 'Author One'],
      [2, 'AGNEW', 'Ada'],
      [3, 'A3', 'C. Three'],
    ]);
  });
});

describe('articleFieldsOf', () => {
  it('reads the editable fields of a stored work, byline and topics in order', () => {
    expect(articleFieldsOf(CURRENT)).toEqual({
      title: 'Old title',
      abstract: null,
      publicationDate: '2019-02-01',
      doi: '10.1234/old',
      byline: [
        { kind: 'existing', authorId: 'A3' },
        { kind: 'existing', authorId: 'A9' },
      ],
      referencedWorkIds: ['W10', 'W12'],
      topicIds: ['T6', 'T8'],
      isOpenAccess: false,
      language: 'de',
    });
  });

  it('reads a name OpenAlex could not attach to an author as an unattached entry, in its place', () => {
    expect(articleFieldsOf(WITH_UNATTACHED).byline).toEqual([
      { kind: 'existing', authorId: 'A3' },
      { kind: 'unattached', rawAuthorName: 'Li, Jian' },
      { kind: 'existing', authorId: 'A9' },
    ]);
  });

  it('fills a missing title and date of an OpenAlex work', () => {
    expect(articleFieldsOf({ ...CURRENT, title: null, publicationDate: null }).title).toBe('');
    expect(articleFieldsOf({ ...CURRENT, publicationDate: null }).publicationDate).toBe('2019-01-01');
    expect(articleFieldsOf({ ...CURRENT, publicationDate: null, publicationYear: null }).publicationDate).toBe('1970-01-01');
  });

  it('round-trips through workWriteOfArticle, keeping the OpenAlex data of the row', () => {
    const again = workWriteOfArticle('W1', articleFieldsOf(CURRENT), new Map(), CURRENT);
    expect(again.authorships.map((a) => [a.authorId, a.institutionIds])).toEqual([
      ['A3', ['I3']],
      ['A9', ['I9']],
    ]);
    expect(again.topics).toEqual(CURRENT.topics);
    expect(again.citedByCount).toBe(CURRENT.citedByCount);
    expect(again.primaryTopicId).toBe('T6');
  });
});

describe('articleFieldsOf and the primary topic', () => {
  it('puts the primary topic first whatever order the topics were read in, so an update keeps it', () => {
    // Articles store every topic with score 1, read back by topic id: T8 comes first, T9 is the primary.
    const stored: WorkWrite = { ...CURRENT, primaryTopicId: 'T9', topics: [{ topicId: 'T8', score: 1 }, { topicId: 'T9', score: 1 }] };
    expect(articleFieldsOf(stored).topicIds).toEqual(['T9', 'T8']);
    expect(workWriteOfArticle('W1', articleFieldsOf(stored), new Map(), stored).primaryTopicId).toBe('T9');
  });
});

describe('sameWorkWrite', () => {
  const again = (patch: Partial<ArticleFields> = {}) => workWriteOfArticle('W1', applyArticlePatch(articleFieldsOf(CURRENT), patch), NAMES, CURRENT);

  it('holds for a row written again with its own fields (an update that changes nothing), topics in any order', () => {
    expect(sameWorkWrite(CURRENT, again())).toBe(true);
    expect(sameWorkWrite(CURRENT, again({ title: 'Old title', language: 'de', topicIds: ['T6', 'T8'] }))).toBe(true);
    expect(sameWorkWrite(CURRENT, { ...CURRENT, topics: [...CURRENT.topics].reverse() })).toBe(true);
  });

  it('fails for any change of a field, the byline, the references or the primary topic', () => {
    for (const patch of [
      { title: 'New title' },
      { abstract: 'An abstract.' },
      { doi: null },
      { language: 'en' },
      { isOpenAccess: true },
      { publicationDate: '2019-02-02' },
      { referencedWorkIds: ['W12', 'W10'] },
      { topicIds: ['T8', 'T6'] },
      { topicIds: ['T6'] },
      { byline: [{ kind: 'existing' as const, authorId: 'A9' }, { kind: 'existing' as const, authorId: 'A3' }] },
    ]) {
      expect({ patch, same: sameWorkWrite(CURRENT, again(patch)) }).toEqual({ patch, same: false });
    }
    expect(sameWorkWrite(CURRENT, { ...CURRENT, citedByCount: 43 })).toBe(false);
    expect(sameWorkWrite(CURRENT, { ...CURRENT, topics: [{ topicId: 'T6', score: 0.9 }, { topicId: 'T8', score: 0.5 }] })).toBe(false);
  });
});

describe('applyArticlePatch', () => {
  const current = articleFieldsOf(CURRENT);

  it('keeps every field the patch does not set', () => {
    expect(applyArticlePatch(current, {})).toEqual(current);
    expect(applyArticlePatch(current, { title: 'New' })).toEqual({ ...current, title: 'New' });
  });

  it('ignores keys whose value is undefined', () => {
    expect(applyArticlePatch(current, { title: undefined, doi: undefined })).toEqual(current);
  });

  it('sets null values: a patch clears a nullable field', () => {
    const patched = applyArticlePatch({ ...current, abstract: 'Something' }, { abstract: null, doi: null });
    expect(patched.abstract).toBeNull();
    expect(patched.doi).toBeNull();
  });

  it('replaces lists whole, and sets false', () => {
    const patched = applyArticlePatch({ ...current, isOpenAccess: true }, { topicIds: ['T1'], byline: [{ kind: 'existing', authorId: 'A5' }], isOpenAccess: false });
    expect(patched.topicIds).toEqual(['T1']);
    expect(patched.byline).toEqual([{ kind: 'existing', authorId: 'A5' }]);
    expect(patched.isOpenAccess).toBe(false);
  });

  it('does not change its arguments', () => {
    const before = JSON.stringify(current);
    const patch = { title: 'New' };
    applyArticlePatch(current, patch);
    expect(JSON.stringify(current)).toBe(before);
    expect(patch).toEqual({ title: 'New' });
  });
});

describe('newAuthorsOf', () => {
  it('answers catalog rows for the new byline entries only, without OpenAlex counts', () => {
    expect(newAuthorsOf(FIELDS)).toEqual([
      { id: 'AGNEW', displayName: 'Ada', orcid: '0000-0002-1694-233X', worksCount: null, citedByCount: null, hIndex: null, institutionIds: [], complete: false },
    ]);
    expect(newAuthorsOf({ byline: [{ kind: 'existing', authorId: 'A1' }] })).toEqual([]);
  });
});

describe('touchedIds', () => {
  const after = workWriteOfArticle('W1', FIELDS, NAMES, CURRENT);

  it('unions the ids of before and after, sorted and without duplicates', () => {
    expect(touchedIds(CURRENT, after)).toEqual({
      authorIds: ['A1', 'A3', 'A9', 'AGNEW'],
      topicIds: ['T5', 'T6', 'T8'],
      referencedWorkIds: ['W10', 'W11', 'W12'],
    });
  });

  it('leaves out names OpenAlex could not attach to an author: they touch no author', () => {
    expect(touchedIds(WITH_UNATTACHED, undefined).authorIds).toEqual(['A3', 'A9']);
    expect(touchedIds(WITH_UNATTACHED, after).authorIds).toEqual(['A1', 'A3', 'A9', 'AGNEW']);
  });

  it('answers the ids of the new row on create and of the old row on delete', () => {
    expect(touchedIds(undefined, after)).toEqual({ authorIds: ['A1', 'A3', 'AGNEW'], topicIds: ['T5', 'T6'], referencedWorkIds: ['W10', 'W11'] });
    expect(touchedIds(CURRENT, undefined)).toEqual({ authorIds: ['A3', 'A9'], topicIds: ['T6', 'T8'], referencedWorkIds: ['W10', 'W12'] });
    expect(touchedIds(undefined, undefined)).toEqual({ authorIds: [], topicIds: [], referencedWorkIds: [] });
  });
});
