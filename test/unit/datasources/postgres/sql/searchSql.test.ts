import { searchSignature } from '../../../../../datasources/shared/searchSignature';
import {
  decodeSearchCursor,
  encodeSearchCursor,
  MARK_START,
  MARK_STOP,
  markedSnippets,
  searchFacetsSql,
  searchPageSql,
} from '../../../../../datasources/postgres/sql/searchSql';
import { SqlParams } from '../../../../../datasources/postgres/sql/SqlParams';
import { splitFacetFilter } from '../../../../../datasources/shared/facetFilters';
import { searchPlan } from '../../../../../datasources/shared/searchPlan';
import { bonusText } from '../../../../../datasources/shared/searchQuery';
import { cursorRefusal } from '../../../../support/cursorRefusal';

const INJECTION = "'; DROP TABLE works; --";

/** The placeholders are exactly $1…$N for N bound values. */
function expectPlaceholdersMatch(text: string, params: SqlParams): void {
  const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(params.values.map((_, i) => i + 1));
}

describe('search SQL', () => {
  it('binds the query text (never spliced into the statement), the filter values, the cursor and the limit', () => {
    const params = new SqlParams();
    const sql = searchPageSql(searchPlan(INJECTION, []), bonusText(INJECTION), { authorId: 'A1', publicationYear: { gte: 2020 } }, 5, { key: '1.0607927', id: 'W9' }, params);
    expect(sql).not.toContain('DROP TABLE');
    expect(sql).toContain("plainto_tsquery('simple'::regconfig, translate($1::text, '/', ' '))");
    // The query's terms are bound one by one ("'; DROP TABLE works; --" holds three; "';" and "--" hold no word), never spliced.
    expect(params.values).toEqual(expect.arrayContaining(['DROP', 'TABLE', 'works;', 'A1', 2020, '1.0607927', 'W9', 6]));
    expectPlaceholdersMatch(sql, params);
    expect(sql).toMatch(/s\.k < \$\d+::real OR \(s\.k = \$\d+::real AND s\.id COLLATE "C" > \$\d+::text\)/);
  });

  it('removes NUL characters, which PostgreSQL text cannot hold', () => {
    const params = new SqlParams();
    searchPageSql(searchPlan('hydro\0gen', []), 'hydrogen', undefined, 5, undefined, params);
    expect(params.values[0]).toBe('hydrogen');
  });

  it('counts the total and every facet in one statement over the same match set', () => {
    const params = new SqlParams();
    const sql = searchFacetsSql(searchPlan(INJECTION, []), splitFacetFilter({ topicId: 'T1' }), params);
    expect(sql).not.toContain('DROP TABLE');
    expect(params.values).toEqual(['DROP', 'TABLE', 'works;', 'T1']);
    expectPlaceholdersMatch(sql, params);
    for (const facet of ["'total'", "'year'", "'type'", "'oa'", "'topic'"]) expect(sql).toContain(facet);
    expect(sql).toContain('LIMIT 20');
  });
});

