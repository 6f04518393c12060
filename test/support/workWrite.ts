import type { WorkWrite } from '../../datasources/writes/catalogWrite';

/** A minimal work to project, with the given overrides. */
export function workWrite(overrides: Partial<WorkWrite> & Pick<WorkWrite, 'id'>): WorkWrite {
  return {
    doi: null,
    title: null,
    abstract: null,
    publicationYear: null,
    publicationDate: null,
    type: null,
    language: null,
    citedByCount: 0,
    isOpenAccess: false,
    sourceId: null,
    primaryTopicId: null,
    referencedWorkIds: [],
    relatedWorkIds: [],
    oaStatus: null,
    oaUrl: null,
    countsByYear: [],
    authorships: [],
    topics: [],
    ...overrides,
  };
}

/** A byline naming `authorIds` in order; `null` is a name OpenAlex could not attach to an author. */
export const byline = (...authorIds: (string | null)[]): WorkWrite['authorships'] =>
  authorIds.map((authorId, i) => ({
    position: i + 1,
    authorPosition: null,
    authorId,
    rawAuthorName: authorId === null ? `Unattached name ${i + 1}` : `Name of ${authorId}`,
    institutionIds: [],
  }));
