import { GraphQLError } from 'graphql';
import { internalErrorLog } from '../../../../src/observability/internalErrorLog';
import { RequestScope, runInRequestScope } from '../../../../src/core/requestScope';
import { capturingLogger as capture, flush } from '../../../support/capturingLogger';

const scope = () => new RequestScope('req-42', new AbortController().signal);

describe('internalErrorLog', () => {
  it('logs the unmasked cause once, at error level, with the request id, the path, the message and the stack', async () => {
    const { logger, lines } = capture();
    const log = internalErrorLog(logger);
    const cause = new Error('relation "works" does not exist');
    const wrapped = new GraphQLError('relation "works" does not exist', { path: ['works', 'totalCount'], originalError: new GraphQLError('inner', { originalError: cause }) });
    runInRequestScope(scope(), () => log.onInternalError(wrapped, { message: 'Internal server error', path: ['works', 'totalCount'] }));
    await flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'internal server error', requestId: 'req-42', path: ['works', 'totalCount'], err: { message: cause.message, type: 'Error' } });
    expect(String((lines[0]?.['err'] as { stack: string }).stack)).toContain('internalErrorLog.test.ts');
  });

  it("logs Apollo's unexpected failure with its real cause (not Apollo's generic error), and Apollo's own line about it at debug", async () => {
    const { logger, lines } = capture();
    const log = internalErrorLog(logger);
    const overflow = new RangeError('Maximum call stack size exceeded');
    await runInRequestScope(scope(), async () => {
      await log.plugin.unexpectedErrorProcessingRequest?.({ error: overflow } as never);
      log.apolloLogger.error(`Unexpected error processing request: ${overflow}`);
      log.onInternalError(new Error('Internal server error'), { message: 'Internal server error' });
    });
    await flush();
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [20, 'Unexpected error processing request: RangeError: Maximum call stack size exceeded'],
      [50, 'internal server error'],
    ]);
    expect(lines[1]).toMatchObject({ requestId: 'req-42', err: { type: 'RangeError', message: 'Maximum call stack size exceeded' } });
  });

  it("writes Apollo Server's other lines as JSON at their own level, with the request id when there is one", async () => {
    const { logger, lines } = capture();
    const log = internalErrorLog(logger);
    log.apolloLogger.warn('something Apollo warns about');
    runInRequestScope(scope(), () => log.apolloLogger.error('startupDidFail hook threw: x'));
    await flush();
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, component: 'apollo-server', msg: 'something Apollo warns about' }),
      expect.objectContaining({ level: 50, component: 'apollo-server', requestId: 'req-42', msg: 'startupDidFail hook threw: x' }),
    ]);
  });
});
