import { plainText } from '../../../../../src/core/domain/plainText';

describe('plainText (OpenAlex markup → plain text)', () => {
  it('removes inline tags without adding spaces', () => {
    expect(plainText('Effects of Long-Term CO<sub>2</sub> Storage')).toBe('Effects of Long-Term CO2 Storage');
    expect(plainText('distributions of <i>b</i><sup>2</sup> and √<i>b</i><sup>1</sup>')).toBe('distributions of b2 and √b1');
    expect(plainText('Modified <scp>Two‐Phase</scp> <span class="x">Titration</span><br/>')).toBe('Modified Two‐Phase Titration');
  });

  it('decodes character references after removing tags, so escaped markup stays text', () => {
    expect(plainText('Oil &amp; gas &lt;i&gt;x&lt;/i&gt; it&apos;s &#x2F; &#47; &quot;q&quot;')).toBe('Oil & gas <i>x</i> it\'s / / "q"');
  });

  it('keeps a < that starts no tag, unknown entities and invalid code points', () => {
    expect(plainText('a < b > c & d &bogus; &#0; &#xD800;')).toBe('a < b > c & d &bogus; &#0; &#xD800;');
    expect(plainText(null)).toBeNull();
  });
});
