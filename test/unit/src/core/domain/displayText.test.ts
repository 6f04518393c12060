import { readDisplayText } from '../../../../../src/core/domain/displayText';
import { findUnstorableCharacter } from '../../../../../src/core/domain/storableText';

describe('readDisplayText', () => {
  it('drops invisible characters at either end and keeps the text as typed inside', () => {
    expect(readDisplayText('  \u200bHydrogen\u00a0storage\ufeff \n')).toEqual({ text: 'Hydrogen\u00a0storage' });
    expect(readDisplayText('CO<sub>2</sub> 😀 \uE000')).toEqual({ text: 'CO<sub>2</sub> 😀 \uE000' });
  });

  it('reads text that shows nothing as absent', () => {
    for (const blank of ['', '   ', '\u200b', '\u200b\u200c\u200d\u2060', '\ufeff', '\u3164', '\u2800', ' \u00ad ']) expect(readDisplayText(blank)).toEqual({ text: null });
  });

  it('refuses control characters, ANSI escapes named as such', () => {
    expect(readDisplayText('red \u001b[31malert')).toEqual({ problem: 'cannot contain control characters such as U+001B (an ANSI escape)' });
    for (const text of ['a\u0007b', 'line\nbreak', 'tab\there', 'c1 \u0085 inside', 'del\u007f']) expect(readDisplayText(text)).toEqual({ problem: expect.stringMatching(/control characters/) });
  });

  it('allows tab and line breaks where text has lines, and nothing else', () => {
    expect(readDisplayText('First.\n\nSecond,\tindented.\r\n', { lines: true })).toEqual({ text: 'First.\n\nSecond,\tindented.' });
    expect(readDisplayText('a\u001bb', { lines: true })).toEqual({ problem: expect.stringMatching(/U\+001B/) });
    expect(readDisplayText('a\u000bb', { lines: true })).toEqual({ problem: expect.stringMatching(/U\+000B/) });
  });

  it('refuses what no store can hold', () => {
    expect(readDisplayText('a\u0000b')).toEqual({ problem: 'cannot contain NUL characters' });
    expect(readDisplayText('x\uD800')).toEqual({ problem: 'cannot contain an unpaired surrogate (U+D800)' });
  });
});

describe('findUnstorableCharacter', () => {
  it('finds NUL and unpaired surrogates, where they are, and nothing in well-formed text', () => {
    expect(findUnstorableCharacter('ab\u0000')).toEqual({ index: 2, description: 'a NUL character (U+0000)' });
    expect(findUnstorableCharacter('😀\uDE00')).toEqual({ index: 2, description: 'an unpaired surrogate (U+DE00)' });
    expect(findUnstorableCharacter('\uD83D')).toEqual({ index: 0, description: 'an unpaired surrogate (U+D83D)' });
    expect(findUnstorableCharacter('😀 \u0001 \uE000 \uFFFF')).toBeUndefined();
  });
});
