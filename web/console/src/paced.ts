// Work a live page does at most once per interval, however often new data asks for it. The stream delivers up to
// ten batches a second; a chart redraw or a changed text for each one is a repaint each time — browser CPU taken
// from the host the engine runs on (bench/RESULTS.md §13). The first request runs at once; later ones within the
// interval are folded into one run at its end, so the newest data is always drawn, never more than an interval late.

/** Least time between two redraws of a live chart or fact: a soak's chart needs no animation. */
export const LIVE_REDRAW_MS = 1000;

export class Paced {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Runs the work now if the interval has passed since the last run, else once when it has. */
  request(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, wait);
  }

  /** Drops a run that is waiting (the page is left). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.last = this.now();
    this.work();
  }
}
