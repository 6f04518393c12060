import { searchQueryDsl } from '../../../../datasources/elasticsearch/searchQueryDsl';
import { parseSearchQuery } from '../../../../datasources/shared/searchQuery';

const fields = ['title^2', 'abstract'];
const word = (query: string) => ({ multi_match: { query, fields, type: 'cross_fields', operator: 'and' } });
const phrase = (query: string) => ({ multi_match: { query, fields, type: 'phrase' } });

describe('searchQueryDsl (AST → Elasticsearch bool clauses)', () => {
  it('renders words as cross-field matches with operator and, phrases as phrase matches, OR as a should, - as must_not', () => {
    expect(searchQueryDsl(parseSearchQuery('CO2 or hydrogen "cushion gas" -shale'))).toEqual({
      must: [{ bool: { should: [word('CO2'), word('hydrogen')], minimum_should_match: 1 } }, phrase('cushion gas')],
      must_not: [word('shale')],
    });
  });

  it('has no clause for an empty query (every document matches)', () => {
    expect(searchQueryDsl(parseSearchQuery(''))).toEqual({ must: [], must_not: [] });
  });

  it('passes hostile text only as match values', () => {
    const dsl = JSON.stringify(searchQueryDsl(parseSearchQuery('{"query_string":{"query":"*"}} title:(a OR b)')));
    expect(dsl).not.toMatch(/"query_string":\{/);
    expect(dsl).toContain('"query":"title:(a"');
  });
});
