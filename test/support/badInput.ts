import { BadUserInputError } from '../../src/core/errors';

/** The BadUserInputError `fn` throws (fails the test when it throws nothing or something else). */
export function badInput(fn: () => unknown): BadUserInputError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(BadUserInputError);
  const err = thrown as BadUserInputError;
  expect(err.extensions['code']).toBe('BAD_USER_INPUT');
  return err;
}
