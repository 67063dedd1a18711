import { z } from 'zod';

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

/**
 * A well-formed request whose size exceeds a stated computing budget (e.g. satellites × sites ×
 * hours). The API answers 413 with the limit and the requested figure, instead of working for
 * minutes.
 */
export class TooLarge extends Error {
  /** JSON pointer of the input that drives the size, when one does. */
  readonly pointer: string | undefined;
  /** The requested size and the limit, with their units in the names. */
  readonly figures: Record<string, number | string>;

  constructor(detail: string, figures: Record<string, number | string>, pointer?: string) {
    super(detail);
    this.name = 'TooLarge';
    this.pointer = pointer;
    this.figures = figures;
  }
}

/** A request error found while running (a catalogue entry without a price, say): answered as a 400 naming the field. */
export function inputError(path: (string | number)[], message: string): z.ZodError {
  return new z.ZodError([{ code: 'custom', path, message, input: undefined }]);
}
