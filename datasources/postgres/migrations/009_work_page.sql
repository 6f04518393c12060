-- What a work page shows beyond 001: OpenAlex `related_works` (ids, in OpenAlex order, loaded or not) and
-- `open_access.oa_status` / `open_access.oa_url` (the best open-access URL, else best_oa_location's).
ALTER TABLE works ADD COLUMN IF NOT EXISTS related_work_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE works ADD COLUMN IF NOT EXISTS oa_status text;
ALTER TABLE works ADD COLUMN IF NOT EXISTS oa_url text;
