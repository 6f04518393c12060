import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { type OpenAlexInput } from '../../../../src/seed/openAlexInput';
import { readOpenAlex } from '../../../../src/seed/readOpenAlex';
import { SAMPLE, collect, idOf } from './collect';

interface RawWork {
  id: string;
  referenced_works?: string[];
  abstract_inverted_index?: unknown;
  authorships?: { author: { id: string | null } }[];
}

// The expected figures are computed here with a plain JSON.parse of each (small) sample file,
// independently of the streaming reader.
function parseJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function jsonFiles(folder: string): string[] {
  return readdirSync(path.join(SAMPLE, folder))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(SAMPLE, folder, name));
}

function nonBlankLines(file: string, folder = 'snapshot'): string[] {
  return readFileSync(path.join(SAMPLE, folder, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function jsonLinesFiles(folder: string): string[] {
  return readdirSync(path.join(SAMPLE, folder)).filter((name) => name.endsWith('.jsonl'));
}

function internalEdges(works: ReadonlyMap<string, RawWork>): number {
  let edges = 0;
  for (const [id, work] of works) {
    for (const ref of work.referenced_works ?? []) if (ref !== id && works.has(ref)) edges += 1;
  }
  return edges;
}

const authorFiles = jsonFiles('authors').map((file) => parseJson<{ details: { id: string }; works: RawWork[] }>(file));
const pages = jsonFiles('api-pages').map((file) => parseJson<{ meta: unknown; results: RawWork[] }>(file));
const workLines = jsonLinesFiles('works').flatMap((file) => nonBlankLines(file, 'works').map((line) => JSON.parse(line) as RawWork));
const workEntries = [...authorFiles.flatMap((file) => file.works), ...pages.flatMap((page) => page.results), ...workLines];
const uniqueWorks = new Map(workEntries.map((work) => [work.id, work]));
const institutionLines = nonBlankLines('institutions.jsonl');
const sourceLines = nonBlankLines('sources.jsonl');

describe('readOpenAlex on data/sample', () => {
  let items: OpenAlexInput[];
  let progress: [number, number, string][];
  beforeAll(async () => {
    progress = [];
    items = await collect(readOpenAlex([SAMPLE], { onProgress: (...call) => progress.push(call) }));
  });

  const ofKind = (kind: OpenAlexInput['kind']): OpenAlexInput[] => items.filter((item) => item.kind === kind);

  it('keeps the three shapes: author files, API pages and JSON Lines (snapshot entities and works)', () => {
    expect(authorFiles.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(institutionLines.length).toBeGreaterThan(0);
    expect(sourceLines.length).toBeGreaterThan(0);
    expect(workLines.length).toBeGreaterThan(0);
  });

  it('yields every entity of the sample with the right kind, and no rejection (SOURCES.md and curate.py are skipped)', () => {
    expect(ofKind('rejected')).toEqual([]);
    expect(ofKind('author').map((item) => idOf((item as { record: unknown }).record)).sort()).toEqual(
      authorFiles.map((file) => file.details.id).sort(),
    );
    expect(ofKind('work')).toHaveLength(workEntries.length);
    expect(ofKind('institution')).toHaveLength(institutionLines.length);
    expect(ofKind('source')).toHaveLength(sourceLines.length);
    expect(ofKind('topic')).toHaveLength(0);
    for (const item of items) {
      const letter = { work: 'W', author: 'A', institution: 'I', source: 'S', topic: 'T', rejected: '?' }[item.kind];
      expect(item.kind !== 'rejected' && String(idOf(item.record))).toMatch(new RegExp(`^https://openalex\\.org/${letter}\\d+$`));
    }
  });

  it('yields the records as JSON.parse reads them', () => {
    const streamed = new Map(ofKind('work').map((item) => [idOf((item as { record: unknown }).record), (item as { record: unknown }).record]));
    expect(streamed.size).toBe(uniqueWorks.size);
    for (const [id, work] of uniqueWorks) expect(streamed.get(id)).toEqual(work);
  });

  it('matches the counts stated in data/sample/SOURCES.md', () => {
    const sources = readFileSync(path.join(SAMPLE, 'SOURCES.md'), 'utf8');
    const withAbstract = [...uniqueWorks.values()].filter((work) => work.abstract_inverted_index != null).length;
    const unattachedOf = (work: RawWork) => (work.authorships ?? []).filter((a) => a.author.id === null).length;
    const withUnattached = [...uniqueWorks.values()].filter((work) => unattachedOf(work) > 0);
    expect(sources).toContain(`| Authors | ${authorFiles.length} |`);
    expect(sources).toContain(`| Work entries | ${workEntries.length} |`);
    expect(sources).toContain(`| Unique works | ${uniqueWorks.size} |`);
    expect(sources).toContain(`| Internal citation edges | ${internalEdges(uniqueWorks)} |`);
    expect(sources).toContain(`| Works with an abstract | ${withAbstract} |`);
    expect(sources).toContain(`| Institutions | ${institutionLines.length} |`);
    expect(sources).toContain(`| Sources | ${sourceLines.length} |`);
    expect(sources).toContain(`| Works with an unattached byline name | ${withUnattached.length} |`);
    expect(sources).toContain(`| Unattached byline names | ${withUnattached.reduce((n, work) => n + unattachedOf(work), 0)} |`);
  });

  it('holds works whose bylines name people OpenAlex could not attach to an author', () => {
    expect(workLines.length).toBeGreaterThan(0);
    for (const work of workLines) expect({ id: work.id, unattached: (work.authorships ?? []).some((a) => a.author.id === null) }).toEqual({ id: work.id, unattached: true });
  });

  it('is a dense citation graph, as curated', () => {
    expect(internalEdges(uniqueWorks)).toBeGreaterThan(uniqueWorks.size);
  });

  it('reports progress up to the total size of the files read', () => {
    const last = progress.at(-1);
    expect(last?.[0]).toBe(last?.[1]);
    expect(last?.[1]).toBeGreaterThan(1_000_000);
    for (let i = 1; i < progress.length; i += 1) expect(progress[i]?.[0]).toBeGreaterThanOrEqual(progress[i - 1]?.[0] ?? 0);
    expect(new Set(progress.map(([, , file]) => path.basename(file)))).toEqual(
      new Set(items.map((item) => path.basename(item.origin.file))),
    );
  });
});
