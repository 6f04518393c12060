-- Titles and abstracts are stored as plain text (OpenAlex's inline markup stripped and entities decoded at
-- ingest, src/core/domain/plainText.ts), so search_vector (migration 002) indexes words, not `sub` or `i`.
-- The raw OpenAlex title is kept here for clients that render its markup (Work.titleMarkup). Rows seeded
-- before this migration keep their raw title in `title` and NULL here until they are seeded again (the seed
-- is idempotent); the gateway does not rewrite them in SQL, so that one function decides what plain text is.
ALTER TABLE works ADD COLUMN IF NOT EXISTS title_markup text;
