import { authorOrder } from '../../../../../datasources/postgres/sql/authorSql';
import { REFERENCES_ORDER, traverseOrder } from '../../../../../datasources/postgres/sql/citationSql';
import { decodeCursor, encodeCursor, type KeysetOrder } from '../../../../../datasources/postgres/sql/keyset';
import { workOrder } from '../../../../../datasources/postgres/sql/workSql';
import { cursorRefusal } from '../../../../support/cursorRefusal';

/** A cursor as a client could forge it: base64url JSON with any payload. */
const forged = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

function refused(order: KeysetOrder, values: unknown[], message: RegExp): void {
  const err = cursorRefusal(() => decodeCursor(order, forged({ s: order.signature, v: values })));
  expect(err.extensions['argument']).toBe('after');
  expect(err.message).toMatch(/not a cursor returned by this connection/);
  expect(err.message).toMatch(message);
}

describe('decodeCursor: a forged cursor never reaches a store as a value its key cannot hold', () => {
  const byCount = workOrder(['CITED_BY_COUNT_DESC']);
  const byTitle = workOrder(['TITLE_ASC']);
  const dateKeyed: KeysetOrder = { keys: [{ expr: 'd', desc: false, cast: 'date' }], signature: 'dates' };

  it('refuses integer keys outside PostgreSQL integer (the observed int4 overflow) or not whole', () => {
    // The cursor of the report: {"s":"work:CITED_BY_COUNT_DESC","v":[2147483648,"W1"]}.
    expect(forged({ s: 'work:CITED_BY_COUNT_DESC', v: [2147483648, 'W1'] })).toBe('eyJzIjoid29yazpDSVRFRF9CWV9DT1VOVF9ERVNDIiwidiI6WzIxNDc0ODM2NDgsIlcxIl19');
    for (const value of [2147483648, -2147483649, 1e20, 0.5]) refused(byCount, [value, 'W1'], /sort key 1 \(integer\) must be a 32-bit integer/);
    for (const value of [2147483648, -1.5]) refused(REFERENCES_ORDER, [value], /32-bit integer/);
    refused(traverseOrder('CITED_BY', 2), [4294967296, 'W1'], /32-bit integer/);
    refused(authorOrder(['WORKS_COUNT_DESC']), [2 ** 31, 'A1'], /32-bit integer/);
  });

  it('accepts the whole integer range', () => {
    expect(decodeCursor(byCount, encodeCursor(byCount, { _k0: 2147483647, _k1: 'W1' }))).toEqual([2147483647, 'W1']);
    expect(decodeCursor(byCount, encodeCursor(byCount, { _k0: -2147483648, _k1: 'W1' }))).toEqual([-2147483648, 'W1']);
  });

  it('refuses text keys holding NUL or an unpaired surrogate, or longer than any stored text allows', () => {
    refused(byTitle, ['a\u0000b', 'W1'], /sort key 1 \(text\) holds a NUL character/);
    refused(byTitle, ['abc', 'W1\u0000'], /sort key 2 \(text\) holds a NUL character/);
    refused(byTitle, ['x\uD800', 'W1'], /unpaired surrogate \(U\+D800\)/);
    refused(byTitle, ['x'.repeat(20_001), 'W1'], /longer than 20000 characters/);
    refused(authorOrder(['DISPLAY_NAME_ASC']), ['\uDFFF', 'A1'], /unpaired surrogate/);
  });

  it('accepts any storable text, emoji and control characters included', () => {
    expect(decodeCursor(byTitle, encodeCursor(byTitle, { _k0: 'co₂ 😀 \u0001', _k1: 'W1' }))).toEqual(['co₂ 😀 \u0001', 'W1']);
  });

  it('refuses date keys that are not calendar days', () => {
    for (const value of ['2023-02-29', '2024-13-01', '0000-01-01', 'yesterday', 20240101]) refused(dateKeyed, [value], /calendar date/);
    expect(decodeCursor(dateKeyed, forged({ s: 'dates', v: ['2024-02-29'] }))).toEqual(['2024-02-29']);
  });

  it('says how many values the order needs when the count is wrong', () => {
    refused(byCount, [1], /2 sort key\(s\), the cursor holds 1 value/);
    const err = cursorRefusal(() => decodeCursor(byCount, forged({ s: byCount.signature, v: 'x' })));
    expect(err.message).toMatch(/no list of value/);
  });

  it('refuses what is not base64url JSON with the same message as before', () => {
    for (const garbage of ['not a cursor!!', `${encodeCursor(byCount, { _k0: 1, _k1: 'W1' })}==`, 'A'.repeat(100_001)]) {
      expect(cursorRefusal(() => decodeCursor(byCount, garbage)).message).toMatch(/not a cursor returned by this connection/);
    }
  });
});
