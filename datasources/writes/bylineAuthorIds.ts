/**
 * The distinct authors a byline names, in byline order. Entries OpenAlex could not attach to an author
 * (`authorId` null) name nobody and are left out: they are no trend subject, nobody's co-author, and have no
 * author to filter on, invalidate or project.
 */
export function bylineAuthorIds(authorships: readonly { readonly authorId: string | null }[]): string[] {
  return [...new Set(authorships.flatMap((a) => (a.authorId === null ? [] : [a.authorId])))];
}
