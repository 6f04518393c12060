import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { errorMessage } from '../../core/errorMessage';

/** The SHA-256 of a document, hex: the id automatic persisted queries use (`extensions.persistedQuery.sha256Hash`). */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/**
 * The persisted documents (the allow-list) of this deployment, loaded from a JSON file at start. Two formats,
 * the ones client build tools write:
 *
 * - a map from id to document, `{ "<id>": "query … { … }" }` (GraphQL Code Generator's client preset
 *   `persisted-documents.json`, Relay's `persisted_queries.json`);
 * - an Apollo persisted query manifest, `{ "format": "apollo-persisted-query-manifest", "version": 1,
 *   "operations": [{ "id", "body", … }] }`.
 *
 * A document is found by its id (the hash a client sends) and recognised by the SHA-256 of its text (a client
 * that sends the full text of a listed document).
 */
export class PersistedDocuments {
  private readonly byId: ReadonlyMap<string, string>;
  private readonly hashes: ReadonlySet<string>;

  constructor(documents: Iterable<readonly [id: string, document: string]>) {
    this.byId = new Map(documents);
    this.hashes = new Set([...this.byId.values()].map(documentHash));
  }

  /** Reads and checks `file`; throws an Error naming the file and what is wrong with it. */
  static fromFile(file: string): PersistedDocuments {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`persisted documents ${file}: ${errorMessage(err)}`);
    }
    return new PersistedDocuments(documentEntries(parsed, file));
  }

  get size(): number {
    return this.byId.size;
  }

  /** The document persisted under `id`, or undefined. */
  get(id: string): string | undefined {
    return this.byId.get(id);
  }

  /** The names of the operations the documents define (a document that does not parse names none). */
  operationNames(): string[] {
    const names = new Set<string>();
    for (const document of this.byId.values()) {
      try {
        for (const d of parse(document).definitions) if (d.kind === Kind.OPERATION_DEFINITION && d.name) names.add(d.name.value);
      } catch {
        // not GraphQL: Apollo refuses it when it is sent
      }
    }
    return [...names];
  }

  /** Whether `hash` is the id of a persisted document or the SHA-256 of one. */
  allows(hash: string): boolean {
    return this.byId.has(hash) || this.hashes.has(hash);
  }
}

function documentEntries(parsed: unknown, file: string): [string, string][] {
  const fail = (why: string): never => {
    throw new Error(`persisted documents ${file}: ${why}`);
  };
  if (!isObject(parsed)) return fail('expected a JSON object');
  if (parsed['format'] === 'apollo-persisted-query-manifest') {
    if (parsed['version'] !== 1) fail(`unsupported manifest version ${JSON.stringify(parsed['version'])}`);
    const operations = parsed['operations'];
    if (!Array.isArray(operations)) return fail('"operations" must be an array');
    return operations.map((op: unknown, i) => {
      if (!isObject(op) || typeof op['id'] !== 'string' || typeof op['body'] !== 'string') {
        return fail(`operations[${i}] needs a string "id" and "body"`);
      }
      return [op['id'], op['body']];
    });
  }
  return Object.entries(parsed).map(([id, document]) => {
    if (typeof document !== 'string') return fail(`the value of ${JSON.stringify(id)} must be a document string`);
    return [id, document];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
