import type { BylineEntry } from '../../../datasources/writes/articleWrite';
import { ARTICLE_LIMITS, parseCreateArticleInput, parseUpdateArticleInput } from '../../../resolvers/articleInputs';
import { toMintedId } from '../../../src/core/domain/mintedId';
import type { InputProblem } from '../../../src/core/errors';
import type { CreateArticleInput, UpdateArticleInput } from '../../../src/generated/graphql';
import { badInput } from '../../support/badInput';

/** A fixed "today": the latest accepted publication year is then 2026. */
const TODAY = new Date(Date.UTC(2025, 5, 15));

const VALID: CreateArticleInput = {
  title: 'Graph gateways',
  publicationDate: '2024-03-01',
  authorIds: ['A1'],
};


/** The author id of a byline entry an editor gave (inputs never make unattached entries). */
function authorIdOf(entry: BylineEntry | undefined): string | undefined {
  if (entry?.kind === 'unattached') throw new Error(`inputs made an unattached entry: ${entry.rawAuthorName}`);
  return entry?.authorId;
}

function problemsOf(fn: () => unknown): InputProblem[] {
  return badInput(fn).extensions['problems'] as InputProblem[];
}

function fieldsOf(fn: () => unknown): string[] {
  return problemsOf(fn).map((p) => p.field);
}

const create = (input: Partial<CreateArticleInput>) => () => parseCreateArticleInput({ ...VALID, ...input }, TODAY);
const update = (input: Partial<UpdateArticleInput>) => () => parseUpdateArticleInput({ version: 3, ...input }, TODAY);

