import { copyLine, copyText, textArrayLiteral } from '../../../../../datasources/postgres/sql/copyText';

describe('copyText', () => {
  it('writes null as \\N and numbers as they print', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(0.125)).toBe('0.125');
  });

  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyText('a\\b\tc\nd\re "f"')).toBe('a\\\\b\\tc\\nd\\re "f"');
  });

  it('quotes every array element and escapes its quotes and backslashes', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(textArrayLiteral(['I1', 'a"b\\c', 'x,y'])).toBe('{"I1","a\\"b\\\\c","x,y"}');
  });

  it('joins a row with tabs, escaping each field', () => {
    expect(copyLine(['W1', 2, null, 'tab\there'])).toBe('W1\t2\t\\N\ttab\\there');
  });
});
