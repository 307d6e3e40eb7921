import { describe, expect, it } from "vitest";
import { intervalLoss, Series } from "../src/series";

describe("Series", () => {
  it("keeps a bounded window of columns aligned with time", () => {
    const s = new Series(["a", "b"], 3);
    for (let t = 1; t <= 5; t++) s.push(t, [t * 10, t * 100]);
    expect(s.data()).toEqual([[3, 4, 5], [30, 40, 50], [300, 400, 500]]);
  });
  it("ignores a repeated time and starts over when time goes back (a new run, a daemon restart)", () => {
    const s = new Series(["a"]);
    s.push(1, [1]); s.push(2, [2]); s.push(2, [99]);
    expect(s.data()).toEqual([[1, 2], [1, 2]]);
    s.push(0.5, [7]);
    expect(s.data()).toEqual([[0.5], [7]]);
  });
  it("fills a missing value with null (a gap uPlot draws as such)", () => {
    const s = new Series(["a", "b"]);
    s.push(1, [1]);
    expect(s.columns[1]).toEqual([null]);
  });
});

describe("intervalLoss", () => {
  it("is the lost share of the frames due in the interval", () => {
    expect(intervalLoss({ received: 100, lost: 0 }, { received: 190, lost: 10 })).toBeCloseTo(0.1);
  });
  it("is null without a previous sample and 0 when nothing was due", () => {
    expect(intervalLoss(null, { received: 1, lost: 0 })).toBeNull();
    expect(intervalLoss({ received: 5, lost: 1 }, { received: 5, lost: 1 })).toBe(0);
  });
  it("is null when counters went back (a reset run)", () => {
    expect(intervalLoss({ received: 100, lost: 10 }, { received: 120, lost: 2 })).toBeNull();
  });
});
