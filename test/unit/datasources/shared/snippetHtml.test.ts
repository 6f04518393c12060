import { escapeHtml, snippetHtml } from '../../../../datasources/shared/snippetHtml';

describe('escapeHtml', () => {
  it('escapes the five characters HTML gives a meaning, and nothing else', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> / \uE000 😀`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; / \uE000 😀');
  });
});

describe('snippetHtml', () => {
  it('wraps highlighted pieces in <em>, escapes every piece and trims the ends', () => {
    expect(
      snippetHtml([
        { text: '  CO<sub>2</sub> ', highlighted: false },
        { text: 'storage', highlighted: true },
        { text: ' & <em>x</em> ', highlighted: false },
      ]),
    ).toBe('CO&lt;sub&gt;2&lt;/sub&gt; <em>storage</em> &amp; &lt;em&gt;x&lt;/em&gt;');
  });

  it('is undefined when nothing is highlighted, and skips empty pieces', () => {
    expect(snippetHtml([{ text: 'no match', highlighted: false }])).toBeUndefined();
    expect(snippetHtml([{ text: '', highlighted: true }, { text: 'text', highlighted: false }])).toBeUndefined();
    expect(snippetHtml([{ text: '', highlighted: false }, { text: 'a<b', highlighted: true }, { text: '', highlighted: false }])).toBe('<em>a&lt;b</em>');
  });
});
