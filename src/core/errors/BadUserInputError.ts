import { ErrorCode } from './ErrorCode';
import { DomainError } from './DomainError';

/** One thing wrong with an input: the field's path (`input.doi`, `input.authorIds[2]`) and why. */
export interface InputProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * The request's arguments are invalid; `extensions.argument` names the offending argument or field. An input
 * with several problems reports all of them in `extensions.problems` (the first one is `argument`).
 */
export class BadUserInputError extends DomainError {
  constructor(message: string, argument?: string, problems?: readonly InputProblem[]) {
    super(message, ErrorCode.BadUserInput, {
      ...(argument === undefined ? {} : { argument }),
      ...(problems === undefined ? {} : { problems }),
    });
  }

  /** One error for a non-empty list of problems: every message joined, the first field as `argument`. */
  static of(problems: readonly InputProblem[]): BadUserInputError {
    const [first] = problems;
    if (first === undefined) throw new RangeError('BadUserInputError.of needs at least one problem');
    return new BadUserInputError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), first.field, problems);
  }
}
