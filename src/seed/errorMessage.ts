/** The message of a thrown value, for rejection reasons. Pure. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
