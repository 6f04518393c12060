import { AuthorPool, type AuthorStats } from './authorPool';
import { corpusWorkId } from './corpusIds';
import { CiterDepths, type InDegreeSummary, MAX_DEPTH, summarizeInDegrees, topCited } from './groundTruth';
import { growWork } from './growWork';
import { CITATIONS_PER_WORK, PreferentialAttachment } from './preferentialAttachment';
import { createPrng, type Prng } from './prng';
import { type SampleCorpus, type SampleWork } from './sampleRecords';
import { yearOfWork } from './yearSchedule';

/** How many of a template's references outside the sample a generated work keeps (references that are not loaded). */
export const EXTERNAL_REFERENCES_KEPT = 3;

/** Up to this many works, the truth lists ids (citers at each depth, every work's in-degree), not only counts. */
export const LISTED_UP_TO = 10_000;

/** How many of the most cited works the truth names. */
export const TOP_HUBS = 100;

/** The largest corpus: a Fenwick tree's capacity (2^30). */
export const MAX_WORKS = 2 ** 30;

/** What to generate. */
export interface CorpusOptions {
  /** How many works (1 … MAX_WORKS). */
  readonly works: number;
  /** The seed: the same seed, works and sample give the same corpus, byte for byte. */
  readonly seed: number;
  /** Called now and then in each phase, and once at its end (done = total): the citation graph is drawn first, then the works are written. */
  readonly onProgress?: (phase: 'citations' | 'works', done: number, total: number) => void;
}

/** Works at one depth from the hub. */
export interface CitersAtDepth {
  readonly depth: number;
  readonly count: number;
  /** Their ids, ascending, when the corpus has at most LISTED_UP_TO works. */
  readonly ids?: readonly string[];
}

/** What a test needs to know about a generated corpus (written by `--truth`). */
export interface CorpusTruth {
  readonly seed: number;
  readonly works: number;
  readonly firstWorkId: string;
  readonly lastWorkId: string;
  readonly citationsPerWork: number;
  /** Citations between generated works (the edges `citedBy` and `citations` see once the corpus is loaded). */
  readonly internalEdges: number;
  /** References kept from the sample records, to works neither in the corpus nor in the sample. */
  readonly externalReferences: number;
  readonly inDegree: InDegreeSummary;
  /** The TOP_HUBS most cited works, most cited first (ties: smaller id first). */
  readonly topHubs: readonly { readonly id: string; readonly inDegree: number }[];
  /** The most cited work (ties: smaller id) and the works citing it at depth 1, 2 and 3, each at its shortest depth. */
  readonly hub: {
    readonly id: string;
    readonly inDegree: number;
    readonly citers: readonly CitersAtDepth[];
  };
  readonly authors: AuthorStats;
  /** Every work's in-degree by id, when the corpus has at most LISTED_UP_TO works. */
  readonly inDegrees?: Readonly<Record<string, number>>;
}

const PROGRESS_EVERY = 4096;

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/**
 * The author pool for a corpus of `works`: active authors number a tenth of the works (200 … 50,000, and at least
 * the longest byline), and the most prolific may have a twentieth of them (20 … 1,000), so that a small corpus is
 * not dominated by a few authors and a large one has authors with hundreds of works, as OpenAlex has.
 */
function authorPoolFor(works: number, sample: SampleCorpus, random: Prng): AuthorPool {
  const longestByline = Math.max(...sample.works.map((w) => w.attachedAuthors));
  return new AuthorPool(random, sample.names, {
    seats: clamp(Math.ceil(works / 10), Math.max(200, longestByline), Math.max(50_000, longestByline)),
    maxWorks: clamp(Math.floor(works / 20), 20, 1_000),
  });
}

/** Up to EXTERNAL_REFERENCES_KEPT of `references`, distinct, in their order. */
function keptReferences(references: readonly string[], random: Prng): string[] {
  if (references.length <= EXTERNAL_REFERENCES_KEPT) return [...references];
  const picked = new Set<number>();
  while (picked.size < EXTERNAL_REFERENCES_KEPT) picked.add(random.below(references.length));
  return [...picked].sort((a, b) => a - b).map((i) => references[i] as string);
}

/** Pass 1: the citation graph alone, for every work's final in-degree (its sampling tree is garbage afterwards). */
function finalInDegrees(works: number, seed: number, onProgress: CorpusOptions['onProgress']): Uint32Array {
  const graph = new PreferentialAttachment(works, CITATIONS_PER_WORK, createPrng(seed, 'citations'));
  const cited = new Uint32Array(CITATIONS_PER_WORK);
  for (let i = 0; i < works; i++) {
    graph.next(cited);
    if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < works) onProgress?.('citations', i + 1, works);
  }
  onProgress?.('citations', works, works);
  return graph.inDegrees;
}

