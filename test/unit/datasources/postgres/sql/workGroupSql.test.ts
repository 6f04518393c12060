import { searchPlan } from '../../../../../datasources/shared/searchPlan';
import { SqlParams } from '../../../../../datasources/postgres/sql/SqlParams';
import { workGroupSql } from '../../../../../datasources/postgres/sql/workGroupSql';
import { WORK_GROUP_FIELDS } from '../../../../../datasources/workGroups';

const HOSTILE = `'); DROP TABLE works; -- "x" \\ $1`;

describe('workGroupSql', () => {
  it.each(WORK_GROUP_FIELDS.map((f) => [f]))('%s: user text and first are bound parameters only', (field) => {
    const params = new SqlParams();
    const sql = workGroupSql(searchPlan(HOSTILE, []), { type: [HOSTILE], authorId: HOSTILE }, { field, includeUnknown: true, first: 7 }, params);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toMatch(/LIMIT 7\b/);
    expect(params.values).toEqual(expect.arrayContaining([[HOSTILE], HOSTILE, 7]));
  });

  it("asks for the works with a value only when the unknown group is wanted; years order as numbers, other keys in byte order", () => {
    const sql = (field: 'YEAR' | 'TOPIC', includeUnknown: boolean) => workGroupSql(searchPlan('', []), undefined, { field, includeUnknown, first: 5 }, new SqlParams());
    expect(sql('TOPIC', true)).toContain("'valued'");
    expect(sql('TOPIC', false)).not.toContain("'valued'");
    expect(sql('YEAR', false)).toContain('count(*) DESC, key::integer');
    expect(sql('TOPIC', false)).toContain('count(*) DESC, key COLLATE "C"');
  });
});
