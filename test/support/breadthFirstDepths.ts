/**
 * A textbook breadth-first walk for ground truth: every node reachable from `start` in at most `maxDepth` steps of
 * `neighbours`, with its shortest depth (`start` at 0), in discovery order. The tests' answers for citation walks and
 * subgraphs are built on it, never on the gateway's code.
 */
export function breadthFirstDepths(start: string, neighbours: (id: string) => readonly string[], maxDepth: number): Map<string, number> {
  const depthOf = new Map([[start, 0]]);
  let frontier = [start];
  for (let depth = 1; depth <= maxDepth; depth++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const n of neighbours(from)) {
        if (!depthOf.has(n)) {
          depthOf.set(n, depth);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return depthOf;
}
