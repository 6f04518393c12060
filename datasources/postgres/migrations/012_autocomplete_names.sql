-- Autocomplete for authors, topics, institutions and sources (issue 15, part 6; datasources/postgres/sql/autocompleteSql.ts).
-- Each display name's words as the `simple` configuration cuts them (lowercased, not stemmed; slashes as spaces, as
-- in works.search_vector, migration 002), generated so that every writer keeps it current, with a GIN index that
-- answers whole lexemes and prefix lexemes (`'hydr':*`) without reading the table. Works autocomplete reads the
-- title's weight-A lexemes of works.search_vector.
ALTER TABLE authors ADD COLUMN IF NOT EXISTS name_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(display_name, '/', ' '))) STORED;
ALTER TABLE topics ADD COLUMN IF NOT EXISTS name_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(display_name, '/', ' '))) STORED;
ALTER TABLE institutions ADD COLUMN IF NOT EXISTS name_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(display_name, '/', ' '))) STORED;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS name_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(display_name, '/', ' '))) STORED;
CREATE INDEX IF NOT EXISTS authors_name_vector_idx ON authors USING gin (name_vector);
CREATE INDEX IF NOT EXISTS topics_name_vector_idx ON topics USING gin (name_vector);
CREATE INDEX IF NOT EXISTS institutions_name_vector_idx ON institutions USING gin (name_vector);
CREATE INDEX IF NOT EXISTS sources_name_vector_idx ON sources USING gin (name_vector);
