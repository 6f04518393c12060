import { autocompleteWords } from '../../../../datasources/shared/autocompleteWords';

describe('autocompleteWords', () => {
  it('reads lowercased runs of letters, marks and digits; the last is the prefix', () => {
    expect(autocompleteWords('Hydrogen st')).toEqual({ whole: ['hydrogen'], prefix: 'st' });
    expect(autocompleteWords('  CO2-EOR, sto')).toEqual({ whole: ['co2', 'eor'], prefix: 'sto' });
    expect(autocompleteWords('Zürich Uni')).toEqual({ whole: ['zürich'], prefix: 'uni' });
    expect(autocompleteWords('hydr')).toEqual({ whole: [], prefix: 'hydr' });
    expect(autocompleteWords('oil oil o')).toEqual({ whole: ['oil'], prefix: 'o' });
  });

  it('takes %, _, \\, quotes and tsquery operators as separators, and has nothing for punctuation only', () => {
    expect(autocompleteWords("h%dr_o\\gen' | 'x:*")).toEqual({ whole: ['h', 'dr', 'o', 'gen'], prefix: 'x' });
    for (const text of ['%', '_', '\\', "'", '%%', ' - ', '!&|']) expect(autocompleteWords(text)).toBeUndefined();
  });
});
