import { bonusText, MAX_SEARCH_TERMS, parseSearchQuery } from '../../../../datasources/shared/searchQuery';
import { searchPlan } from '../../../../datasources/shared/searchPlan';

const w = (text: string) => ({ kind: 'word', text });
const p = (text: string) => ({ kind: 'phrase', text });

describe('parseSearchQuery (web-search syntax → AST)', () => {
  it('reads words as an AND of one-term clauses', () => {
    expect(parseSearchQuery('hydrogen  storage\tshale')).toEqual({ clauses: [[w('hydrogen')], [w('storage')], [w('shale')]], exclude: [] });
    expect(parseSearchQuery('')).toEqual({ clauses: [], exclude: [] });
  });

  it('reads OR (any case) between two terms as alternatives, binding tighter than AND', () => {
    expect(parseSearchQuery('CO2 or hydrogen')).toEqual({ clauses: [[w('CO2'), w('hydrogen')]], exclude: [] });
    expect(parseSearchQuery('a b OR c d')).toEqual({ clauses: [[w('a')], [w('b'), w('c')], [w('d')]], exclude: [] });
    expect(parseSearchQuery('a OR b Or "c d"')).toEqual({ clauses: [[w('a'), w('b'), p('c d')]], exclude: [] });
  });

  it('drops an OR without a term on both sides', () => {
    expect(parseSearchQuery('OR a')).toEqual({ clauses: [[w('a')]], exclude: [] });
    expect(parseSearchQuery('a OR')).toEqual({ clauses: [[w('a')]], exclude: [] });
    expect(parseSearchQuery('a OR OR b')).toEqual({ clauses: [[w('a')], [w('b')]], exclude: [] });
    expect(parseSearchQuery('or')).toEqual({ clauses: [], exclude: [] });
  });

  it('reads quoted phrases (OR and - inside are words; an unclosed quote runs to the end)', () => {
    expect(parseSearchQuery('"enhanced oil recovery" shale')).toEqual({ clauses: [[p('enhanced oil recovery')], [w('shale')]], exclude: [] });
    expect(parseSearchQuery('"oil OR -gas"')).toEqual({ clauses: [[p('oil OR -gas')]], exclude: [] });
    expect(parseSearchQuery('storage "underground hydrogen')).toEqual({ clauses: [[w('storage')], [p('underground hydrogen')]], exclude: [] });
    expect(parseSearchQuery('co2"capture"')).toEqual({ clauses: [[w('co2')], [p('capture')]], exclude: [] });
  });

  it('reads a leading - as an exclusion, never joined to an OR; a - inside a word is part of it', () => {
    expect(parseSearchQuery('shale -oil -"enhanced recovery"')).toEqual({ clauses: [[w('shale')]], exclude: [w('oil'), p('enhanced recovery')] });
    expect(parseSearchQuery('a OR -b c')).toEqual({ clauses: [[w('a')], [w('c')]], exclude: [w('b')] });
    expect(parseSearchQuery('-b OR c')).toEqual({ clauses: [[w('c')]], exclude: [w('b')] });
    expect(parseSearchQuery('CO2-EOR geo-storage')).toEqual({ clauses: [[w('CO2-EOR')], [w('geo-storage')]], exclude: [] });
    expect(parseSearchQuery('-or')).toEqual({ clauses: [], exclude: [w('or')] });
  });

  it('drops terms without a letter or digit, and keeps hostile text as term values', () => {
    expect(parseSearchQuery('%_\\ !? - "" * --')).toEqual({ clauses: [], exclude: [] });
    expect(parseSearchQuery("'; DROP TABLE works; --")).toEqual({ clauses: [[w('DROP')], [w('TABLE')], [w('works;')]], exclude: [] });
    expect(parseSearchQuery('a:* & !b')).toEqual({ clauses: [[w('a:*')], [w('!b')]], exclude: [] });
    expect(parseSearchQuery('hydro\0gen')).toEqual({ clauses: [[w('hydrogen')]], exclude: [] });
  });

  it(`keeps at most ${MAX_SEARCH_TERMS} terms`, () => {
    const q = parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    expect(q.clauses).toHaveLength(MAX_SEARCH_TERMS);
  });
});

describe('bonusText', () => {
  it('is the text with quotes as spaces and exclusion dashes removed', () => {
    expect(bonusText('"CO2 storage" or -shale geo-storage')).toBe('CO2 storage  or shale geo-storage');
  });
});

describe('searchPlan', () => {
  it('defaults to relevance with terms, to most cited when browsing or only excluding', () => {
    expect(searchPlan('hydrogen', [])).toMatchObject({ sort: 'RELEVANCE', ranked: true, canMatch: true });
    expect(searchPlan('  ', [])).toMatchObject({ sort: 'CITED_BY_COUNT_DESC', ranked: false, canMatch: true });
    expect(searchPlan('-oil', ['RELEVANCE'])).toMatchObject({ sort: 'CITED_BY_COUNT_DESC', ranked: false, canMatch: true });
    expect(searchPlan('hydrogen', ['TITLE_ASC'])).toMatchObject({ sort: 'TITLE_ASC', ranked: true });
  });

  it('matches nothing for text that holds no term', () => {
    expect(searchPlan('%_\\ !?', [])).toMatchObject({ canMatch: false, ranked: false });
  });
});
