import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { seedCatalog } from '../../src/seed/seedCatalog';
import { startGateway } from '../../src/server';
import { openStores } from '../../src/stores';
import { generateCorpus } from '../corpus/generateCorpus';
import { loadSampleCorpus } from '../corpus/sampleRecords';
import { type CanonicalQuery, type CanonicalSubjects, canonicalQueries } from './canonicalQueries';
import { chooseSubjects } from './chooseSubjects';
import { RecordingSqlExecutor, type RecordedStatement } from './RecordingSqlExecutor';
import { GUARDED_TABLES, type PlanNode, type SeqScan, seqScansOf } from './seqScans';

/** One statement a canonical query made the gateway send, with its plan on the loaded corpus. */
export interface ExplainedStatement {
  /** The canonical query (and page) that sent it. */
  readonly query: string;
  readonly text: string;
  readonly params: RecordedStatement['params'];
  readonly plan: PlanNode;
  readonly seqScans: readonly SeqScan[];
}

export interface ExplainReport {
  readonly works: number;
  readonly seedSeconds: number;
  /** Rows of each guarded table after the seed (ANALYZE's estimate is what the planner sees; these are exact). */
  readonly rows: Readonly<Record<string, number>>;
  readonly subjects: CanonicalSubjects;
  /** Works of the subjects' topic (the most common one). */
  readonly topicWorks: number;
  /** Works of the canonical author (the generator's most prolific). */
  readonly authorWorks: number;
  /** Works published in the canonical source (the most common one of at most SELECTIVE_SHARE of the works). */
  readonly sourceWorks: number;
  /** GraphQL errors of the canonical queries, as `name: code message` (a failed query may have skipped statements). */
  readonly errors: readonly string[];
  readonly statements: readonly ExplainedStatement[];
}

export interface ExplainOptions {
  /** An empty database on a real PostgreSQL server: the gateway migrates and seeds it. */
  readonly databaseUrl: string;
  readonly works: number;
  readonly seed?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

interface GqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Issue 14, part 6: grows a corpus of `works` works (bench/corpus), seeds it into `databaseUrl` through the gateway's
 * own seed, runs ANALYZE, starts the gateway on it (PostgreSQL answering citations, trends and search), sends every
 * canonical query over HTTP while recording the statements the gateway really sends, and explains each of them
 * (`EXPLAIN (FORMAT JSON)` with the very parameters it was sent with), naming the sequential scans of the guarded
 * tables. Leaves the database as seeded; the caller drops it.
 */
export async function explainCanonicalQueries(options: ExplainOptions): Promise<ExplainReport> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), 'explain-corpus-'));
  try {
    const file = path.join(dir, 'corpus.jsonl');
    let t = performance.now();
    await writeCorpus(file, options.works, options.seed ?? 42);
    log(`corpus: ${options.works} works in ${seconds(t)} s`);

    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      DATABASE_URL: options.databaseUrl,
      SEED: 'none',
      LOG_LEVEL: 'error',
      // A statement is recorded when it is sent, so a hub walk that runs past the deadline is explained all the same;
      // 5 s instead of the default 15 s keeps those few requests from dominating the run.
      GRAPHQL_REQUEST_TIMEOUT_MS: '5000',
      AUTH_JWT_SECRET: 'explain-canonical-queries-secret-0123456789',
    });
    const logger = createLogger('error');
    let recorder: RecordingSqlExecutor | undefined;
    const stores = await openStores(config, logger, { wrapSql: (sql) => (recorder = new RecordingSqlExecutor(sql)) });
    const db = new pg.Client({ connectionString: options.databaseUrl });
    await db.connect();
    try {
      t = performance.now();
      const seeded = await seedCatalog([file], stores.catalogWriter, { projections: stores.projections });
      const seedSeconds = Number(seconds(t));
      log(`seed: ${seeded.works} works in ${seedSeconds} s, ${seeded.rejectedCount} rejected`);
      // What autovacuum does after a load: statistics for the planner, and the visibility map an index-only scan needs.
      await db.query('VACUUM ANALYZE');
      const rows = await rowCounts(db);
      const subjects = await chooseSubjects(db, seeded.works);
      const topicWorks = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM work_topics WHERE topic_id = $1', [subjects.topicId])).rows[0]?.n ?? 0);
      const authorWorks = Number((await db.query<{ n: string }>('SELECT count(DISTINCT work_id) AS n FROM authorships WHERE author_id = $1', [subjects.authorId])).rows[0]?.n ?? 0);
      const sourceWorks = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM works WHERE source_id = $1', [subjects.sourceId])).rows[0]?.n ?? 0);
      const gateway = await startGateway(config, logger, stores);
      const sent: { query: string; statements: RecordedStatement[] }[] = [];
      const errors: string[] = [];
      try {
        const rec = recorder as RecordingSqlExecutor;
        for (const q of canonicalQueries(subjects)) {
          for (const page of await pagesOf(gateway.url, q, rec)) {
            sent.push({ query: page.name, statements: page.statements });
            for (const e of page.answer.errors ?? []) errors.push(`${page.name}: ${e.extensions?.code ?? '?'} ${e.message}`);
          }
        }
      } finally {
        await gateway.stop();
      }
      const statements: ExplainedStatement[] = [];
      for (const { query, statements: list } of sent) {
        for (const s of list) {
          if (!/^\s*(SELECT|WITH)\b/i.test(s.text)) continue; // reads only; nothing else is sent by these queries
          const [row] = (await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.params as unknown[])).rows;
          const plan = row?.['QUERY PLAN'][0].Plan;
          if (!plan) throw new Error(`no plan for a statement of ${query}`);
          statements.push({ query, text: s.text, params: s.params, plan, seqScans: seqScansOf(plan) });
        }
      }
      log(`explained: ${statements.length} statements of ${sent.length} requests`);
      return { works: seeded.works, seedSeconds, rows, subjects, topicWorks, authorWorks, sourceWorks, errors, statements };
    } finally {
      await db.end();
      await stores.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pagesOf(url: string, q: CanonicalQuery, rec: RecordingSqlExecutor) {
  const pages: { name: string; answer: GqlAnswer; statements: RecordedStatement[] }[] = [];
  const send = async (name: string, variables: Record<string, unknown>) => {
    const from = rec.statements.length;
    const answer = await post(url, q.query, variables);
    pages.push({ name, answer, statements: rec.statements.slice(from) });
    return answer;
  };
  const first = await send(q.name, { ...q.variables });
  if (q.pagedAt) {
    const after = endCursorAt(first.data, q.pagedAt);
    if (after) await send(`${q.name}, page 2`, { ...q.variables, after });
    else pages.push({ name: `${q.name}, page 2`, answer: { errors: [{ message: 'the first page has no endCursor' }] }, statements: [] });
  }
  return pages;
}

function endCursorAt(data: unknown, at: readonly string[]): string | undefined {
  let node: unknown = data;
  for (const key of at) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  const info = node !== null && typeof node === 'object' ? (node as { pageInfo?: { endCursor?: unknown } }).pageInfo : undefined;
  return typeof info?.endCursor === 'string' ? info.endCursor : undefined;
}

async function post(url: string, query: string, variables: Record<string, unknown>): Promise<GqlAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlAnswer;
}

async function writeCorpus(file: string, works: number, seed: number): Promise<void> {
  const out = createWriteStream(file);
  for (const line of generateCorpus(loadSampleCorpus(), { works, seed })) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function rowCounts(db: pg.Client): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  // The table names are this module's constants, never input.
  for (const table of GUARDED_TABLES) rows[table] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  return rows;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
