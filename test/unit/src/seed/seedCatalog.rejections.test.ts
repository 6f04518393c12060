import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_LISTED_REJECTIONS, seedCatalog } from '../../../../src/seed/seedCatalog';
import { fakeWriter } from '../../../support/fakeCatalogWriter';

describe('seedCatalog with many rejected records', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'seed-rejections-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts every rejected record but lists only the first MAX_LISTED_REJECTIONS, in input order', async () => {
    const garbage = MAX_LISTED_REJECTIONS + 500;
    const file = path.join(dir, 'works.jsonl');
    // Lines that are not JSON, each rejected whole with its position.
    writeFileSync(file, Array.from({ length: garbage }, (_, i) => `{"id": "W${i}", broken`).join('\n') + '\n');
    const report = await seedCatalog([file], fakeWriter(200));
    expect(report.works).toBe(0);
    expect(report.rejectedCount).toBe(garbage);
    expect(report.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(report.rejected[0]?.origin).toEqual({ file, index: 0 });
    expect(report.rejected.at(-1)?.origin).toEqual({ file, index: MAX_LISTED_REJECTIONS - 1 });
    expect(report.rejected.every((r) => r.reason.length > 0)).toBe(true);
  });
});