function checkOptions(sample: SampleCorpus, options: CorpusOptions): void {
  if (!Number.isInteger(options.works) || options.works < 1 || options.works > MAX_WORKS) throw new RangeError(`works must be an integer in 1 … ${MAX_WORKS} (got ${options.works})`);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new RangeError(`seed must be a non-negative integer (got ${options.seed})`);
  if (sample.works.length === 0) throw new RangeError('the sample has no works to grow a corpus from');
}

/**
 * Grows a corpus of `options.works` works from the sample's real records, one JSON line (an OpenAlex work, no
 * newline) per `next()`, and returns its ground truth when done. Work n (1-based) is a uniformly drawn sample
 * record grown by growWork: its id is corpusWorkId(n), its year the n-th stratified draw of the sample's years, its
 * authors from an AuthorPool, its references min(20, n − 1) earlier works drawn by preferential attachment plus up
 * to three of the template's own references outside the sample.
 *
 * Deterministic: each ingredient has its own seeded stream (citations, years, records, authors). The citation
 * graph is drawn twice from the same stream — once before the first line, for the final in-degrees (which go into
 * `cited_by_count`) and the hub, then again alongside the records, settling each work's depth from the hub as it
 * arrives. Memory stays bounded: about 17 bytes per work (in-degrees, the sampling tree, depths) plus the sample and
 * an O(1) author pool; no work is kept once yielded.
 */
export function* generateCorpus(sample: SampleCorpus, options: CorpusOptions): Generator<string, CorpusTruth, undefined> {
  checkOptions(sample, options);
  const { works, seed, onProgress } = options;
  const cited = new Uint32Array(CITATIONS_PER_WORK);

  const inDegrees = finalInDegrees(works, seed, onProgress);
  const [hub = 0] = topCited(inDegrees, 1)[0] ?? [];

  // Pass 2: the same graph again (same stream), with the records and the depths from the hub.
  const graph = new PreferentialAttachment(works, CITATIONS_PER_WORK, createPrng(seed, 'citations'));
  const depths = new CiterDepths(works, hub);
  const years = createPrng(seed, 'years');
  const records = createPrng(seed, 'records');
  const authors = authorPoolFor(works, sample, createPrng(seed, 'authors'));
  let externalReferences = 0;
  for (let i = 0; i < works; i++) {
    const count = graph.next(cited);
    depths.observe(i, cited, count);
    const publicationYear = yearOfWork(i, works, sample.publicationYears, years.float());
    const template = sample.works[records.below(sample.works.length)] as SampleWork;
    const external = keptReferences(template.externalReferences, records);
    externalReferences += external.length;
    const citedWorkNumbers: number[] = [];
    for (let j = 0; j < count; j++) citedWorkNumbers.push((cited[j] as number) + 1);
    const work = growWork(template, {
      number: i + 1,
      publicationYear,
      authors: authors.byline(template.attachedAuthors),
      citedWorkNumbers,
      externalReferences: external,
      citedByInCorpus: inDegrees[i] as number,
      horizonYear: sample.horizonYear,
    });
    yield JSON.stringify(work);
    if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < works) onProgress?.('works', i + 1, works);
  }
  onProgress?.('works', works, works);

  const listed = works <= LISTED_UP_TO;
  const id = (index: number): string => corpusWorkId(index + 1);
  const citers: CitersAtDepth[] = [];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    citers.push({ depth, count: depths.count(depth), ...(listed ? { ids: depths.indices(depth).map(id) } : {}) });
  }
  const inDegree = summarizeInDegrees(inDegrees);
  return {
    seed,
    works,
    firstWorkId: id(0),
    lastWorkId: id(works - 1),
    citationsPerWork: CITATIONS_PER_WORK,
    internalEdges: inDegree.internalEdges,
    externalReferences,
    inDegree,
    topHubs: topCited(inDegrees, TOP_HUBS).map(([index, d]) => ({ id: id(index), inDegree: d })),
    hub: { id: id(hub), inDegree: inDegrees[hub] as number, citers },
    authors: authors.stats(),
    ...(listed ? { inDegrees: Object.fromEntries(Array.from(inDegrees, (d, index) => [id(index), d])) } : {}),
  };
}