describe('parseCreateArticleInput', () => {
  it('normalises a valid input: trimmed text, short ids, bare DOI, lower-case language, defaults', () => {
    const fields = parseCreateArticleInput(
      {
        title: '  Graph gateways  ',
        abstract: '  An abstract. ',
        publicationDate: ' 2024-03-01 ',
        doi: 'https://doi.org/10.1234/ABC',
        authorIds: ['https://openalex.org/a5023888391', 'A7'],
        referencedWorkIds: ['w2741809807', 'https://openalex.org/W1'],
        topicIds: ['t11302', 'T2'],
        language: ' EN ',
      },
      TODAY,
    );
    expect(fields).toEqual({
      title: 'Graph gateways',
      abstract: 'An abstract.',
      publicationDate: '2024-03-01',
      doi: '10.1234/abc',
      byline: [
        { kind: 'existing', authorId: 'A5023888391' },
        { kind: 'existing', authorId: 'A7' },
      ],
      referencedWorkIds: ['W2741809807', 'W1'],
      topicIds: ['T11302', 'T2'],
      isOpenAccess: false,
      language: 'en',
    });
  });

  it('treats absent and blank optional fields as null or empty', () => {
    const fields = parseCreateArticleInput({ ...VALID, abstract: '   ', doi: ' ', language: '', referencedWorkIds: null, topicIds: null }, TODAY);
    expect(fields.abstract).toBeNull();
    expect(fields.doi).toBeNull();
    expect(fields.language).toBeNull();
    expect(fields.referencedWorkIds).toEqual([]);
    expect(fields.topicIds).toEqual([]);
    expect(fields.isOpenAccess).toBe(false);
    expect(parseCreateArticleInput({ ...VALID, isOpenAccess: true }, TODAY).isOpenAccess).toBe(true);
  });

  it('gives each new author a fresh minted author id, after the existing authors, with a normalised ORCID', () => {
    const fields = parseCreateArticleInput(
      {
        ...VALID,
        authorIds: ['A1'],
        newAuthors: [
          { displayName: '  Ada Lovelace ', orcid: 'https://orcid.org/0000-0002-1694-233x' },
          { displayName: 'Charles Babbage', orcid: null },
          { displayName: 'Mary Somerville', orcid: '  ' },
        ],
      },
      TODAY,
    );
    expect(fields.byline).toHaveLength(4);
    expect(fields.byline[0]).toEqual({ kind: 'existing', authorId: 'A1' });
    const created = fields.byline.slice(1);
    expect(created.map((b) => b.kind)).toEqual(['new', 'new', 'new']);
    expect(created).toEqual([
      expect.objectContaining({ displayName: 'Ada Lovelace', orcid: '0000-0002-1694-233X' }),
      expect.objectContaining({ displayName: 'Charles Babbage', orcid: null }),
      expect.objectContaining({ displayName: 'Mary Somerville', orcid: null }),
    ]);
    for (const entry of created) expect(toMintedId(authorIdOf(entry) ?? '', 'A')).toBe(authorIdOf(entry));
    expect(new Set(created.map(authorIdOf)).size).toBe(3);
  });

  it('mints different author ids on each call for the same input', () => {
    const input = { ...VALID, authorIds: [], newAuthors: [{ displayName: 'Ada' }] };
    const a = authorIdOf(parseCreateArticleInput(input, TODAY).byline[0]);
    const b = authorIdOf(parseCreateArticleInput(input, TODAY).byline[0]);
    expect(a).not.toBe(b);
  });

  it('accepts minted work and author ids, case-insensitively, in their canonical form', () => {
    const hex = '0123456789abcdef0123456789abcdef';
    const fields = parseCreateArticleInput({ ...VALID, authorIds: [`ag${hex}`], referencedWorkIds: [`wg${hex}`] }, TODAY);
    expect(fields.byline).toEqual([{ kind: 'existing', authorId: `AG${hex.toUpperCase()}` }]);
    expect(fields.referencedWorkIds).toEqual([`WG${hex.toUpperCase()}`]);
  });

  it('reports every problem at once, each with its field path', () => {
    const err = badInput(() =>
      parseCreateArticleInput(
        {
          title: '   ',
          publicationDate: '2024-02-30',
          doi: 'not a doi',
          authorIds: ['W1', 'A2', 'a2'],
          newAuthors: [{ displayName: 'Ada', orcid: '0000-0002-1825-0098' }, { displayName: '', orcid: '1234' }],
          referencedWorkIds: ['A1'],
          topicIds: ['T1', 'nope'],
          language: 'eng',
        },
        TODAY,
      ),
    );
    const problems = err.extensions['problems'] as InputProblem[];
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'input.title',
        'input.publicationDate',
        'input.doi',
        'input.authorIds[0]',
        'input.authorIds[2]',
        'input.newAuthors[0].orcid',
        'input.newAuthors[1].displayName',
        'input.newAuthors[1].orcid',
        'input.referencedWorkIds[0]',
        'input.topicIds[1]',
        'input.language',
      ].sort(),
    );
    // The first problem is the error's `argument`, and every message is in the error's message.
    expect(err.extensions['argument']).toBe(problems[0]?.field);
    for (const p of problems) expect(err.message).toContain(`${p.field}: ${p.message}`);
    expect(problems.find((p) => p.field === 'input.authorIds[2]')?.message).toContain('A2 is listed twice');
    expect(problems.find((p) => p.field === 'input.newAuthors[0].orcid')?.message).toContain('check digit');
    expect(problems.find((p) => p.field === 'input.publicationDate')?.message).toContain('not a calendar day');
  });

  it('needs at least one author, from either list', () => {
    expect(fieldsOf(create({ authorIds: [], newAuthors: [] }))).toEqual(['input.authorIds']);
    expect(fieldsOf(create({ authorIds: null, newAuthors: null }))).toEqual(['input.authorIds']);
    expect(parseCreateArticleInput({ ...VALID, authorIds: null, newAuthors: [{ displayName: 'Ada' }] }, TODAY).byline).toHaveLength(1);
  });

  describe('publication date', () => {
    it.each(['2024-3-1', '2024/03/01', '24-03-01', 'March 2024', '2024-03-01T00:00:00Z', ''])('refuses the malformed date %j', (date) => {
      const [problem] = problemsOf(create({ publicationDate: date }));
      expect(problem?.field).toBe('input.publicationDate');
      expect(problem?.message).toContain('YYYY-MM-DD');
    });

    it.each(['2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00'])('refuses %s, which is not a calendar day', (date) => {
      expect(problemsOf(create({ publicationDate: date }))).toEqual([{ field: 'input.publicationDate', message: `${date} is not a calendar day` }]);
    });

    it('accepts a leap day and the years from 1500 to next year', () => {
      expect(parseCreateArticleInput({ ...VALID, publicationDate: '2024-02-29' }, TODAY).publicationDate).toBe('2024-02-29');
      expect(parseCreateArticleInput({ ...VALID, publicationDate: '1500-01-01' }, TODAY).publicationDate).toBe('1500-01-01');
      expect(parseCreateArticleInput({ ...VALID, publicationDate: '2026-12-31' }, TODAY).publicationDate).toBe('2026-12-31');
    });

    it('refuses years before 1500 and after next year (relative to `today`)', () => {
      expect(problemsOf(create({ publicationDate: '1499-12-31' }))[0]?.message).toContain('between 1500 and 2026');
      expect(problemsOf(create({ publicationDate: '2027-01-01' }))[0]?.message).toContain('between 1500 and 2026');
      expect(parseCreateArticleInput({ ...VALID, publicationDate: '2027-01-01' }, new Date(Date.UTC(2026, 0, 1))).publicationDate).toBe('2027-01-01');
    });
  });

  describe('limits', () => {
    it('counts title characters by code point, up to ARTICLE_LIMITS.titleLength', () => {
      const emoji = '\u{1F600}';
      expect(parseCreateArticleInput({ ...VALID, title: emoji.repeat(ARTICLE_LIMITS.titleLength) }, TODAY).title).toHaveLength(2 * ARTICLE_LIMITS.titleLength);
      const [problem] = problemsOf(create({ title: 'x'.repeat(ARTICLE_LIMITS.titleLength + 1) }));
      expect(problem).toEqual({ field: 'input.title', message: `at most ${ARTICLE_LIMITS.titleLength} characters (got ${ARTICLE_LIMITS.titleLength + 1})` });
    });

    it('limits the abstract and new author names', () => {
      expect(parseCreateArticleInput({ ...VALID, abstract: 'a'.repeat(ARTICLE_LIMITS.abstractLength) }, TODAY).abstract).toHaveLength(ARTICLE_LIMITS.abstractLength);
      expect(fieldsOf(create({ abstract: 'a'.repeat(ARTICLE_LIMITS.abstractLength + 1) }))).toEqual(['input.abstract']);
      expect(fieldsOf(create({ newAuthors: [{ displayName: 'n'.repeat(ARTICLE_LIMITS.authorNameLength + 1) }] }))).toEqual(['input.newAuthors[0].displayName']);
      expect(parseCreateArticleInput({ ...VALID, newAuthors: [{ displayName: 'n'.repeat(ARTICLE_LIMITS.authorNameLength) }] }, TODAY).byline).toHaveLength(2);
    });

    it('refuses NUL characters in text', () => {
      expect(problemsOf(create({ title: 'a\u0000b' }))).toEqual([{ field: 'input.title', message: 'cannot contain NUL characters' }]);
      expect(fieldsOf(create({ abstract: '\u0000' }))).toEqual(['input.abstract']);
    });

    it('reads text that shows nothing as missing, and refuses control characters and ANSI escapes', () => {
      expect(problemsOf(create({ title: '\u200b' }))).toEqual([{ field: 'input.title', message: 'is required and cannot be empty' }]);
      expect(problemsOf(create({ title: ' \u200b\u2060 ' }))).toEqual([{ field: 'input.title', message: 'is required and cannot be empty' }]);
      expect(parseCreateArticleInput({ ...VALID, abstract: '\u200b' }, TODAY).abstract).toBeNull();
      expect(parseCreateArticleInput({ ...VALID, title: '\u200bGraph gateways\n' }, TODAY).title).toBe('Graph gateways');
      expect(problemsOf(create({ title: 'Red \u001b[31malert\u001b[0m' }))).toEqual([
        { field: 'input.title', message: 'cannot contain control characters such as U+001B (an ANSI escape)' },
      ]);
      expect(fieldsOf(create({ title: 'two\nlines' }))).toEqual(['input.title']);
      expect(fieldsOf(create({ newAuthors: [{ displayName: 'Ada\u0007' }], authorIds: [] }))).toEqual(['input.newAuthors[0].displayName']);
      expect(fieldsOf(create({ abstract: 'bell\u0007' }))).toEqual(['input.abstract']);
      expect(parseCreateArticleInput({ ...VALID, abstract: 'First.\n\n\tSecond.' }, TODAY).abstract).toBe('First.\n\n\tSecond.');
    });

    it('refuses an unpaired surrogate in text', () => {
      expect(problemsOf(create({ title: 'x\uD800' }))).toEqual([{ field: 'input.title', message: 'cannot contain an unpaired surrogate (U+D800)' }]);
    });

    it('refuses DOIs with unprintable suffixes or longer than 300 characters', () => {
      expect(problemsOf(create({ doi: '10.1234/\u0001\u0002' }))).toEqual([{ field: 'input.doi', message: expect.stringMatching(/^holds a character that is not printable/) }]);
      expect(problemsOf(create({ doi: `10.1234/${'x'.repeat(2000)}` }))).toEqual([{ field: 'input.doi', message: expect.stringMatching(/^is longer than 300 characters/) }]);
      expect(problemsOf(create({ doi: `10.1234/${'x'.repeat(2992)}` }))[0]?.message.length).toBeLessThan(400);
      expect(parseCreateArticleInput({ ...VALID, doi: `10.1234/${'x'.repeat(292)}` }, TODAY).doi).toHaveLength(300);
    });

    it('accepts only real ISO 639-1 languages', () => {
      expect(problemsOf(create({ language: 'xx' }))).toEqual([{ field: 'input.language', message: 'xx is not an ISO 639-1 language code (two letters such as en, fr, zh)' }]);
      expect(fieldsOf(create({ language: 'QQ' }))).toEqual(['input.language']);
      for (const language of ['en', 'FR', ' zh ', 'bh']) expect(parseCreateArticleInput({ ...VALID, language }, TODAY).language).toBe(language.trim().toLowerCase());
    });

    it('accepts exactly the maximum number of references and topics, not one more', () => {
      const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
      const fields = parseCreateArticleInput({ ...VALID, referencedWorkIds: ids('W', ARTICLE_LIMITS.references), topicIds: ids('T', ARTICLE_LIMITS.topics) }, TODAY);
      expect(fields.referencedWorkIds).toHaveLength(ARTICLE_LIMITS.references);
      expect(fields.topicIds).toHaveLength(ARTICLE_LIMITS.topics);
      expect(problemsOf(create({ referencedWorkIds: ids('W', ARTICLE_LIMITS.references + 1) }))).toEqual([
        { field: 'input.referencedWorkIds', message: `at most ${ARTICLE_LIMITS.references} ids (got ${ARTICLE_LIMITS.references + 1})` },
      ]);
      expect(fieldsOf(create({ topicIds: ids('T', ARTICLE_LIMITS.topics + 1) }))).toEqual(['input.topicIds']);
    });

    it('limits the byline to ARTICLE_LIMITS.authors in all, counting both lists', () => {
      const existing = Array.from({ length: 60 }, (_, i) => `A${i + 1}`);
      const created = Array.from({ length: 40 }, (_, i) => ({ displayName: `New ${i}` }));
      expect(parseCreateArticleInput({ ...VALID, authorIds: existing, newAuthors: created }, TODAY).byline).toHaveLength(ARTICLE_LIMITS.authors);
      expect(problemsOf(create({ authorIds: existing, newAuthors: [...created, { displayName: 'One too many' }] }))).toEqual([
        { field: 'input.newAuthors', message: `at most ${ARTICLE_LIMITS.authors} authors in all (got ${ARTICLE_LIMITS.authors + 1})` },
      ]);
    });

    // Too many authorIds make `ids` answer no id at all: the byline must not then be reported empty as well.
    it('reports too many authorIds once, not also as "needs at least one author"', () => {
      const tooMany = Array.from({ length: ARTICLE_LIMITS.authors + 1 }, (_, i) => `A${i + 1}`);
      expect(problemsOf(create({ authorIds: tooMany, newAuthors: null }))).toEqual([
        { field: 'input.authorIds', message: `at most ${ARTICLE_LIMITS.authors} ids (got ${ARTICLE_LIMITS.authors + 1})` },
      ]);
    });
  });

  it('refuses an ORCID that is malformed, and one with a wrong check digit', () => {
    expect(problemsOf(create({ newAuthors: [{ displayName: 'Ada', orcid: '0000-0002-1825' }] }))).toEqual([
      { field: 'input.newAuthors[0].orcid', message: 'must be an ORCID such as 0000-0002-1825-0097 (got "0000-0002-1825")' },
    ]);
    expect(problemsOf(create({ newAuthors: [{ displayName: 'Ada', orcid: '0000-0002-1825-0079' }] }))).toEqual([
      { field: 'input.newAuthors[0].orcid', message: '0000-0002-1825-0079 has a wrong check digit' },
    ]);
  });
});

