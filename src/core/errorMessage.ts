/** The message of a thrown value, whatever was thrown (an Error's message, else its string form), for logs and errors. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
