/**
 * Deepest nesting of arrays and objects accepted in a request's JSON (the body, and GET's `variables` and
 * `extensions`). The deepest input a valid operation takes is a work filter of five `and`/`or` levels, about a dozen
 * JSON levels in a body: 64 leaves room, while anything that recurses over the JSON later (Apollo's variable
 * coercion, the response-cache key, the cost estimate) stays far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` (parsed JSON) nests arrays and objects more than `maxDepth` deep (a scalar is depth 0, `{}` and
 * `[1]` depth 1). Walks without recursion, and stops at the first level past the bound, so it costs at most what the
 * parse did.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
