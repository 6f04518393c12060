import { BadUserInputError } from '../src/core/errors';
import { type AutocompleteWords, autocompleteWordList, autocompleteWords, MAX_AUTOCOMPLETE_WORDS } from '../datasources/shared/autocompleteWords';
import { boundedFirst } from './pagination';

/** Longest `prefix` an autocomplete field takes, in characters. */
export const MAX_PREFIX_LENGTH = 100;
/** Most suggestions one autocomplete field answers (as the schema's @listSize says). */
export const MAX_SUGGESTIONS = 50;

/**
 * An autocomplete field's arguments, checked: `prefix` blank, longer than MAX_PREFIX_LENGTH or holding more than
 * MAX_AUTOCOMPLETE_WORDS words is BAD_USER_INPUT on `prefix`; `first` defaults to 10, at most MAX_SUGGESTIONS.
 * `words` is undefined when the prefix holds no word (punctuation only): the field then answers an empty list.
 */
export function autocompleteArgs(prefix: string, first: number | null | undefined): { words: AutocompleteWords | undefined; first: number } {
  const text = prefix.trim();
  if (text.length === 0) throw new BadUserInputError('prefix must not be empty', 'prefix');
  if (text.length > MAX_PREFIX_LENGTH) throw new BadUserInputError(`prefix is longer than ${MAX_PREFIX_LENGTH} characters`, 'prefix');
  const count = autocompleteWordList(text).length;
  if (count > MAX_AUTOCOMPLETE_WORDS) throw new BadUserInputError(`prefix holds ${count} words, at most ${MAX_AUTOCOMPLETE_WORDS}`, 'prefix');
  return { words: autocompleteWords(text), first: boundedFirst(first, { default: 10, max: MAX_SUGGESTIONS }) };
}
