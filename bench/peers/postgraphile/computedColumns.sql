-- What a PostGraphile user adds to the catalog so that the read benchmark's queries have an equivalent there.
-- Applied by bench/read.ts to its throwaway database only (PostGraphile wants computed-column functions in the
-- table's own schema); the gateway's migrations never see these functions and the gateway never calls them.

-- Authorship.institutions: `authorships.institution_ids` is an array, which no foreign key can follow. The
-- institutions in the order the byline gives them, as the gateway answers them.
CREATE OR REPLACE FUNCTION public.authorships_institutions(a public.authorships) RETURNS SETOF public.institutions
LANGUAGE sql STABLE AS $$
  SELECT i.* FROM unnest(a.institution_ids) WITH ORDINALITY AS u(id, n) JOIN public.institutions i ON i.id = u.id ORDER BY u.n
$$;

-- Author.works: the works whose byline names the author (authorships is a many-to-many table; the Amber preset
-- has no many-to-many relation), each once.
CREATE OR REPLACE FUNCTION public.authors_works(au public.authors) RETURNS SETOF public.works
LANGUAGE sql STABLE AS $$
  SELECT w.* FROM public.works w WHERE w.id IN (SELECT x.work_id FROM public.authorships x WHERE x.author_id = au.id)
$$;
-- PostGraphile gives functions no orderBy unless asked: the benchmark pages an author's works most cited first.
COMMENT ON FUNCTION public.authors_works(public.authors) IS E'@behavior +order';
