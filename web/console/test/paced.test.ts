import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Paced } from "../src/paced";

describe("Paced", () => {
  beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(0); });
  afterEach(() => { vi.useRealTimers(); });

  it("runs the first request at once and folds the next ones into one run at the interval's end", () => {
    let runs = 0;
    const paced = new Paced(1000, () => runs++);
    paced.request();
    expect(runs).toBe(1);
    for (let i = 0; i < 9; i++) { vi.advanceTimersByTime(100); paced.request(); }
    expect(runs).toBe(1);
    vi.advanceTimersByTime(100); // 1000 ms after the first run
    expect(runs).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(runs).toBe(2); // nothing asked since
  });

  it("runs at once again when the interval has passed since the last run", () => {
    let runs = 0;
    const paced = new Paced(1000, () => runs++);
    paced.request();
    vi.advanceTimersByTime(1500);
    paced.request();
    expect(runs).toBe(2);
  });

  it("ten requests a second make one run a second", () => {
    let runs = 0;
    const paced = new Paced(1000, () => runs++);
    for (let i = 0; i < 100; i++) { paced.request(); vi.advanceTimersByTime(100); }
    expect(runs).toBeGreaterThanOrEqual(10);
    expect(runs).toBeLessThanOrEqual(11);
  });

  it("a cancelled run does not happen", () => {
    let runs = 0;
    const paced = new Paced(1000, () => runs++);
    paced.request();
    vi.advanceTimersByTime(10);
    paced.request();
    paced.cancel();
    vi.advanceTimersByTime(5000);
    expect(runs).toBe(1);
  });
});
