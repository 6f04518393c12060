import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitStatements } from '../../../../datasources/postgres/migrate';

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comment lines', () => {
    expect(splitStatements('-- a comment\nCREATE TABLE a (x int);\nCREATE INDEX b\n  ON a (x);\n')).toEqual(['CREATE TABLE a (x int)', 'CREATE INDEX b\n  ON a (x)']);
  });

  it('keeps a dollar-quoted function body whole, semicolons at its line ends included', () => {
    const script = 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  RETURN NULL;\nEND\n$$;\nCREATE TRIGGER g AFTER DELETE ON a FOR EACH STATEMENT EXECUTE FUNCTION f();';
    expect(splitStatements(script)).toEqual([
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO t VALUES (1);\n  RETURN NULL;\nEND\n$$',
      'CREATE TRIGGER g AFTER DELETE ON a FOR EACH STATEMENT EXECUTE FUNCTION f()',
    ]);
  });

  it('splits every shipped migration into statements that each end outside a dollar quote', () => {
    const dir = path.join(__dirname, '../../../../datasources/postgres/migrations');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const statements = splitStatements(readFileSync(path.join(dir, name), 'utf8'));
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) expect((s.match(/\$\$/g) ?? []).length % 2).toBe(0);
    }
  });
});
