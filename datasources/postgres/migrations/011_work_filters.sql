-- More WorkFilter fields (issue 15, part 3; datasources/postgres/sql/workSql.ts). Expression and plain indexes only,
-- no new columns: each filter reads what 001–010 store through one of these or an index that exists already
-- (sourceId: works_source_idx; institutionId: authorships_institution_ids_idx; cites / citedBy: work_references'
-- primary key and work_references_cited_idx; publicationDate: works_publication_date_idx).
-- language: any of a few codes, a page then read in cited-by order within it (as works_type_idx does for type).
CREATE INDEX IF NOT EXISTS works_language_idx ON works (language, cited_by_count DESC, id);
-- countryCode: the institutions of the countries (compared uppercased), then their works through the GIN index on
-- authorships.institution_ids.
CREATE INDEX IF NOT EXISTS institutions_country_code_idx ON institutions (upper(country_code));
-- topicField / topicSubfield / topicDomain: the topics of the name, then their works through work_topics_topic_idx.
CREATE INDEX IF NOT EXISTS topics_field_idx ON topics (field);
CREATE INDEX IF NOT EXISTS topics_subfield_idx ON topics (subfield);
CREATE INDEX IF NOT EXISTS topics_domain_idx ON topics (domain);
