import { DomainError } from './DomainError';
import { ErrorCode } from './ErrorCode';

/** One reason the catalog refuses an article's fields: ids it does not hold, a work citing itself, a DOI taken. */
export type ArticleProblem =
  | { readonly kind: 'unknownAuthors' | 'unknownWorks' | 'unknownTopics'; readonly ids: readonly string[] }
  | { readonly kind: 'citesItself' }
  | { readonly kind: 'doiTaken'; readonly doi: string; readonly holder: string | undefined };

/** An article write the catalog refused, with every problem found at once (nothing was written). */
export class ArticleRejectedError extends DomainError {
  constructor(readonly problems: readonly ArticleProblem[]) {
    super(`the article refers to what the catalog does not allow: ${problems.map((p) => p.kind).join(', ')}`, ErrorCode.BadUserInput);
  }
}

/** The work a mutation names exists but is not an article (`type` is OpenAlex's work type). */
export class NotAnArticleError extends DomainError {
  constructor(
    readonly workId: string,
    readonly type: string | null,
  ) {
    super(`work ${workId} is of type ${type ?? 'unknown'}, not an article`, ErrorCode.BadUserInput);
  }
}
