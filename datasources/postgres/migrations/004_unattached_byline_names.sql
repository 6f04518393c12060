-- Byline names OpenAlex could not attach to an author (`"author": {"id": null, …}` with a `raw_author_name`)
-- are kept: such an authorship has no author_id but keeps its position, name, author_position and institutions.
-- raw_author_name is the name as the byline prints it, for every authorship (OpenAlex `raw_author_name`, else
-- `author.display_name`; an article's byline prints its authors' display names). Rows written before this
-- migration get their author's display name, which seeding the same files again replaces with the raw name.
ALTER TABLE authorships ADD COLUMN IF NOT EXISTS raw_author_name text;
UPDATE authorships SET raw_author_name = au.display_name
  FROM authors au WHERE au.id = authorships.author_id AND authorships.raw_author_name IS NULL;
ALTER TABLE authorships ALTER COLUMN raw_author_name SET NOT NULL;
ALTER TABLE authorships ALTER COLUMN author_id DROP NOT NULL;
