import { aliasState, familyPatterns, generationIndex, generationOf, isServing, nextGeneration, swapActions } from '../../../../datasources/elasticsearch/indexGenerations';

describe('index generations behind an alias', () => {
  it('names generation n `<name>_v<n>` and reads the number back only from that exact shape', () => {
    expect(generationIndex('works', 3)).toBe('works_v3');
    expect(generationOf('works', 'works_v3')).toBe(3);
    expect(generationOf('works', 'works_v12')).toBe(12);
    for (const other of ['works', 'works_v', 'works_vx', 'works_v3_suggestions', 'works_suggestions_v3', 'works_it_v3', 'works_v-1', 'xworks_v3']) expect(generationOf('works', other)).toBeUndefined();
    expect(generationOf('works_suggestions', 'works_suggestions_v3')).toBe(3);
    expect(familyPatterns('works')).toEqual(['works', 'works_v*']);
  });

  it('nothing listed: nothing served, the first generation is 1', () => {
    const state = aliasState('works', []);
    expect(state).toEqual({ name: 'works', legacy: false, live: [], leftovers: [], highest: 0 });
    expect(isServing(state)).toBe(false);
    expect(nextGeneration([state])).toBe(1);
  });

  it('tells the live generation from leftovers, and ignores indices of other names', () => {
    const state = aliasState('works', [
      { index: 'works_v2', aliases: ['works'] },
      { index: 'works_v3', aliases: [] },
      { index: 'works_v1', aliases: ['elsewhere'] },
      { index: 'works_vintage', aliases: [] },
    ]);
    expect(state).toEqual({ name: 'works', legacy: false, live: ['works_v2'], leftovers: ['works_v1', 'works_v3'], highest: 3 });
    expect(isServing(state)).toBe(true);
  });

  it('recognises a concrete index of the name itself (legacy) as served', () => {
    const state = aliasState('works', [{ index: 'works', aliases: [] }]);
    expect(state).toMatchObject({ legacy: true, live: [], leftovers: [] });
    expect(isServing(state)).toBe(true);
  });

  it('numbers the next generation past the highest of every name rebuilt together', () => {
    const works = aliasState('works', [{ index: 'works_v4', aliases: ['works'] }]);
    const suggestions = aliasState('works_suggestions', [{ index: 'works_suggestions_v6', aliases: [] }]);
    expect(nextGeneration([works, suggestions])).toBe(7);
  });

  it('swaps the alias from the live generation to the new one', () => {
    const state = aliasState('works', [{ index: 'works_v2', aliases: ['works'] }]);
    expect(swapActions(state, 'works_v3')).toEqual([{ remove: { index: 'works_v2', alias: 'works' } }, { add: { index: 'works_v3', alias: 'works' } }]);
  });

  it('replaces a legacy concrete index by the alias in the same actions (remove_index)', () => {
    const state = aliasState('works', [{ index: 'works', aliases: [] }]);
    expect(swapActions(state, 'works_v1')).toEqual([{ remove_index: { index: 'works' } }, { add: { index: 'works_v1', alias: 'works' } }]);
  });

  it('adds the alias alone when nothing holds the name, and never removes it from the new generation', () => {
    expect(swapActions(aliasState('works', []), 'works_v1')).toEqual([{ add: { index: 'works_v1', alias: 'works' } }]);
    const already = aliasState('works', [{ index: 'works_v5', aliases: ['works'] }]);
    expect(swapActions(already, 'works_v5')).toEqual([{ add: { index: 'works_v5', alias: 'works' } }]);
  });
});
