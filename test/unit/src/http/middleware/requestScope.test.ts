import { requestIdOf } from '../../../../../src/http/middleware/requestScope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdOf', () => {
  it("keeps a caller's plausible id", () => {
    expect(requestIdOf('3f2a9c1e-0b4d-4e8f-9a7b-1c2d3e4f5a6b')).toBe('3f2a9c1e-0b4d-4e8f-9a7b-1c2d3e4f5a6b');
    expect(requestIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('replaces a missing, empty, overlong or odd id with a fresh UUID', () => {
    for (const bad of [undefined, '', 'x'.repeat(129), 'has space', 'line\nbreak', '{"json":1}']) {
      const id = requestIdOf(bad);
      expect(id).toMatch(UUID);
    }
    expect(requestIdOf(undefined)).not.toBe(requestIdOf(undefined));
  });
});
