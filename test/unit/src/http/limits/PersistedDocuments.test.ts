import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { documentHash, PersistedDocuments } from '../../../../../src/http/limits/PersistedDocuments';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('PersistedDocuments', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'persisted-unit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('hashes documents with SHA-256, hex (the APQ id)', () => {
    expect(documentHash('{ a }')).toBe(sha256('{ a }'));
  });

  it('reads a map from id to document', () => {
    const docs = PersistedDocuments.fromFile(file('map.json', JSON.stringify({ [sha256('{ a }')]: '{ a }', custom: '{ b }' })));
    expect(docs.size).toBe(2);
    expect(docs.get(sha256('{ a }'))).toBe('{ a }');
    expect(docs.get('custom')).toBe('{ b }');
    expect(docs.get('other')).toBeUndefined();
  });

  it('reads an Apollo persisted query manifest', () => {
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'op1', name: 'A', type: 'query', body: 'query A { a }' }],
    };
    const docs = PersistedDocuments.fromFile(file('manifest.json', JSON.stringify(manifest)));
    expect(docs.get('op1')).toBe('query A { a }');
  });

  it('allows a document by its id or by the SHA-256 of its text, and nothing else', () => {
    const docs = new PersistedDocuments([['custom-id', '{ b }']]);
    expect(docs.allows('custom-id')).toBe(true);
    expect(docs.allows(sha256('{ b }'))).toBe(true);
    expect(docs.allows(sha256('{ c }'))).toBe(false);
  });

  it.each([
    ['not JSON', '{', /persisted documents .*bad1\.json: /],
    ['an array', '[]', /expected a JSON object/],
    ['a non-string document', '{"x": 1}', /the value of "x" must be a document string/],
    ['a manifest of another version', '{"format": "apollo-persisted-query-manifest", "version": 2, "operations": []}', /unsupported manifest version 2/],
    ['a manifest operation without a body', '{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id": "x"}]}', /operations\[0\] needs/],
  ])('refuses %s, naming the file', (_what, content, message) => {
    expect(() => PersistedDocuments.fromFile(file('bad1.json', content))).toThrow(message);
  });

  it('names the operations its documents define (for their metric labels)', () => {
    const documents = new PersistedDocuments([
      ['a', 'query WorkPage { works { totalCount } } query AuthorPage { authors { totalCount } }'],
      ['b', 'mutation Create($i: CreateArticleInput!) { createArticle(input: $i) { work { id } } }'],
      ['c', '{ gateway { version } }'],
      ['d', 'not graphql {'],
    ]);
    expect(documents.operationNames().sort()).toEqual(['AuthorPage', 'Create', 'WorkPage']);
  });

  it('refuses a missing file, naming it', () => {
    expect(() => PersistedDocuments.fromFile(path.join(dir, 'missing.json'))).toThrow(/missing\.json/);
  });
});
