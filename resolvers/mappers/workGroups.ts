import type { WorkGroupField, WorkGroupsResult } from '../../datasources/workGroups';

/** What `groupWorks` and `WorkSearchConnection.groupBy` resolve to: the counts as the index answers them. */
export interface WorkGroupsSource {
  readonly field: WorkGroupField;
  readonly result: Promise<WorkGroupsResult>;
}

/** One group and the field it is a value of (its display name depends on the field). */
export interface WorkGroupSource {
  readonly field: WorkGroupField;
  readonly key: string | null;
  readonly count: number;
}
