import { InvalidCursorError } from '../../src/core/errors';
import { type ClientError, clientErrorOf } from '../../src/http/graphql/graphqlErrors';

/**
 * The InvalidCursorError `fn` throws (fails the test when it throws nothing or something else), as the client sees
 * it: BAD_USER_INPUT on the `after` argument.
 */
export function cursorRefusal(fn: () => unknown): ClientError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InvalidCursorError);
  const seen = clientErrorOf(thrown as InvalidCursorError);
  expect(seen.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  return seen;
}

/** For promises: the InvalidCursorError `pending` rejects with, as the client sees it. */
export async function cursorRefusalOf(pending: Promise<unknown>): Promise<ClientError> {
  const err = await pending.then(
    () => undefined,
    (e: unknown) => e,
  );
  return cursorRefusal(() => {
    if (err !== undefined) throw err;
  });
}
