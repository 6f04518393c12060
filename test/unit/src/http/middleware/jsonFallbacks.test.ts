import type express from 'express';
import { errorsAsJson, notFoundAsJson } from '../../../../../src/http/middleware/jsonFallbacks';
import type { Logger } from '../../../../../src/core/logger';

/** Just enough of express's request and response for the handlers, recording what they answer. */
function exchange(method = 'GET', path = '/nothing', headersSent = false) {
  const sent: { status?: number; type?: string; body?: string } = {};
  const req = { method, path, get: () => undefined } as unknown as express.Request;
  const res = {
    headersSent,
    getHeader: (name: string) => (name === 'x-request-id' ? 'req-7' : undefined),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  } as unknown as express.Response;
  return { req, res, sent };
}

function recordingLogger() {
  const errors: [Record<string, unknown>, string][] = [];
  return { logger: { error: (obj: Record<string, unknown>, msg: string) => errors.push([obj, msg]) } as unknown as Logger, errors };
}

describe('notFoundAsJson', () => {
  it('answers 404 NOT_FOUND in JSON, naming the method, the path and where GraphQL is', () => {
    const { req, res, sent } = exchange('POST', '/health');
    notFoundAsJson('/graphql')(req, res, () => undefined);
    expect(sent).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({ errors: [{ message: 'Nothing is served at POST /health; GraphQL is at /graphql.', extensions: { code: 'NOT_FOUND' } }] }),
    });
  });
});

describe('errorsAsJson', () => {
  it("answers a client's error with its 4xx status, its message only when it is safe to show", () => {
    const { logger, errors } = recordingLogger();
    const shown = exchange();
    // As http-errors builds a client error: a 4xx status, `expose` set.
    errorsAsJson(logger)(Object.assign(new Error('bad range header'), { status: 400, expose: true }), shown.req, shown.res, () => undefined);
    expect(shown.sent.status).toBe(400);
    expect(JSON.parse(shown.sent.body as string)).toEqual({ errors: [{ message: 'bad range header', extensions: { code: 'BAD_REQUEST' } }] });
    const hidden = exchange();
    errorsAsJson(logger)(Object.assign(new Error('/srv/app/secret path'), { status: 404 }), hidden.req, hidden.res, () => undefined);
    expect(JSON.parse(hidden.sent.body as string).errors[0].message).toBe('The request could not be handled.');
    expect(errors).toEqual([]);
  });

  it('answers anything else 500 INTERNAL_SERVER_ERROR in JSON, logging the cause with the request id', () => {
    const { logger, errors } = recordingLogger();
    const { req, res, sent } = exchange('GET', '/metrics');
    const cause = new TypeError('registry.metrics is not a function');
    errorsAsJson(logger)(cause, req, res, () => undefined);
    expect(sent.status).toBe(500);
    expect(JSON.parse(sent.body as string)).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(errors).toEqual([[{ requestId: 'req-7', method: 'GET', path: '/metrics', err: cause }, 'internal server error']]);
  });

  it('passes on an error of a response already under way (express then closes the connection)', () => {
    const { logger } = recordingLogger();
    const { req, res, sent } = exchange('GET', '/x', true);
    const passed: unknown[] = [];
    errorsAsJson(logger)(new Error('late'), req, res, (err?: unknown) => passed.push(err));
    expect(passed).toHaveLength(1);
    expect(sent).toEqual({});
  });
});
