import { searchMatchSql, searchTsquerySql } from '../../../../../datasources/postgres/sql/searchQuerySql';
import { SqlParams } from '../../../../../datasources/postgres/sql/SqlParams';
import { parseSearchQuery } from '../../../../../datasources/shared/searchQuery';

const plain = (n: number) => `plainto_tsquery('simple'::regconfig, translate($${n}::text, '/', ' '))`;
const phrase = (n: number) => `phraseto_tsquery('simple'::regconfig, translate($${n}::text, '/', ' '))`;

describe('searchMatchSql / searchTsquerySql (AST → SQL with bound terms)', () => {
  it('renders words as @@ plainto_tsquery, OR as OR, - as NOT, each term a parameter', () => {
    const params = new SqlParams();
    const sql = searchMatchSql(parseSearchQuery('CO2 or hydrogen -shale'), params);
    expect(sql).toBe(`(w.search_vector @@ ${plain(1)} OR w.search_vector @@ ${plain(2)}) AND NOT (w.search_vector @@ ${plain(3)})`);
    expect(params.values).toEqual(['CO2', 'hydrogen', 'shale']);
  });

  it('checks a phrase within one field (the concatenated vector would let it run from title into abstract)', () => {
    const params = new SqlParams();
    const sql = searchMatchSql(parseSearchQuery('"cushion gas"'), params);
    expect(sql).toContain(`w.search_vector @@ ${phrase(1)} AND (to_tsvector('simple'::regconfig, translate(COALESCE(w.title, ''), '/', ' ')) @@ ${phrase(1)}`);
    expect(sql).toContain(`OR to_tsvector('simple'::regconfig, translate(COALESCE(w.abstract, ''), '/', ' ')) @@ ${phrase(1)}`);
    expect(params.values).toEqual(['cushion gas']);
  });

  it('ranks by the positive terms only: clauses &&, alternatives ||', () => {
    const params = new SqlParams();
    expect(searchTsquerySql(parseSearchQuery('a OR "b c" d -e'), params)).toBe(`(${plain(1)} || ${phrase(2)}) && (${plain(3)})`);
    expect(params.values).toEqual(['a', 'b c', 'd']);
    expect(searchTsquerySql(parseSearchQuery('-e'), new SqlParams())).toBeUndefined();
  });

  it('matches everything for an empty query, and never splices the text', () => {
    expect(searchMatchSql(parseSearchQuery(''), new SqlParams())).toBe('TRUE');
    const params = new SqlParams();
    const sql = searchMatchSql(parseSearchQuery("x' | 'y:* & !z"), params);
    expect(sql).not.toMatch(/'y|!z|x'/);
    expect(params.values).toEqual(["x'", "'y:*", '!z']); // '|' and '&' hold no word
  });
});
