import type { Page, WorkRecord } from '../datasources/types';
import type { Loaders } from '../src/loaders/createLoaders';
import type { PageSlice } from './mappers/Connection';
import { isRecord } from './isRecord';

/** Turns a page of work ids into a page of works, loading them through the request's work loader. */
export async function loadWorkPage(page: Page<string>, loaders: Loaders): Promise<PageSlice<WorkRecord>> {
  const works = await loaders.work.loadMany(page.edges.map((e) => e.node));
  const edges = page.edges.flatMap((edge, i) => {
    const work = works[i];
    return work !== undefined && isRecord(work) ? [{ cursor: edge.cursor, node: work }] : [];
  });
  return { edges, hasNextPage: page.hasNextPage };
}
