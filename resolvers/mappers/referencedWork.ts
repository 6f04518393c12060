/** What a `ReferencedWork` resolves from: one entry of a work's `referencedWorkIds`. */
export interface ReferencedWorkSource {
  readonly id: string;
  /** 1-based position in the citing work's reference list. */
  readonly position: number;
}