describe('search cursors', () => {
  const sig = searchSignature(['postgresql'], 'hydrogen', { isOpenAccess: true });

  it('round-trip the score text and id', () => {
    expect(decodeSearchCursor(sig, encodeSearchCursor(sig, { key: '1.0607927', id: 'W1' }))).toEqual({ key: '1.0607927', id: 'W1' });
  });

  it('are bound to the query and the filter', () => {
    expect(searchSignature(['postgresql'], 'hydrogen', { isOpenAccess: true, authorId: null })).toBe(sig);
    expect(searchSignature(['postgresql'], 'Hydrogen', { isOpenAccess: true })).not.toBe(sig);
    expect(searchSignature(['postgresql'], 'hydrogen', { isOpenAccess: false })).not.toBe(sig);
    const other = encodeSearchCursor(searchSignature(['postgresql'], 'helium', undefined), { key: '1', id: 'W1' });
    expect(cursorRefusal(() => decodeSearchCursor(sig, other))).toEqual(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }));
  });

  it('reject anything that is not a cursor', () => {
    const bad = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    for (const cursor of ['', '!!', bad({ s: sig, v: [1, 'W1'] }), bad({ s: sig, v: ['NaN', 'W1'] }), bad({ s: sig, v: ['1'] }), bad({ s: sig, v: ['1', 2] })]) {
      expect(cursorRefusal(() => decodeSearchCursor(sig, cursor))).toEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});

describe('search cursors (forged)', () => {
  const sig = searchSignature(['postgresql'], 'hydrogen', undefined);
  const forged = (v: unknown[]) => Buffer.from(JSON.stringify({ s: sig, v })).toString('base64url');

  it.each([[''], [' '], ['0b1'], ['1e39'], ['0x1p3'], ['NaN'], ['Infinity'], ['1e-50']])('refuse the score %j, which PostgreSQL cannot read as a real', (score) => {
    expect(cursorRefusal(() => decodeSearchCursor(sig, forged([score, 'W1'])))).toEqual(
      expect.objectContaining({ message: expect.stringMatching(/score must be a decimal number that fits a 32-bit float/), extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }),
    );
  });

  it('refuse an id that no store can hold', () => {
    for (const id of ['W1\u0000', '\uD800', 'W'.repeat(101)]) {
      expect(cursorRefusal(() => decodeSearchCursor(sig, forged(['1.5', id])))).toEqual(expect.objectContaining({ message: expect.stringMatching(/id /) }));
    }
  });
});

describe('markedSnippets (ts_headline output as safe HTML)', () => {
  it('escapes the text, turns markers into <em>, splits fragments and drops those without a match', () => {
    const marked = `a ${MARK_START}oil${MARK_STOP} & <i>water</i>\uE002 no match here \uE002"${MARK_START}oil${MARK_STOP}" `;
    expect(markedSnippets(marked)).toEqual(['a <em>oil</em> &amp; &lt;i&gt;water&lt;/i&gt;', '&quot;<em>oil</em>&quot;']);
    expect(markedSnippets(null)).toEqual([]);
  });

  it('puts back the slashes that the headline saw as spaces', () => {
    const original = 'Experimental investigation of shale/hydrogen interactions in oil/water systems';
    const title = `Experimental investigation of shale ${MARK_START}hydrogen${MARK_STOP} interactions in oil water systems`;
    expect(markedSnippets(title, original)).toEqual(['Experimental investigation of shale/<em>hydrogen</em> interactions in oil/water systems']);
    const fragments = `shale ${MARK_START}hydrogen${MARK_STOP}\uE002in ${MARK_START}oil${MARK_STOP} water`;
    expect(markedSnippets(fragments, original)).toEqual(['shale/<em>hydrogen</em>', 'in <em>oil</em>/water']);
    expect(markedSnippets(`not ${MARK_START}found${MARK_STOP}`, original)).toEqual(['not <em>found</em>']);
  });

  it("reads text holding the markers' own characters right: the headline saw them blanked, the snippet takes them back", () => {
    // The original holds U+E000…U+E002 and markup; ts_headline read it with those (and slashes, < and >) as spaces.
    const original = 'Hydrogen \uE000storage\uE001 in <em>salt</em>/caverns \uE002';
    const headline = `Hydrogen  ${MARK_START}storage${MARK_STOP}  in  em salt  em  caverns  `;
    expect(markedSnippets(headline, original)).toEqual(['Hydrogen \uE000<em>storage</em>\uE001 in &lt;em&gt;salt&lt;/em&gt;/caverns \uE002']);
    const abstract = 'Salt caverns \uE001 hold hydrogen. Nothing here. \uE000 Caverns again.';
    const fragments = `Salt ${MARK_START}caverns${MARK_STOP}   hold hydrogen.\uE002   ${MARK_START}Caverns${MARK_STOP} again.`;
    expect(markedSnippets(fragments, abstract)).toEqual(['Salt <em>caverns</em> \uE001 hold hydrogen.', '\uE000 <em>Caverns</em> again.']);
  });
});
