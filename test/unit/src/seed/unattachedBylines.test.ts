import { readFileSync } from 'node:fs';
import path from 'node:path';

import { catalogBatchFromOpenAlex } from '../../../../src/seed/catalogBatchFromOpenAlex';
import { InvalidRecordError } from '../../../../src/seed/InvalidRecordError';
import { type OpenAlexEntity } from '../../../../src/seed/openAlexInput';
import { projectRoot } from '../../../../src/core/projectRoot';

// Byline entries OpenAlex could not attach to an author ("author": {"id": null, …}), from the real works of
// data/sample/works/. Expected values come from the raw JSON by plain property access, independently of the mapper.

interface RawEntry {
  author_position: string | null;
  author: { id: string | null; display_name: string | null; orcid: string | null };
  raw_author_name?: string | null;
  institutions: { id: string }[];
}
interface RawWork {
  id: string;
  authorships: RawEntry[];
}

const FILE = path.join(projectRoot(), 'data', 'sample', 'works', 'unattached-bylines.jsonl');
const works = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as RawWork);

const short = (url: string): string => url.slice('https://openalex.org/'.length);
const entity = (record: unknown): OpenAlexEntity => ({ kind: 'work', record, origin: { file: FILE, index: 0 } });
const unattached = (w: RawWork) => w.authorships.filter((a) => a.author.id === null);

function rejection(record: unknown): InvalidRecordError {
  let thrown: unknown;
  try {
    catalogBatchFromOpenAlex(entity(record));
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InvalidRecordError);
  return thrown as InvalidRecordError;
}

/** A copy of the first sample work with an unattached entry, and the index of that entry. */
function withUnattachedEntry(): { work: RawWork; index: number } {
  const work = structuredClone(works[0] as RawWork);
  return { work, index: work.authorships.findIndex((a) => a.author.id === null) };
}

describe('catalogBatchFromOpenAlex: byline names OpenAlex could not attach to an author', () => {
  it('sanity: the sample has such works, and they also name real authors', () => {
    expect(works.length).toBeGreaterThan(0);
    for (const w of works) {
      expect(unattached(w).length).toBeGreaterThan(0);
      expect(unattached(w).length).toBeLessThan(w.authorships.length);
    }
    expect(works.some((w) => unattached(w).some((a) => a.institutions.length > 0))).toBe(true);
  });

  it.each(works.map((w) => [short(w.id), w] as const))('loads %s with every byline entry in place, unattached names with no author', (_id, raw) => {
    const batch = catalogBatchFromOpenAlex(entity(structuredClone(raw)));
    expect(batch.works.map((w) => w.id)).toEqual([short(raw.id)]);
    expect(batch.works[0]?.authorships).toEqual(
      raw.authorships.map((a, i) => ({
        position: i + 1,
        authorPosition: a.author_position,
        authorId: a.author.id === null ? null : short(a.author.id),
        rawAuthorName: a.raw_author_name ?? a.author.display_name,
        institutionIds: [...new Set(a.institutions.map((inst) => short(inst.id)))],
      })),
    );
  });

  it.each(works.map((w) => [short(w.id), w] as const))('writes an author for each attached entry of %s only, and every institution', (_id, raw) => {
    const batch = catalogBatchFromOpenAlex(entity(structuredClone(raw)));
    const attached = raw.authorships.filter((a) => a.author.id !== null);
    expect(batch.authors.map((a) => a.id)).toEqual(attached.map((a) => short(a.author.id as string)));
    expect(batch.authors.every((a) => !a.complete)).toBe(true);
    expect(batch.institutions.map((i) => i.id)).toEqual(raw.authorships.flatMap((a) => a.institutions.map((inst) => short(inst.id))));
  });

  it('prints author.display_name when an unattached entry has no raw_author_name', () => {
    const { work, index } = withUnattachedEntry();
    const entry = work.authorships[index] as RawEntry;
    delete entry.raw_author_name;
    const [mapped] = catalogBatchFromOpenAlex(entity(work)).works;
    expect(mapped?.authorships[index]).toMatchObject({ authorId: null, rawAuthorName: entry.author.display_name });
  });

  it('rejects an unattached entry with no name at all, naming the entry', () => {
    const { work, index } = withUnattachedEntry();
    const entry = work.authorships[index] as RawEntry;
    entry.raw_author_name = null;
    entry.author.display_name = ' ';
    expect(rejection(work).message).toContain(`authorships[${index}] has no author id and no name`);
  });

  it('still rejects an author id that is present but not an OpenAlex author id', () => {
    for (const bad of ['https://openalex.org/W2624102767', 'nobody', 42, '']) {
      const { work, index } = withUnattachedEntry();
      (work.authorships[index] as RawEntry).author.id = bad as string;
      expect(rejection(work).message).toContain(`authorships[${index}].author.id is not an OpenAlex A… id`);
    }
  });

  it('still rejects an entry whose author is not an object, or whose name is not a string', () => {
    const { work, index } = withUnattachedEntry();
    (work.authorships[index] as unknown as { author: unknown }).author = null;
    expect(rejection(work).message).toContain(`authorships[${index}].author is not an object`);
    const again = withUnattachedEntry();
    (again.work.authorships[again.index] as unknown as { raw_author_name: unknown }).raw_author_name = ['Li', 'Jian'];
    expect(rejection(again.work).message).toContain(`authorships[${again.index}].raw_author_name is not a string`);
  });
});
