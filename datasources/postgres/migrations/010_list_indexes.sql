-- Indexes the canonical queries' plans asked for on a generated corpus (issue 14, part 6: test/integration/explainPlans.test.ts,
-- npm run bench:explain). Each holds the very expression a query orders or filters by, so a page of a sorted list reads
-- 25 index entries instead of sorting the whole table.
-- PUBLICATION_DATE_ASC/DESC order by the date with unknown dates as the earliest (datasources/postgres/sql/workSql.ts).
CREATE INDEX IF NOT EXISTS works_publication_date_key_idx ON works ((COALESCE(publication_date, DATE '0001-01-01')), id);
-- TITLE_ASC/DESC order by the lower-cased title in byte order.
CREATE INDEX IF NOT EXISTS works_title_key_idx ON works ((lower(COALESCE(title, '')) COLLATE "C"), id);
-- Filters by type and by open access: their counts read the index alone, and a rare type's page is read in
-- cited-by order within it.
CREATE INDEX IF NOT EXISTS works_type_idx ON works (type, cited_by_count DESC, id);
CREATE INDEX IF NOT EXISTS works_open_access_idx ON works (is_open_access, cited_by_count DESC, id);
-- Co-authors: the other names on an author's works, read from the index alone (work_id, author_id) instead of the table.
CREATE INDEX IF NOT EXISTS authorships_work_author_idx ON authorships (work_id, author_id);
