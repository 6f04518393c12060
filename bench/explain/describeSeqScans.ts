import { allowedSeqScan } from './allowedSeqScans';
import type { ExplainReport } from './explainCanonicalQueries';

/**
 * The statements that found a sequential scan of a guarded table that `allowedSeqScan` does not allow, one paragraph
 * each: the query, the scans, the statement, its parameters and its plan.
 */
export function describeSeqScans(report: ExplainReport): string[] {
  return report.statements
    .filter((s) => s.seqScans.length > 0 && allowedSeqScan(s, report) === undefined)
    .map(
      (s) =>
        `${s.query}: Seq Scan on ${s.seqScans.map((x) => `${x.table} (${x.planRows ?? '?'} rows estimated)`).join(', ')}\n` +
        `statement:\n${s.text.trim()}\nparameters: ${JSON.stringify(s.params)}\nplan:\n${JSON.stringify(s.plan, null, 1)}`,
    );
}
