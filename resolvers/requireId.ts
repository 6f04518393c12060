import { type OpenAlexPrefix, toShortId } from '../src/core/domain/openAlexId';
import { BadUserInputError } from '../src/core/errors';

const ENTITY: Record<OpenAlexPrefix, string> = { W: 'work', A: 'author', I: 'institution', S: 'source', T: 'topic' };

/** The short id of an id argument (short or URL form); anything else is a BAD_USER_INPUT naming `argument`. */
export function requireId(value: string, prefix: OpenAlexPrefix, argument: string): string {
  const id = toShortId(value, prefix);
  if (id === undefined) {
    throw new BadUserInputError(`${argument} must be an OpenAlex ${ENTITY[prefix]} id such as ${prefix}123 or https://openalex.org/${prefix}123 (got "${value}")`, argument);
  }
  return id;
}
