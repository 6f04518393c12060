/** The tables a canonical query must never read whole (issue 14, part 6). */
export const GUARDED_TABLES: readonly string[] = ['works', 'authorships', 'work_references', 'work_topics'];

/** A node of PostgreSQL's `EXPLAIN (FORMAT JSON)` plan, as far as this check reads it. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly Alias?: string;
  readonly 'Plan Rows'?: number;
  readonly Plans?: readonly PlanNode[];
  readonly [key: string]: unknown;
}

/** A sequential scan of a guarded table found in a plan. */
export interface SeqScan {
  readonly table: string;
  readonly alias: string | undefined;
  readonly planRows: number | undefined;
}

/** Every `Seq Scan` node of `tables` anywhere in the plan tree (subplans and CTEs included: they are child nodes). */
export function seqScansOf(plan: PlanNode, tables: readonly string[] = GUARDED_TABLES): SeqScan[] {
  const found: SeqScan[] = [];
  const visit = (node: PlanNode) => {
    const table = node['Relation Name'];
    if (node['Node Type'] === 'Seq Scan' && table !== undefined && tables.includes(table)) {
      found.push({ table, alias: node.Alias, planRows: node['Plan Rows'] });
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan);
  return found;
}
