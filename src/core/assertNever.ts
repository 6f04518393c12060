/**
 * The end of an exhaustive `switch` over a union: `value` has type `never` once every case is handled, so adding a
 * case to the union is a compile error until each switch handles it; reaching it at run time throws, naming `what`.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value) ?? String(value)}`);
}
