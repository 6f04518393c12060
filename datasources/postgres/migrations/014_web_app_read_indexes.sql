-- Indexes the plans of issue 15's reads asked for on a generated corpus (test/integration/explainPlans.test.ts,
-- npm run bench:explain; bench/explain/webAppQueries.ts). Plain and partial btree indexes only, no new columns.
-- hasDoi: false (works without a DOI: 7 % of the generated works): the count reads this partial index alone instead
-- of the whole table, and a page is read in cited-by order within it. hasDoi: true reads works_doi_key (migration 001).
CREATE INDEX IF NOT EXISTS works_without_doi_idx ON works (cited_by_count DESC, id) WHERE doi IS NULL;
-- hasAbstract: true / false. The filter compares `COALESCE(abstract, '') <> ''` with the bound boolean; PostgreSQL
-- folds that to the predicate of one of these two partial indexes, whose count is an index-only scan (at 20,000
-- works: 3 ms instead of 13 ms for the 59 % with an abstract). An index on the expression would not do: PostgreSQL
-- plans an index-only scan only when the index holds the columns an expression reads (here the abstract itself).
CREATE INDEX IF NOT EXISTS works_with_abstract_idx ON works (cited_by_count DESC, id) WHERE COALESCE(abstract, '') <> '';
CREATE INDEX IF NOT EXISTS works_without_abstract_idx ON works (cited_by_count DESC, id) WHERE COALESCE(abstract, '') = '';
-- Group-by INSTITUTION and COUNTRY over a search or a filter (datasources/postgres/sql/workGroupSql.ts): the byline
-- institutions of the matched works, read from the index alone per work instead of hashing the whole of authorships
-- (at 20,000 works, 385 matches: 20 ms instead of 85 ms).
CREATE INDEX IF NOT EXISTS authorships_work_institutions_idx ON authorships (work_id) INCLUDE (institution_ids);
