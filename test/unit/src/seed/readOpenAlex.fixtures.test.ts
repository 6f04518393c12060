import path from 'node:path';

import { type OpenAlexInput } from '../../../../src/seed/openAlexInput';
import { readOpenAlex } from '../../../../src/seed/readOpenAlex';
import { FIXTURES, collect, idOf } from './collect';

const W = 'https://openalex.org/';

/** A compact view of each item: file (relative to the fixtures), index, kind, and id or reason. */
function summary(items: OpenAlexInput[]): [string, number, string, unknown][] {
  return items.map((item) => [
    path.relative(FIXTURES, item.origin.file),
    item.origin.index,
    item.kind,
    item.kind === 'rejected' ? item.reason : idOf(item.record),
  ]);
}

describe('readOpenAlex on the fixtures', () => {
  let items: OpenAlexInput[];
  beforeAll(async () => {
    items = await collect(readOpenAlex([FIXTURES]));
  });

  it('reads every file of the three shapes, recursively, in name order, skipping README.md', () => {
    expect(summary(items)).toEqual([
      ['api-pages/results_page_1.json', 0, 'work', `${W}W3046863325`],
      ['api-pages/results_page_1.json', 1, 'work', `${W}W3045921891`],
      ['authors/A5025816670.json', 0, 'author', `${W}A5025816670`],
      ['authors/A5025816670.json', 1, 'work', `${W}W3209280369`],
      ['authors/A5025816670.json', 2, 'rejected', 'record has no "id"'],
      ['authors/A5025816670.json', 3, 'work', `${W}W4286266899`],
      ['broken/not-openalex.json', 0, 'rejected', expect.stringMatching(/^not an OpenAlex document/)],
      ['broken/truncated-author.json', 0, 'author', `${W}A5025816670`],
      ['broken/truncated-author.json', 1, 'work', `${W}W3209280369`],
      ['broken/truncated-author.json', 2, 'rejected', expect.stringMatching(/^invalid JSON, the rest of the file is skipped: /)],
      ['snapshot/institutions/updated_date=2023-09-04/part_000', 0, 'institution', `${W}I4210124069`],
      ['snapshot/institutions/updated_date=2023-09-04/part_000', 1, 'institution', `${W}I4210110335`],
      ['snapshot/institutions/updated_date=2023-09-04/part_000', 3, 'rejected', expect.stringMatching(/^invalid JSON: /)],
      ['snapshot/institutions/updated_date=2023-09-04/part_000', 4, 'institution', `${W}I4210167231`],
      ['snapshot/mixed.ndjson', 0, 'source', `${W}S2764413820`],
      ['snapshot/mixed.ndjson', 1, 'topic', `${W}T13177`],
      ['snapshot/mixed.ndjson', 2, 'rejected', expect.stringContaining('P4310311829" is not an OpenAlex work, author')],
    ]);
  });

  it('yields the raw records untouched', () => {
    const author = items.find((item) => item.kind === 'author');
    expect(author?.kind === 'author' && author.record).toMatchObject({
      id: `${W}A5025816670`,
      orcid: 'https://orcid.org/0000-0002-6481-7840',
      display_name: 'Sulia Goeting',
    });
    const work = items.find((item) => item.kind === 'work' && idOf(item.record) === `${W}W4286266899`);
    expect(work?.kind === 'work' && work.record).toMatchObject({
      publication_year: expect.any(Number),
      authorships: expect.arrayContaining([expect.objectContaining({ author: expect.objectContaining({ id: expect.any(String) }) })]),
      referenced_works: expect.any(Array),
    });
  });

  it('takes a named file whatever its name, and rejects one it cannot read as OpenAlex', async () => {
    const readme = path.join(FIXTURES, 'README.md');
    const named = await collect(readOpenAlex([readme, path.join(FIXTURES, 'snapshot', 'mixed.ndjson')]));
    expect(summary(named).map(([file, index, kind]) => [file, index, kind])).toEqual([
      ['README.md', 0, 'rejected'],
      ['snapshot/mixed.ndjson', 0, 'source'],
      ['snapshot/mixed.ndjson', 1, 'topic'],
      ['snapshot/mixed.ndjson', 2, 'rejected'],
    ]);
  });

  it('reads each file once even when named twice', async () => {
    const page = path.join(FIXTURES, 'api-pages', 'results_page_1.json');
    expect(await collect(readOpenAlex([page, path.join(FIXTURES, 'api-pages'), page]))).toHaveLength(2);
  });

  it('throws before yielding anything when a path does not exist', async () => {
    await expect(collect(readOpenAlex([FIXTURES, path.join(FIXTURES, 'missing')]))).rejects.toThrow(/ENOENT/);
  });
});
