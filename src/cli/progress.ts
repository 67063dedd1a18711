/**
 * The command line's progress bar (cli-progress), on stderr, for long runs only: it appears when a
 * run is still going after a moment, and never when stderr is not a terminal (a pipe, a file, CI),
 * so that what scripts capture stays clean.
 */
import { Presets, SingleBar } from 'cli-progress';

/** A run that ends before this is never shown a bar. */
const SHOW_AFTER_MS = 400;

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): boolean;
}

export class Progress {
  private bar: SingleBar | undefined;
  private readonly started = performance.now();
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly noun: string,
    private readonly stream: ProgressStream = process.stderr,
  ) {}

  /** `n` more items finished; the bar starts once the run has taken longer than SHOW_AFTER_MS. */
  advance(n: number): void {
    this.done += n;
    if (this.stream.isTTY !== true || this.total <= 1) return;
    if (!this.bar && performance.now() - this.started > SHOW_AFTER_MS) this.bar = this.start();
    this.bar?.update(this.done);
  }

  private start(): SingleBar {
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
