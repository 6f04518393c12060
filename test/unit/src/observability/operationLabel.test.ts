import { MAX_OPERATION_LABELS, operationLabel } from '../../../../src/observability/operationLabel';

describe('operationLabel', () => {
  it('labels unnamed operations anonymous and keeps names (cut at 100 characters)', () => {
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('WorkPage')).toBe('WorkPage');
    expect(operationLabel('x'.repeat(150))).toBe('x'.repeat(100));
  });

  it('bounds the number of distinct labels: once the limit is reached new names become other, known ones stay', () => {
    for (let i = 0; i < MAX_OPERATION_LABELS + 10; i++) operationLabel(`Op${i}`);
    expect(operationLabel('WorkPage')).toBe('WorkPage');
    expect(operationLabel('NeverSeenBefore')).toBe('other');
  });
});
