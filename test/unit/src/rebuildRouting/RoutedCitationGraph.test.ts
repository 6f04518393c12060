import type { CitationGraph } from '../../../../datasources/CitationGraph';
import { RoutedCitationGraph } from '../../../../src/rebuildRouting/RoutedCitationGraph';
import { markedRoute } from '../../../support/markedRoute';

type Method = Exclude<keyof CitationGraph, 'backend'>;
const METHODS = ['countCitedBy', 'countReferences', 'citedBy', 'references', 'traverse', 'subgraph', 'coauthors'] as const satisfies readonly Method[];

/** A CitationGraph recording each call and answering `<method> from <backend>`. */
function recordingGraph(backend: CitationGraph['backend']): CitationGraph & { readonly calls: unknown[][] } {
  const calls: unknown[][] = [];
  const answer =
    (method: Method) =>
    async (...args: unknown[]): Promise<never> => {
      calls.push([method, ...args]);
      return `${method} from ${backend}` as never;
    };
  return { backend, calls, ...Object.fromEntries(METHODS.map((m) => [m, answer(m)])) } as CitationGraph & { readonly calls: unknown[][] };
}

/** Calls `method` of `graph` with arguments of its shape; answers what it answered and the arguments. */
async function call(graph: CitationGraph, method: Method): Promise<[unknown, unknown[]]> {
  const page = { sort: [], first: 5 };
  switch (method) {
    case 'countCitedBy':
    case 'countReferences':
      return [await graph[method](['W1', 'W2']), [['W1', 'W2']]];
    case 'citedBy':
    case 'references':
      return [await graph[method](['W1'], page), [['W1'], page]];
    case 'coauthors':
      return [await graph.coauthors(['A1'], page), [['A1'], page]];
    case 'traverse':
      return [await graph.traverse('W1', 'CITED_BY', 2, page, 100), ['W1', 'CITED_BY', 2, page, 100]];
    case 'subgraph':
      return [await graph.subgraph('W1', 'BOTH', 1, 50), ['W1', 'BOTH', 1, 50]];
  }
}

describe('RoutedCitationGraph', () => {
  const neo4j = recordingGraph('neo4j');
  const postgres = recordingGraph('postgresql');
  const { marks, clock, route } = markedRoute<CitationGraph>('neo4j', neo4j, postgres);
  const routed = new RoutedCitationGraph(route);

  it.each(METHODS)('%s goes to Neo4j, to PostgreSQL while Neo4j is marked, with the same arguments', async (method) => {
    marks.set.clear();
    clock.advance(1_000);
    const [fromNeo4j, args] = await call(routed, method);
    expect(fromNeo4j).toBe(`${method} from neo4j`);
    expect(neo4j.calls.at(-1)).toEqual([method, ...args]);
    expect(routed.backend).toBe('neo4j');

    await marks.mark('neo4j');
    clock.advance(1_000);
    const callsBefore = neo4j.calls.length;
    const [fromPostgres] = await call(routed, method);
    expect(fromPostgres).toBe(`${method} from postgresql`);
    expect(postgres.calls.at(-1)).toEqual([method, ...args]);
    expect(neo4j.calls).toHaveLength(callsBefore);
    expect(routed.backend).toBe('postgresql');
  });
});
