import {
  dateProblem,
  float4Problem,
  float4TextProblem,
  int4Problem,
  MAX_CURSOR_LENGTH,
  MAX_TEXT_KEY_LENGTH,
  parseCursorPayload,
  textProblem,
} from '../../../../datasources/shared/cursorValues';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('parseCursorPayload', () => {
  it('reads the base64url JSON object the encoders write', () => {
    expect(parseCursorPayload(b64('{"s":"work:","v":["W1"]}'))).toEqual({ s: 'work:', v: ['W1'] });
  });

  it('refuses what is not such an object: empty, too long, other alphabets, bad UTF-8, not JSON, not an object', () => {
    const payload = b64('{"s":"x","v":[]}');
    for (const bad of [
      '',
      'A'.repeat(MAX_CURSOR_LENGTH + 1),
      `${payload}=`, // padding is not part of base64url
      `${payload.slice(0, 4)}!${payload.slice(4)}`, // Buffer.from would skip the "!" silently
      `${payload.slice(0, 4)}+${payload.slice(4)}`,
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url'), // "{", invalid UTF-8, "}"
      b64('{"s":'),
      b64('[1,2]'),
      b64('null'),
      b64('"text"'),
    ]) {
      expect(parseCursorPayload(bad)).toBeUndefined();
    }
  });
});

describe('int4Problem', () => {
  it('accepts every PostgreSQL integer and nothing else', () => {
    for (const ok of [0, -1, 2_147_483_647, -2_147_483_648]) expect(int4Problem(ok)).toBeUndefined();
    for (const bad of [2_147_483_648, -2_147_483_649, 1e20, 1.5, Number.NaN, Infinity, '1', null, true]) {
      expect(int4Problem(bad)).toMatch(/32-bit integer/);
    }
  });
});

describe('textProblem', () => {
  it('accepts storable text up to the bound, control and private-use characters included', () => {
    for (const ok of ['', 'W1', 'héllo 😀', '\u0001\uE000', 'x'.repeat(MAX_TEXT_KEY_LENGTH)]) expect(textProblem(ok)).toBeUndefined();
  });

  it('refuses NUL, unpaired surrogates, longer text and non-strings, naming why', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('x\uD800')).toMatch(/unpaired surrogate \(U\+D800\)/);
    expect(textProblem('\uDC00x')).toMatch(/unpaired surrogate \(U\+DC00\)/);
    expect(textProblem('x'.repeat(MAX_TEXT_KEY_LENGTH + 1))).toMatch(/longer than/);
    expect(textProblem('abc', 2)).toMatch(/longer than 2/);
    expect(textProblem(7)).toMatch(/must be text/);
  });
});

describe('dateProblem', () => {
  it('accepts real calendar days of years 1 to 9999', () => {
    for (const ok of ['0001-01-01', '2024-02-29', '2000-02-29', '9999-12-31', '0050-06-15']) expect(dateProblem(ok)).toBeUndefined();
  });

  it('refuses impossible days and other shapes', () => {
    for (const bad of ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '0000-01-01', '2024-1-1', '20240101', ' 2024-01-01', 20240101, null]) {
      expect(dateProblem(bad)).toMatch(/calendar date/);
    }
  });
});

describe('float4Problem', () => {
  it('accepts what a float32 holds', () => {
    for (const ok of [0, 1.0607927, 12.345678, -3, 3.4028234663852886e38, 1.401298464324817e-45]) expect(float4Problem(ok)).toBeUndefined();
  });

  it('refuses overflow, underflow to zero, non-finite values and non-numbers', () => {
    for (const bad of [1e39, -1e39, 3.5e38, 1e-46, Infinity, Number.NaN, '1', null]) expect(float4Problem(bad)).toMatch(/32-bit float/);
  });
});

describe('float4TextProblem', () => {
  it('accepts the decimal literals PostgreSQL prints for a real', () => {
    for (const ok of ['1.0607927', '0', '2.2', '1e-05', '3.4028235e+38', '-0.5', '.5', '7.', '1.401298e-45']) expect(float4TextProblem(ok)).toBeUndefined();
  });

  it('refuses what Number() reads but PostgreSQL would not, or would read as another value', () => {
    for (const bad of ['', ' ', '0b1', '0x10', '1e39', '1e-50', 'NaN', 'Infinity', '-Infinity', '1_000', ' 1', '1 ', '1e', '1'.repeat(41), 1, null]) {
      expect(float4TextProblem(bad)).toMatch(/decimal number/);
    }
  });
});
