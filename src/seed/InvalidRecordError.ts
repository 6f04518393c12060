/** An OpenAlex record that cannot be loaded; the message says which field is wrong. */
export class InvalidRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRecordError';
  }
}
