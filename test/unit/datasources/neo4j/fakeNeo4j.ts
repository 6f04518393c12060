import type { Neo4jClient } from '../../../../datasources/neo4j/Neo4jCitationGraph';

export interface Call {
  readonly cypher: string;
  readonly params: Record<string, unknown>;
  readonly via: 'executeQuery' | 'executeRead' | 'executeWrite';
  readonly config?: Record<string, unknown>;
}

type Answer = (cypher: string, params: Record<string, unknown>) => Record<string, unknown>[];

const asRecord = (row: Record<string, unknown>) => ({ get: (key: string) => row[key], keys: Object.keys(row) });

/** A driver double: records every query and answers rows from `answer`; opens no socket. */
export class FakeNeo4j {
  readonly calls: Call[] = [];
  readonly sessions: Record<string, unknown>[] = [];
  closed = 0;

  constructor(private readonly answer: Answer = () => []) {}

  get client(): Neo4jClient & { close(): Promise<void> } {
    return this as unknown as Neo4jClient & { close(): Promise<void> };
  }

  async executeQuery(cypher: string, params: Record<string, unknown>, config: Record<string, unknown>) {
    this.calls.push({ cypher, params, via: 'executeQuery', config });
    return { records: this.answer(cypher, params).map(asRecord) };
  }

  session(config: Record<string, unknown>) {
    this.sessions.push(config);
    const tx = (via: Call['via']) => ({
      run: async (cypher: string, params: Record<string, unknown>) => {
        this.calls.push({ cypher, params, via });
        return { records: this.answer(cypher, params).map(asRecord) };
      },
    });
    return {
      executeRead: <T>(fn: (t: ReturnType<typeof tx>) => Promise<T>) => fn(tx('executeRead')),
      executeWrite: <T>(fn: (t: ReturnType<typeof tx>) => Promise<T>) => fn(tx('executeWrite')),
      close: async () => undefined,
    };
  }

  async close() {
    this.closed++;
  }
}
