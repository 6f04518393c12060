-- The scholarly catalog: PostgreSQL is the source of truth. Ids are OpenAlex short ids (W…, A…, I…, S…, T…).
CREATE TABLE IF NOT EXISTS institutions (
  id            text PRIMARY KEY,
  display_name  text NOT NULL,
  ror           text,
  country_code  text,
  type          text
);

CREATE TABLE IF NOT EXISTS sources (
  id                      text PRIMARY KEY,
  display_name            text NOT NULL,
  issn_l                  text,
  type                    text,
  host_organization_name  text
);

CREATE TABLE IF NOT EXISTS topics (
  id            text PRIMARY KEY,
  display_name  text NOT NULL,
  subfield      text,
  field         text,
  domain        text
);

CREATE TABLE IF NOT EXISTS authors (
  id               text PRIMARY KEY,
  display_name     text NOT NULL,
  orcid            text,
  -- NULL for a co-author known only from bylines (no OpenAlex Author record loaded).
  works_count      integer,
  cited_by_count   integer,
  h_index          integer,
  institution_ids  text[] NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS authors_orcid_idx ON authors (orcid);
CREATE INDEX IF NOT EXISTS authors_institution_ids_idx ON authors USING gin (institution_ids);

CREATE TABLE IF NOT EXISTS works (
  id                   text PRIMARY KEY,
  -- Bare lowercase DOI ('10.1016/…'); the API shows it as a https://doi.org/ URL.
  doi                  text,
  title                text,
  abstract             text,
  publication_year     integer,
  publication_date     date,
  type                 text,
  language             text,
  cited_by_count       integer NOT NULL DEFAULT 0,
  is_open_access       boolean NOT NULL DEFAULT false,
  source_id            text REFERENCES sources (id),
  primary_topic_id     text REFERENCES topics (id),
  -- Every referenced work in OpenAlex order, including works not loaded here.
  referenced_work_ids  text[] NOT NULL DEFAULT '{}',
  -- OpenAlex counts_by_year: [{year, cited_by_count}], the source of citation trends.
  counts_by_year       jsonb NOT NULL DEFAULT '[]',
  version              integer NOT NULL DEFAULT 1,
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS works_doi_key ON works (doi) WHERE doi IS NOT NULL;
CREATE INDEX IF NOT EXISTS works_cited_by_count_idx ON works (cited_by_count DESC, id);
CREATE INDEX IF NOT EXISTS works_publication_date_idx ON works (publication_date DESC, id);
CREATE INDEX IF NOT EXISTS works_publication_year_idx ON works (publication_year);

CREATE TABLE IF NOT EXISTS authorships (
  work_id          text NOT NULL REFERENCES works (id) ON DELETE CASCADE,
  position         integer NOT NULL,
  author_id        text NOT NULL REFERENCES authors (id),
  author_position  text,
  institution_ids  text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (work_id, position)
);
CREATE INDEX IF NOT EXISTS authorships_author_idx ON authorships (author_id, work_id);

CREATE TABLE IF NOT EXISTS work_topics (
  work_id   text NOT NULL REFERENCES works (id) ON DELETE CASCADE,
  topic_id  text NOT NULL REFERENCES topics (id),
  score     double precision NOT NULL,
  PRIMARY KEY (work_id, topic_id)
);
CREATE INDEX IF NOT EXISTS work_topics_topic_idx ON work_topics (topic_id, work_id);

-- Citation edges between works; cited_id need not be loaded (references outside the catalog).
CREATE TABLE IF NOT EXISTS work_references (
  citing_id  text NOT NULL REFERENCES works (id) ON DELETE CASCADE,
  cited_id   text NOT NULL,
  PRIMARY KEY (citing_id, cited_id)
);
CREATE INDEX IF NOT EXISTS work_references_cited_idx ON work_references (cited_id, citing_id);
