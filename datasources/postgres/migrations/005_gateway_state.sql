-- Small facts about this catalog that the gateway itself keeps, e.g. whether the shipped sample was loaded in
-- full ('sample_seed' = 'started' while the first start loads it, 'done' afterwards): a start interrupted
-- half-way through seeding resumes it instead of keeping a partial sample for ever.
CREATE TABLE IF NOT EXISTS gateway_state (
  key         text PRIMARY KEY,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
