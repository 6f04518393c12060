import path from 'node:path';
import { buildSchema } from '../../src/schema';
import { type GatewayProcess, linesWith, spawnGateway } from '../support/gatewayProcess';
import { Garbage, randomOperation } from './support/garbage';
import { rawRequest, type RawResponse } from './support/hostileHttp';

jest.setTimeout(240_000);

const ROOT = path.join(__dirname, '..', '..');
/** Fixed seed: the same garbage on every run (a failure names the request, which can be replayed). */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_201);
const OPERATIONS = Number(process.env['FUZZ_OPERATIONS'] ?? 600);
const RAW_REQUESTS = 200;
const CONCURRENCY = 4;
/** Wall-clock bound on the whole pass, whatever the machine: the pass stops sending at this point. */
const PASS_BUDGET_MS = 120_000;

/** What every answer must be: below 500, JSON in GraphQL-over-HTTP shape, no INTERNAL_SERVER_ERROR anywhere. */
function problemOf(res: RawResponse): string | undefined {
  if (res.status >= 500) return `status ${res.status}`;
  if (!/^application\/(graphql-response\+)?json\b/.test(String(res.headers['content-type']))) return `content-type ${String(res.headers['content-type'])}`;
  const bodies = Array.isArray(res.json) ? res.json : [res.json];
  for (const body of bodies as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] }[]) {
    if (body === undefined || body === null || typeof body !== 'object') return 'not a JSON object';
    if (!('data' in body) && !Array.isArray(body.errors)) return 'neither data nor errors';
    for (const error of body.errors ?? []) {
      const code = error?.extensions?.code;
      if (typeof code !== 'string') return 'an error without a code';
      if (code === 'INTERNAL_SERVER_ERROR') return 'INTERNAL_SERVER_ERROR';
    }
  }
  return undefined;
}

/** Every UTF-8 byte of `text` percent-encoded (encodeURIComponent throws on a lone surrogate; a client need not). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** `data` for an answer without errors, else the first error's code (or the status). */
function outcomeOf(res: RawResponse): string {
  const body = (Array.isArray(res.json) ? res.json[0] : res.json) as { errors?: { extensions?: { code?: string } }[] } | undefined;
  const code = body?.errors?.[0]?.extensions?.code;
  return code ?? (body && 'data' in body ? 'data' : `status ${res.status}`);
}

async function rssMb(gateway: GatewayProcess): Promise<number> {
  const text = (await rawRequest(`${gateway.base}/metrics`)).text;
  return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1] ?? 0) / 1e6;
}

describe('a fuzz pass of generated garbage (npm start, NODE_ENV=production, fixed seed)', () => {
  let gateway: GatewayProcess;
  const schema = buildSchema();

  beforeAll(async () => {
    gateway = await spawnGateway('npm', ['start'], { cwd: ROOT, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => gateway?.kill());

  it('answers every generated operation, variable, cursor, header and body with data or a typed error, and its memory stays bounded', async () => {
    const g = new Garbage(SEED);
    const requests: { describe: string; send: () => Promise<RawResponse> }[] = [];
    for (let i = 0; i < OPERATIONS; i++) {
      const operation = randomOperation(schema, g);
      const batch = g.chance(0.1) ? [operation, randomOperation(schema, g)] : operation;
      const accept = g.pick(['application/graphql-response+json', 'application/json', '*/*', 'text/html', '']);
      const useGet = g.chance(0.1);
      requests.push({
        describe: JSON.stringify(batch).slice(0, 400),
        send: () =>
          useGet
            ? rawRequest(gateway.url, {
                path: `/graphql?query=${percentEncoded(operation.query)}&variables=${percentEncoded(JSON.stringify(operation.variables))}`,
                headers: { 'apollo-require-preflight': 'true', ...(accept ? { accept } : {}) },
              })
            : rawRequest(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify(batch) }),
      });
    }
    for (let i = 0; i < RAW_REQUESTS; i++) {
      const kind = g.int(6);
      const bytes = Buffer.from(Array.from({ length: g.int(2_000) }, () => g.int(256)));
      const bodies = [
        bytes,
        JSON.stringify(g.json(6)),
        `{"query":"${g.text().replace(/"/g, '')}"`, // truncated JSON
        JSON.stringify({ query: '{ works { totalCount } }', variables: g.json(4), extensions: g.json(3), operationName: g.text() }),
        JSON.stringify({ query: `{ works(after: ${JSON.stringify(g.cursor())}) { nodes { id } } }` }),
        JSON.stringify({ extensions: { persistedQuery: { version: g.pick([1, 2, 'x']), sha256Hash: g.pick(['0'.repeat(64), g.text()]) } } }),
      ];
      const headers: Record<string, string> = {
        'content-type': g.pick(['application/json', 'application/graphql-response+json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data', 'application/x-www-form-urlencoded']),
        ...(g.chance(0.2) ? { 'content-encoding': g.pick(['gzip', 'br', 'deflate', 'x-unknown']) } : {}),
        ...(g.chance(0.2) ? { authorization: g.pick(['Bearer x', 'Bearer a.b.c', 'Basic YWJj', 'Bearer ' + 'a'.repeat(5_000)]) } : {}),
        ...(g.chance(0.1) ? { 'x-request-id': g.text().replace(/[^\x20-\x7e]/g, '') || 'x' } : {}),
      };
      const body = bodies[kind] as string | Buffer;
      requests.push({ describe: `raw ${kind} ${JSON.stringify(headers)} ${String(body).slice(0, 200)}`, send: () => rawRequest(gateway.url, { method: 'POST', headers, body }) });
    }
    const before = await rssMb(gateway);
    const started = performance.now();
    const problems: string[] = [];
    const outcomes = new Map<string, number>();
    let sent = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length && performance.now() - started < PASS_BUDGET_MS) {
          const request = requests[next++];
          if (!request) break;
          sent += 1;
          try {
            const res = await request.send();
            const problem = problemOf(res);
            if (problem) problems.push(`${problem}: ${request.describe}`);
            const outcome = outcomeOf(res);
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          } catch (err) {
            problems.push(`${String(err)}: ${request.describe}`);
          }
        }
      }),
    );
    const after = await rssMb(gateway);
    const histogram = [...outcomes].sort((a, b) => b[1] - a[1]).map(([o, c]) => `${o} ${c}`).join(', ');
    process.stdout.write(`\n[fuzz] seed ${SEED}: ${sent} requests in ${Math.round(performance.now() - started)} ms; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB\n[fuzz] ${histogram}\n`);
    // The pass reaches execution, not only the parser: some answers carry data.
    expect(outcomes.get('data') ?? 0).toBeGreaterThan(10);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThan(OPERATIONS / 2);
    // No internal error was even logged (masked or not).
    expect(linesWith(gateway.logs, 'internal server error')).toEqual([]);
    // Bounded: the caches (64 + 30 + 30 MB by default) and a few responses in flight, not growth with the requests sent.
    expect(after - before).toBeLessThan(400);
  });
});
