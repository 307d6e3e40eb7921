// A bounded window of live points for a chart: column arrays as uPlot wants them, trimmed to the last
// `capacity` points, so memory stays flat however long the page is open.

export class Series {
  readonly t: number[] = [];
  readonly columns: (number | null)[][];

  constructor(readonly names: string[], private readonly capacity = 600) {
    this.columns = names.map(() => []);
  }

  /** Adds one point; a time that does not move forward (a catch-up overlap, a restarted run) resets the window. */
  push(t: number, values: (number | null)[]): void {
    const last = this.t.length > 0 ? this.t[this.t.length - 1] : -Infinity;
    if (t < last) this.clear();
    else if (t === last) return;
    this.t.push(t);
    this.columns.forEach((c, i) => c.push(values[i] ?? null));
    if (this.t.length > this.capacity) {
      const extra = this.t.length - this.capacity;
      this.t.splice(0, extra);
      this.columns.forEach((c) => c.splice(0, extra));
    }
  }

  clear(): void {
    this.t.length = 0;
    this.columns.forEach((c) => (c.length = 0));
  }

  get length(): number { return this.t.length; }

  data(): [number[], ...(number | null)[][]] {
    return [this.t, ...this.columns];
  }
}

/** Loss over an interval from two totals: lost frames among those that were due (received + lost). */
export function intervalLoss(previous: { received: number; lost: number } | null, now: { received: number; lost: number }): number | null {
  if (!previous) return null;
  const lost = now.lost - previous.lost;
  const due = now.received - previous.received + lost;
  if (due <= 0 || lost < 0) return due === 0 ? 0 : null;
  return lost / due;
}
