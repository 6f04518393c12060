-- Every entity as a root and lookups by external id (issue 15): what the new reads need.
-- A source's ISSNs (OpenAlex `issn`, besides `issn_l`), hyphenated with a capital X as OpenAlex prints them, so
-- `source(issn:)` finds a journal by its print or electronic ISSN; sources loaded before this migration have
-- none until they are seeded again.
ALTER TABLE sources ADD COLUMN IF NOT EXISTS issns text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS sources_issns_idx ON sources USING gin (issns);
CREATE INDEX IF NOT EXISTS sources_issn_l_idx ON sources (issn_l);
-- RORs are stored as OpenAlex gives them (`https://ror.org/02ztp3208`); lookups compare them lowercased.
CREATE INDEX IF NOT EXISTS institutions_ror_idx ON institutions (lower(ror));
-- A source's works (`Source.works`, its top authors) and an institution's (`Institution.works`: works whose
-- byline names the institution on some entry).
CREATE INDEX IF NOT EXISTS works_source_idx ON works (source_id, id);
CREATE INDEX IF NOT EXISTS authorships_institution_ids_idx ON authorships USING gin (institution_ids);
