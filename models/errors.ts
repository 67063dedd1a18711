/**
 * A well-formed request that physics refuses: altitude inside the atmosphere, a decayed element
 * set, a budget that cannot close. The API answers it with 422 and this reason; it is an answer,
 * not a fault.
 */
export class PhysicallyImpossible extends Error {
  /** JSON pointer of the input field that makes it impossible, when one does. */
  readonly pointer: string | undefined;
  /** Figures that explain the refusal (e.g. the sink temperature), echoed in the problem body. */
  readonly figures: Record<string, number | string> | undefined;

  constructor(detail: string, pointer?: string, figures?: Record<string, number | string>) {
    super(detail);
    this.name = 'PhysicallyImpossible';
    this.pointer = pointer;
    this.figures = figures;
  }
}
