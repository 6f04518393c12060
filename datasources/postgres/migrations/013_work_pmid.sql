-- OpenAlex `ids.pmid` (the PubMed id, digits only), for `work(pmid:)`. Not unique: OpenAlex may list one PubMed
-- record on two works before it merges them; a lookup answers the smallest id.
ALTER TABLE works ADD COLUMN IF NOT EXISTS pmid text;
CREATE INDEX IF NOT EXISTS works_pmid_idx ON works (pmid, id) WHERE pmid IS NOT NULL;
