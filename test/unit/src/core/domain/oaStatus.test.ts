import { isOaStatus, OA_STATUSES } from '../../../../../src/core/domain/oaStatus';

describe('isOaStatus', () => {
  it('accepts the six statuses OpenAlex gives, lowercase as it spells them, and nothing else', () => {
    expect([...OA_STATUSES].sort()).toEqual(['bronze', 'closed', 'diamond', 'gold', 'green', 'hybrid']);
    expect(OA_STATUSES.every(isOaStatus)).toBe(true);
    expect(['GOLD', 'platinum', '', null, undefined, 1].some(isOaStatus)).toBe(false);
  });
});
