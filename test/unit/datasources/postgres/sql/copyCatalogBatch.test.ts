import { WORK_WRITE_COLUMNS } from '../../../../../datasources/postgres/sql/catalogMergeSql';
import { workLine } from '../../../../../datasources/postgres/sql/copyCatalogBatch';
import { workWrite } from '../../../../support/workWrite';

describe('the direct COPY of works', () => {
  it('gives one value per column the works merge writes, each where its column is', () => {
    const columns = WORK_WRITE_COLUMNS.split(',').map((c) => c.trim());
    const line = workLine(workWrite({ id: 'W1', doi: '10.1234/x', pmid: '29456894', titleMarkup: 'T<sub>2</sub>', oaUrl: 'https://example.org/w1.pdf' }));
    const values = line.replace(/\n$/, '').split('\t');
    expect(values).toHaveLength(columns.length);
    const at = (column: string) => values[columns.indexOf(column)];
    expect([at('id'), at('doi'), at('pmid'), at('title_markup'), at('oa_url')]).toEqual(['W1', '10.1234/x', '29456894', 'T<sub>2</sub>', 'https://example.org/w1.pdf']);
  });
});
