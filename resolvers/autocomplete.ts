import type { EntitySuggestion, SuggestionKind } from '../datasources/SearchIndex';
import type { Resolvers } from '../src/generated/graphql';
import { autocompleteArgs } from './autocompleteInputs';
import type { GatewayContext } from './context';
import { loadExisting } from './loadExisting';

type Args = { readonly prefix: string; readonly first?: number | null };

/** The suggestions of one kind of entity (none for a prefix without words), from the search store. */
function suggestions(kind: SuggestionKind) {
  return (_parent: unknown, args: Args, { search }: GatewayContext): Promise<EntitySuggestion[]> => {
    const { words, first } = autocompleteArgs(args.prefix, args.first);
    return words === undefined ? Promise.resolve([]) : search.suggest(kind, words, first);
  };
}

/**
 * Autocomplete for works and every entity (README, "Autocomplete"): the search store picks and orders the ids; each
 * suggestion's entity and hint come through the request's DataLoaders, so a list of ten is one batched read per kind.
 */
export const autocompleteResolvers: Resolvers = {
  Query: {
    autocompleteWorks: (_parent, args, { search }) => {
      const { words, first } = autocompleteArgs(args.prefix, args.first);
      return words === undefined ? [] : search.autocomplete(words, first);
    },
    autocompleteAuthors: suggestions('author'),
    autocompleteTopics: suggestions('topic'),
    autocompleteInstitutions: suggestions('institution'),
    autocompleteSources: suggestions('source'),
  },
  WorkSuggestion: {
    id: (s) => s.workId,
    work: (s, _args, { loaders }) => loadExisting(loaders.work, s.workId, `suggestion ${s.workId}`),
  },
  AuthorSuggestion: {
    author: (s, _args, { loaders }) => loadExisting(loaders.author, s.id, `suggested author ${s.id}`),
    hint: async (s, _args, { loaders }) => {
      const institutionId = (await loadExisting(loaders.author, s.id, `suggested author ${s.id}`)).institutionIds[0];
      if (institutionId === undefined) return null;
      return (await loaders.institution.load(institutionId))?.displayName ?? null;
    },
  },
  TopicSuggestion: {
    topic: (s, _args, { loaders }) => loadExisting(loaders.topic, s.id, `suggested topic ${s.id}`),
    hint: async (s, _args, { loaders }) => (await loadExisting(loaders.topic, s.id, `suggested topic ${s.id}`)).field,
  },
  InstitutionSuggestion: {
    institution: (s, _args, { loaders }) => loadExisting(loaders.institution, s.id, `suggested institution ${s.id}`),
    hint: async (s, _args, { loaders }) => (await loadExisting(loaders.institution, s.id, `suggested institution ${s.id}`)).countryCode,
  },
  SourceSuggestion: {
    source: (s, _args, { loaders }) => loadExisting(loaders.source, s.id, `suggested source ${s.id}`),
    hint: async (s, _args, { loaders }) => (await loadExisting(loaders.source, s.id, `suggested source ${s.id}`)).type,
  },
};
