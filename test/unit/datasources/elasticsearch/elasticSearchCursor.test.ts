import { searchSignature } from '../../../../datasources/shared/searchSignature';
import {
  decodeElasticCursor,
  encodeElasticCursor,
  markedSnippets,
} from '../../../../datasources/elasticsearch/elasticSearchCursor';
import { cursorRefusal } from '../../../support/cursorRefusal';

describe('Elasticsearch search cursors', () => {
  const sig = searchSignature(['elasticsearch', 'works'], 'hydrogen storage', { publicationYear: { gte: 2020 } });

  it('round-trips the search_after values, opaquely (the query text is not in the cursor)', () => {
    const cursor = encodeElasticCursor(sig, [12.345678, 'W123']);
    expect(decodeElasticCursor(sig, cursor)).toEqual([12.345678, 'W123']);
    expect(Buffer.from(cursor, 'base64url').toString()).not.toContain('hydrogen');
  });

  it('binds a cursor to the index, the query and the filter (filter key order and unset members do not matter)', () => {
    expect(searchSignature(['elasticsearch', 'works'], 'hydrogen storage', { isOpenAccess: null, publicationYear: { lte: undefined, gte: 2020 } })).toBe(sig);
    expect(searchSignature(['elasticsearch', 'works'], 'hydrogen  storage', { publicationYear: { gte: 2020 } })).not.toBe(sig);
    expect(searchSignature(['elasticsearch', 'works'], 'hydrogen storage', { publicationYear: { gte: 2021 } })).not.toBe(sig);
    expect(searchSignature(['elasticsearch', 'works'], 'hydrogen storage', undefined)).not.toBe(sig);
    expect(searchSignature(['elasticsearch', 'works_v2'], 'hydrogen storage', { publicationYear: { gte: 2020 } })).not.toBe(sig);
  });

  it('rejects a cursor of another search, or anything else, as BAD_USER_INPUT on `after`', () => {
    const other = encodeElasticCursor(searchSignature(['elasticsearch', 'works'], 'other', undefined), [1, 'W1']);
    expect(cursorRefusal(() => decodeElasticCursor(sig, other))).toEqual(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }));
    const bad = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    for (const cursor of ['', 'garbage', bad(null), bad({ s: sig }), bad({ s: sig, v: ['1', 'W1'] }), bad({ s: sig, v: [1] }), bad({ s: sig, v: [1, 2] })]) {
      expect(cursorRefusal(() => decodeElasticCursor(sig, cursor))).toEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});

describe('Elasticsearch search cursors (forged)', () => {
  const sig = searchSignature(['elasticsearch', 'works'], 'hydrogen', undefined);
  const forged = (v: unknown[]) => Buffer.from(JSON.stringify({ s: sig, v })).toString('base64url');

  it('refuse a score no float32 holds, and an id no store can hold', () => {
    for (const [v, message] of [
      [[1e39, 'W1'], /score must be a finite 32-bit float/],
      [[-1e300, 'W1'], /score/],
      [[1.5, 'W1\u0000'], /id holds a NUL/],
      [[1.5, 'x\uDC00'], /id holds an unpaired surrogate/],
      [[1.5, 'W'.repeat(101)], /id is longer than 100/],
    ] as const) {
      expect(cursorRefusal(() => decodeElasticCursor(sig, forged([...v])))).toEqual(expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }));
    }
  });
});

describe('markedSnippets (html-encoded highlight fragments as safe HTML)', () => {
  it('reads the encoded text back and escapes it by the shared rule, the <em> tags kept', () => {
    expect(markedSnippets(['CO&lt;sub&gt;2&lt;&#x2F;sub&gt; &amp; <em>hydrogen</em> &quot;storage&quot; it&#x27;s'])).toEqual([
      'CO&lt;sub&gt;2&lt;/sub&gt; &amp; <em>hydrogen</em> &quot;storage&quot; it&#39;s',
    ]);
  });

  it('drops fragments without a highlighted term, and copes with none', () => {
    expect(markedSnippets(['nothing here', '<em>a</em>'])).toEqual(['<em>a</em>']);
    expect(markedSnippets(undefined)).toEqual([]);
  });

  it('keeps text that looks like markup or like the old markers as text', () => {
    expect(markedSnippets(['&lt;em&gt;not a match&lt;&#x2F;em&gt; \uE000<em>storage</em>\uE001 '])).toEqual(['&lt;em&gt;not a match&lt;/em&gt; \uE000<em>storage</em>\uE001']);
    expect(markedSnippets(['&lt;em&gt;only text&lt;&#x2F;em&gt;'])).toEqual([]);
  });
});
