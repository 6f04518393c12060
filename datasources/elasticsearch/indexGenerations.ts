import type { estypes } from '@elastic/elasticsearch';

/**
 * The configured index names (`works`, `works_suggestions`) are aliases; each points at one concrete index, a
 * generation `<name>_v<N>`. A rebuild writes generation N+1 beside the live one and swaps the alias in one
 * `_aliases` call (README, "Rebuilding the projections"). These functions are the naming and the alias actions,
 * pure, so that they are tested without a node.
 */

/** The concrete index of generation `n` behind alias `name`: `<name>_v<n>`. */
export const generationIndex = (name: string, n: number): string => `${name}_v${n}`;

/** The generation of `index` if it is one of alias `name` (`<name>_v<digits>`), otherwise undefined. */
export function generationOf(name: string, index: string): number | undefined {
  if (!index.startsWith(`${name}_v`)) return undefined;
  const digits = index.slice(name.length + 2);
  return /^[0-9]{1,9}$/.test(digits) ? Number(digits) : undefined;
}

/** The pattern listing a name's own index and its generations (`GET <name>,<name>_v*`). */
export const familyPatterns = (name: string): string[] => [name, `${name}_v*`];

/** A concrete index as `GET <indices>?features=aliases` lists it: its name and the aliases pointing at it. */
export interface IndexListing {
  readonly index: string;
  readonly aliases: readonly string[];
}

/** What holds the name `name` now. */
export interface AliasState {
  readonly name: string;
  /** A concrete index is named `name` itself (created by a version before the alias scheme). */
  readonly legacy: boolean;
  /** The concrete indices behind the alias `name` (one, unless someone added more by hand). */
  readonly live: readonly string[];
  /** Generations of `name` that the alias does not point at: a rebuild that crashed, or an old index not deleted. */
  readonly leftovers: readonly string[];
  /** The highest generation number among the listed indices (0 when none). */
  readonly highest: number;
}

/** Reads the listing of `familyPatterns(name)` (other indices in it are ignored). */
export function aliasState(name: string, listing: readonly IndexListing[]): AliasState {
  let legacy = false;
  const live: string[] = [];
  const leftovers: string[] = [];
  let highest = 0;
  for (const { index, aliases } of listing) {
    if (index === name) {
      legacy = true;
      continue;
    }
    const generation = generationOf(name, index);
    if (aliases.includes(name)) live.push(index);
    else if (generation !== undefined) leftovers.push(index);
    if (generation !== undefined) highest = Math.max(highest, generation);
  }
  return { name, legacy, live: live.sort(), leftovers: leftovers.sort(), highest };
}

/** Whether readers find something under the name: the legacy index or the alias. */
export const isServing = (state: AliasState): boolean => state.legacy || state.live.length > 0;

/** The next generation number for a set of names rebuilt together (so `works_v3` pairs with `works_suggestions_v3`). */
export const nextGeneration = (states: readonly AliasState[]): number => Math.max(0, ...states.map((s) => s.highest)) + 1;

/**
 * The `_aliases` actions pointing `state.name` at `next` instead of what it points at now: the legacy concrete index
 * is deleted by `remove_index` (its name is free for the alias only in the same call), each live index loses the
 * alias. The caller deletes the formerly live indices after the call succeeds.
 */
export function swapActions(state: AliasState, next: string): estypes.IndicesUpdateAliasesAction[] {
  return [
    ...(state.legacy ? [{ remove_index: { index: state.name } }] : []),
    ...state.live.filter((index) => index !== next).map((index) => ({ remove: { index, alias: state.name } })),
    { add: { index: next, alias: state.name } },
  ];
}