describe('parseUpdateArticleInput', () => {
  it('puts only the keys present in the input into the patch', () => {
    expect(parseUpdateArticleInput({ version: 3 }, TODAY)).toEqual({ version: 3, patch: {} });
    const { patch } = parseUpdateArticleInput({ version: 3, title: ' New ', language: 'FR' }, TODAY);
    expect(patch).toEqual({ title: 'New', language: 'fr' });
    expect(Object.keys(patch).sort()).toEqual(['language', 'title']);
  });

  it('treats a key explicitly set to undefined as absent', () => {
    const { patch } = parseUpdateArticleInput({ version: 3, title: undefined, abstract: undefined, isOpenAccess: undefined }, TODAY);
    expect(patch).toEqual({});
  });

  it('clears nullable fields given as null', () => {
    const { patch } = parseUpdateArticleInput({ version: 2, abstract: null, doi: null, language: null, referencedWorkIds: null, topicIds: null }, TODAY);
    expect(patch).toEqual({ abstract: null, doi: null, language: null, referencedWorkIds: [], topicIds: [] });
  });

  it('refuses null for required fields, every one reported', () => {
    expect(fieldsOf(update({ title: null, publicationDate: null, isOpenAccess: null })).sort()).toEqual(['input.isOpenAccess', 'input.publicationDate', 'input.title']);
  });

  it('replaces the whole byline when either author list is given', () => {
    expect(parseUpdateArticleInput({ version: 3, authorIds: ['a9', 'A8'] }, TODAY).patch).toEqual({
      byline: [
        { kind: 'existing', authorId: 'A9' },
        { kind: 'existing', authorId: 'A8' },
      ],
    });
    const { patch } = parseUpdateArticleInput({ version: 3, newAuthors: [{ displayName: 'Ada' }] }, TODAY);
    expect(patch.byline).toEqual([expect.objectContaining({ kind: 'new', displayName: 'Ada', orcid: null })]);
    expect(toMintedId(authorIdOf(patch.byline?.[0]) ?? '', 'A')).toBeDefined();
  });

  it('refuses a byline emptied by an update', () => {
    expect(fieldsOf(update({ authorIds: [] }))).toEqual(['input.authorIds']);
    expect(fieldsOf(update({ authorIds: null, newAuthors: null }))).toEqual(['input.authorIds']);
  });

  it('sets isOpenAccess to false as well as true', () => {
    expect(parseUpdateArticleInput({ version: 3, isOpenAccess: false }, TODAY).patch).toEqual({ isOpenAccess: false });
    expect(parseUpdateArticleInput({ version: 3, isOpenAccess: true }, TODAY).patch).toEqual({ isOpenAccess: true });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the version %p', (version) => {
    expect(problemsOf(() => parseUpdateArticleInput({ version }, TODAY))).toEqual([
      { field: 'input.version', message: 'must be a version number (1 or more) read from Work.version' },
    ]);
  });

  it('reports problems of the version and of the fields together', () => {
    expect(fieldsOf(() => parseUpdateArticleInput({ version: 0, doi: 'nope', topicIds: ['W1'] }, TODAY))).toEqual([
      'input.version',
      'input.doi',
      'input.topicIds[0]',
    ]);
  });

  it('validates the publication date against `today`', () => {
    expect(parseUpdateArticleInput({ version: 1, publicationDate: '2026-01-01' }, TODAY).patch).toEqual({ publicationDate: '2026-01-01' });
    expect(fieldsOf(update({ publicationDate: '2027-01-01' }))).toEqual(['input.publicationDate']);
  });
});
