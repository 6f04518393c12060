/** What a server answered to one request: the exact bytes, and the headers the raw replay server needs. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** The request every load run sends: a JSON POST, as GraphQL clients send it. */
export function graphqlRequest(query: string): { readonly method: 'POST'; readonly headers: Record<string, string>; readonly body: string } {
  return { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) };
}

/**
 * Sends `query` once and returns the answer if it is a real one: HTTP 200, a JSON body with `data`, no `errors`,
 * and every root field non-null. This first answer becomes the endpoint's expected body: during the load every
 * response must repeat it byte for byte.
 */
export async function firstAnswer(endpoint: { readonly name: string; readonly url: string }, query: string): Promise<Answer> {
  const request = graphqlRequest(query);
  const res = await fetch(endpoint.url, { method: request.method, headers: request.headers, body: request.body });
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  const fail = (why: string) => new Error(`${endpoint.name} did not answer the benchmark's query (${why}): ${text.slice(0, 600)}`);
  if (res.status !== 200) throw fail(`HTTP ${res.status}`);
  let json: { data?: Record<string, unknown> | null; errors?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw fail('not JSON');
  }
  if (json.errors !== undefined) throw fail('errors');
  if (!json.data || Object.values(json.data).some((v) => v == null)) throw fail('no data');
  return { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body };
}

/**
 * The data of an answer in a form both servers share: keys renamed by `renames` (PostGraphile's names to the
 * gateway's) and sorted, and a connection that holds only `nodes` replaced by its list (the gateway answers some
 * lists as plain lists). Two answers hold the same data — same objects, same order, same values — exactly when
 * their canonical forms are equal.
 */
export function canonicalData(answer: Answer, renames: Readonly<Record<string, string>> = {}): unknown {
  return canonical((JSON.parse(answer.body.toString('utf8')) as { data: unknown }).data, renames);
}

/** canonicalData of a value already parsed (an answer's `data`, or the data it is expected to hold). */
export function canonical(value: unknown, renames: Readonly<Record<string, string>> = {}): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 1 && entries[0]?.[0] === 'nodes') return walk(entries[0][1]);
    return Object.fromEntries(entries.map(([k, x]) => [renames[k] ?? k, walk(x)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  return walk(value);
}

/** The first place where two canonical answers differ (a path and both values), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = 'data'): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = i < a.length && i < b.length ? firstDifference(a[i], b[i], `${path}[${i}]`) : `${path}: ${a.length} vs ${b.length} items`;
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/**
 * Throws, naming the first difference, unless `answer` holds `expected` (the data computed from the endpoint's
 * database by expectedData) once both are in canonical form, the answer's keys renamed by `renames`.
 */
export function assertAnswers(name: string, query: string, answer: Answer, expected: unknown, renames: Readonly<Record<string, string>> = {}): void {
  const difference = firstDifference(canonicalData(answer, renames), canonical(expected));
  if (difference !== undefined) throw new Error(`${name} answered ${query} wrongly: first difference from the SQL's answer at ${difference}`);
}
