import { fileFormatOf } from '../../../../src/seed/fileFormat';

describe('fileFormatOf', () => {
  it.each([
    ['A5005897140.json', 'json-document', false],
    ['results_page_1.JSON', 'json-document', false],
    ['page.json.gz', 'json-document', true],
    ['institutions.jsonl', 'json-lines', false],
    ['works.ndjson', 'json-lines', false],
    ['part_000', 'json-lines', false],
    ['part_000.gz', 'json-lines', true],
    ['/snapshot/works/updated_date=2024-01-01/part_017.gz', 'json-lines', true],
    ['dump.jsonl.GZ', 'json-lines', true],
  ])('%s → %s (gzip: %s)', (name, format, gzip) => {
    expect(fileFormatOf(name)).toEqual({ format, gzip });
  });

  it.each(['SOURCES.md', 'curate.py', 'manifest', 'part_000.csv', 'notes.gz', 'json', 'depart_000'])('ignores %s', (name) => {
    expect(fileFormatOf(name)).toBeUndefined();
  });
});
