import { Readable } from 'node:stream';
import express from 'express';
import { parseLikeBodyParser } from '../../../../../src/http/middleware/preReadBody';

/** What express.json() (body-parser, the parser every other request meets) makes of `body`: the value, or a failure. */
async function bodyParserOutcome(body: Buffer): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const req = Object.assign(Readable.from([body]), {
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    method: 'POST',
    url: '/graphql',
  });
  return new Promise((resolve) => {
    express.json({ limit: 1_000_000 })(req as never, {} as never, (error?: unknown) => {
      resolve(error === undefined ? { ok: true, value: (req as unknown as { body: unknown }).body } : { ok: false });
    });
  });
}

describe('parseLikeBodyParser', () => {
  it('answers what express.json() answers, body for body', async () => {
    const bodies = [
      '{"query":"{ gateway { version } }"}',
      '[{"query":"{a}"},{"query":"{b}"}]',
      '  \n\t{"query":"{a}"}',
      '\uFEFF{"query":"{a}"}',
      '',
      '"just a string"',
      '42',
      'null',
      '{"query":',
      '{"a":1} trailing',
      'not json',
      '{"text":"\u00e9\u4e2d"}',
    ];
    for (const text of bodies) {
      const body = Buffer.from(text, 'utf8');
      expect({ text, outcome: parseLikeBodyParser(body) }).toEqual({ text, outcome: await bodyParserOutcome(body) });
    }
  });
});
