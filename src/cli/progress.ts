/**
 * The command line's progress bar (cli-progress), on stderr, for long runs only: it appears when a
 * run is still going after a moment, and never when stderr is not a terminal (a pipe, a file, CI),
 * so that what scripts capture stays clean. cli-progress is loaded only for a bar that may be drawn
 * (on a terminal), so that a command whose output is captured does not pay for loading it.
 */
import type { SingleBar } from 'cli-progress';

/** A run that ends before this is never shown a bar. */
const SHOW_AFTER_MS = 400;

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

type CliProgress = typeof import('cli-progress');

export class Progress {
  private bar: SingleBar | undefined;
  private readonly started = performance.now();
  private done = 0;
  /** cli-progress once loaded; its loading starts with a run that may show a bar, well before SHOW_AFTER_MS. */
  private library: CliProgress | undefined;

  constructor(
    private readonly total: number,
    private readonly noun: string,
    private readonly stream: ProgressStream = process.stderr,
  ) {
    if (this.shown())
      import('cli-progress').then(
        (library) => {
          this.library = library;
        },
        // Without the library there is no bar; the run itself goes on.
        () => undefined,
      );
  }

  /** Whether this run may draw a bar: on a terminal, for more than one item. */
  private shown(): boolean {
    return this.stream.isTTY === true && this.total > 1;
  }

  /** `n` more items finished; the bar starts once the run has taken longer than SHOW_AFTER_MS (and cli-progress is loaded). */
  advance(n: number): void {
    this.done += n;
    if (!this.shown()) return;
    if (!this.bar && this.library && performance.now() - this.started > SHOW_AFTER_MS) this.bar = this.start(this.library);
    this.bar?.update(this.done);
  }

  /** A bar on the stream, at the items done so far. */
  private start({ Presets, SingleBar }: CliProgress): SingleBar {
    const bar = new SingleBar(
      {
        stream: this.stream as NodeJS.WritableStream,
        format: `{bar} {value}/{total} ${this.noun} | {percentage}% | eta {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    bar.start(this.total, this.done);
    return bar;
  }

  /** Remove the bar (it is cleared on completion). */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
