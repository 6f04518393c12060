/**
 * The canonical queries' plans on a generated corpus (issue 14, part 6): seeds `--works` works into a throwaway
 * database of the PostgreSQL server DATABASE_URL names, explains every statement the gateway sends for the canonical
 * queries, prints a line per statement and, for each sequential scan of works, authorships, work_references or
 * work_topics, the statement and its plan. Exits 1 if there is any. The database is dropped at the end (--keep leaves it).
 *
 *   eval "$(scripts/services env)" && npm run -s bench:explain -- --works 100000
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { allowedError, allowedSeqScan } from './explain/allowedSeqScans';
import { describeSeqScans } from './explain/describeSeqScans';
import { explainCanonicalQueries } from './explain/explainCanonicalQueries';

async function onServer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { works: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' }, keep: { type: 'boolean', default: false } } });
  const works = Number(values.works);
  const seed = Number(values.seed);
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl || !Number.isSafeInteger(works) || works < 1 || !Number.isSafeInteger(seed)) {
    console.error('usage: eval "$(scripts/services env)" && npm run -s bench:explain -- --works N [--seed S] [--keep]  (needs DATABASE_URL)');
    return 2;
  }
  const name = `bench_explain_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const report = await explainCanonicalQueries({ databaseUrl: url.toString(), works, seed, log: (line) => console.error(line) });
    console.log(`works ${report.works}, seed ${report.seedSeconds} s (${(report.works / report.seedSeconds).toFixed(0)} works/s)`);
    console.log(`rows: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    console.log(`subjects: ${JSON.stringify(report.subjects)}`);
    for (const s of report.statements) {
      const scans = s.seqScans.map((x) => `SEQ SCAN ${x.table}`).join(', ');
      const allowed = allowedSeqScan(s, report);
      const mark = scans === '' ? 'ok ' : allowed === undefined ? 'BAD' : 'ok*';
      console.log(`${mark} ${s.query}: ${s.text.replace(/\s+/g, ' ').trim().slice(0, 110)}${scans === '' ? '' : `  ← ${scans}${allowed === undefined ? '' : ` (allowed: ${allowed})`}`}`);
    }
    for (const e of report.errors) console.log(`error${allowedError(e) ? ' (allowed)' : ''}: ${e}`);
    const errors = report.errors.filter((e) => !allowedError(e));
    const bad = describeSeqScans(report);
    for (const paragraph of bad) console.log(`\n${paragraph}`);
    console.log(`\n${report.statements.length} statements explained, ${bad.length} with a sequential scan of ${'works, authorships, work_references or work_topics'}, ${errors.length} query errors not allowed`);
    return bad.length > 0 || errors.length > 0 ? 1 : 0;
  } finally {
    if (values.keep) console.error(`kept database ${name}`);
    else await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
