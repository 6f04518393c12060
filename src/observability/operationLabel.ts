/** Distinct operation names kept as label values; later new names are reported as `other`. */
export const MAX_OPERATION_LABELS = 200;

const seen = new Set<string>();

/**
 * The `operation` label of an operation name. Clients choose operation names, so the label set is bounded:
 * unnamed operations are `anonymous`, and once MAX_OPERATION_LABELS distinct names were seen (process-wide),
 * further new names are `other`. GraphQL names are `[_A-Za-z][_0-9A-Za-z]*` already; they are cut at 100.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  const label = name.slice(0, 100);
  if (seen.has(label)) return label;
  if (seen.size >= MAX_OPERATION_LABELS) return 'other';
  seen.add(label);
  return label;
}
