import { searchIndexContract } from '../contract/searchIndexContract';
import { searchSyntaxContract } from '../contract/searchSyntaxContract';
import { sampleGroundTruth } from '../support/sampleGroundTruth';
import { embeddedCatalog } from './support/embeddedCatalog';

describe('PostgresSearchIndex on embedded PGlite (shipped sample)', () => {
  const catalog = embeddedCatalog();

  it('indexes every loaded work (migration 002 fills search_vector for rows written before and after it)', async () => {
    const [row] = await catalog().sql.query<{ n: number }>("SELECT count(*)::integer AS n FROM works WHERE search_vector <> ''::tsvector");
    expect(row?.n).toBe([...sampleGroundTruth().works.values()].filter((w) => w.title != null || w.abstract != null).length);
  });

  searchIndexContract('PostgreSQL full-text search (PGlite)', () => catalog().search);
  searchSyntaxContract('PostgreSQL full-text search (PGlite)', () => catalog().search);
});
