import { isStalePreparedStatement, PREPARED_TEXT_MAX_CHARS, PreparedStatements } from '../../../../datasources/postgres/PreparedStatements';

describe('PreparedStatements', () => {
  it('names a text on its second sighting, and keeps that name', () => {
    const prepared = new PreparedStatements(4);
    expect(prepared.nameFor('SELECT 1')).toBeUndefined();
    const name = prepared.nameFor('SELECT 1');
    expect(name).toBe('gateway_1');
    expect(prepared.nameFor('SELECT 1')).toBe(name);
    expect(prepared.nameFor('SELECT 2')).toBeUndefined();
    expect(prepared.nameFor('SELECT 2')).toBe('gateway_2');
    expect(prepared.nameFor('SELECT 1')).toBe(name);
  });

  it('never issues more names than its capacity: every other text runs unnamed', () => {
    const prepared = new PreparedStatements(3);
    const names = new Set<string>();
    for (let i = 0; i < 50; i++) {
      for (let seen = 0; seen < 3; seen++) {
        const name = prepared.nameFor(`SELECT ${i}`);
        if (name !== undefined) names.add(name);
      }
    }
    expect([...names].sort()).toEqual(['gateway_1', 'gateway_2', 'gateway_3']);
    expect(prepared.nameFor('SELECT 0')).toBe('gateway_1');
    expect(prepared.nameFor('SELECT 49')).toBeUndefined();
  });

  it('names nothing with capacity 0, nor a text longer than 8 KiB', () => {
    const off = new PreparedStatements(0);
    for (let i = 0; i < 3; i++) expect(off.nameFor('SELECT 1')).toBeUndefined();
    const prepared = new PreparedStatements(10);
    const long = `SELECT '${'x'.repeat(PREPARED_TEXT_MAX_CHARS)}'`;
    for (let i = 0; i < 3; i++) expect(prepared.nameFor(long)).toBeUndefined();
  });

  it('gives a retired text a new name when it earns one again, and counts it against the bound', () => {
    const prepared = new PreparedStatements(2);
    prepared.nameFor('SELECT 1');
    expect(prepared.nameFor('SELECT 1')).toBe('gateway_1');
    prepared.retire('SELECT 1');
    expect(prepared.nameFor('SELECT 1')).toBeUndefined();
    expect(prepared.nameFor('SELECT 1')).toBe('gateway_2');
    prepared.retire('SELECT 1');
    prepared.nameFor('SELECT 1');
    expect(prepared.nameFor('SELECT 1')).toBeUndefined();
  });

  it('refuses a capacity that is not a non-negative integer', () => {
    for (const capacity of [-1, 1.5, Number.NaN]) expect(() => new PreparedStatements(capacity)).toThrow(RangeError);
  });
});

describe('isStalePreparedStatement', () => {
  it("recognises PostgreSQL's refusal of a prepared statement whose result type changed, and nothing else", () => {
    expect(isStalePreparedStatement({ code: '0A000', message: 'cached plan must not change result type' })).toBe(true);
    expect(isStalePreparedStatement({ code: '0A000', message: 'FOR UPDATE is not allowed with aggregate functions' })).toBe(false);
    expect(isStalePreparedStatement({ code: '42P01', message: 'relation "works" does not exist' })).toBe(false);
    expect(isStalePreparedStatement(new Error('cached plan must not change result type'))).toBe(false);
    expect(isStalePreparedStatement(null)).toBe(false);
  });
});
