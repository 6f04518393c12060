import { autocompleteTsquery, autocompleteWorksSql, suggestEntitiesSql } from '../../../../../datasources/postgres/sql/autocompleteSql';
import { SqlParams } from '../../../../../datasources/postgres/sql/SqlParams';

describe('autocompleteSql', () => {
  it('makes every word a quoted lexeme, the last a prefix, AND-ed (title words: weight A)', () => {
    expect(autocompleteTsquery({ whole: ['hydrogen', 'co2'], prefix: 'st' }, 'A')).toBe("'hydrogen':A & 'co2':A & 'st':*A");
    expect(autocompleteTsquery({ whole: [], prefix: 'st' })).toBe("'st':*");
    // Words never hold quotes or backslashes (autocompleteWords), but the quoting would neutralise them.
    expect(autocompleteTsquery({ whole: ["x' | 'y"], prefix: 'a\\b' })).toBe("'x'' | ''y' & 'a\\\\b':*");
  });

  it('binds the tsquery text and the limit; works rank by citations, then title, then id', () => {
    const params = new SqlParams();
    const sql = autocompleteWorksSql({ whole: ['hydrogen'], prefix: 'st' }, 10, params);
    expect(sql).toContain("w.search_vector @@ to_tsquery('simple'::regconfig, $1::text)");
    expect(sql).toContain('ORDER BY w.cited_by_count DESC, translate(w.title');
    expect(params.values).toEqual(["'hydrogen':A & 'st':*A", 10]);
  });

  it('ranks authors by their cited-by count and other entities by name', () => {
    const authors = suggestEntitiesSql('author', { whole: [], prefix: 'ad' }, 5, new SqlParams());
    expect(authors).toContain('FROM authors e');
    expect(authors).toContain('ORDER BY COALESCE(e.cited_by_count, 0) DESC, translate(e.display_name');
    for (const [kind, table] of [['topic', 'topics'], ['institution', 'institutions'], ['source', 'sources']] as const) {
      const sql = suggestEntitiesSql(kind, { whole: [], prefix: 'ad' }, 5, new SqlParams());
      expect(sql).toContain(`FROM ${table} e`);
      expect(sql).toContain('ORDER BY translate(e.display_name');
    }
  });
});
