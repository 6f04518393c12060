import type { SqlParam } from '../SqlExecutor';

/** Collects bound values while a statement is built; `add` returns the `$n` placeholder to splice in. */
export class SqlParams {
  readonly values: SqlParam[] = [];

  add(value: SqlParam, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}
