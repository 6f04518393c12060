-- Full-text search over works (PostgresSearchIndex). The `simple` configuration lowercases and splits words
-- without stemming or stop words, like Elasticsearch's `standard` analyzer, so both backends match the same
-- words (a search for "reservoir" does not also find "reservoirs" in either).
-- Slashes become spaces first: PostgreSQL's parser would read `oil/water` or `Carbonate/CO2/Brine` as one
-- file-path token, so neither word would be found (the standard tokenizer splits them).
-- Title lexemes carry weight A (they rank higher, and autocomplete matches them with an A-restricted prefix
-- query `'word':*A`), abstract lexemes weight B. The column is generated: every writer keeps it current.
ALTER TABLE works ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple'::regconfig, translate(COALESCE(title, ''), '/', ' ')), 'A') ||
  setweight(to_tsvector('simple'::regconfig, translate(COALESCE(abstract, ''), '/', ' ')), 'B')
) STORED;

-- Serves `@@` for search (with the filter on top) and prefix lexemes (`:*`) for autocomplete.
CREATE INDEX IF NOT EXISTS works_search_vector_idx ON works USING gin (search_vector);
