import { describe, expect, it } from "vitest";
import type { StoredComparison, StoredComparisonRow, StoredRunItem } from "../src/api";
import { comparisonRows, historyHeader, historyRows } from "../src/storetable";

const run = (id: string, state: string, verdict: string | null, durationSeconds: number): StoredRunItem => ({
  id, name: "pair", state, startedUtc: "2026-12-06T13:00:01.123Z", stoppedUtc: null, stopReason: null, durationSeconds, intervals: 4,
  verdict, seed: 1, version: "1.0",
});

const row = (figure: string, flag: "normal" | "warning" | "critical", beyondNoise: boolean, note = ""): StoredComparisonRow => ({
  group: "dev/out (publish)", figure, unit: "ratio", a: 0.01, b: 0.02, aText: "1 %", bText: "2 %", change: 1, changeText: "+100 %",
  p: 0.00123, beyondNoise, flag, note,
});

describe("run history table", () => {
  it("shows state, verdict, start and duration of every stored run, a verdict coloured by its outcome", () => {
    const rows = historyRows([run("20261206-130001-abcd", "completed", "passed", 125), run("20261206-120000-beef", "running", null, 3.7)]);
    expect(historyHeader).toEqual(["Run", "Plan", "State", "Verdict", "Started (UTC)", "Duration", "Intervals"]);
    expect(rows[0].cells).toEqual(["20261206-130001-abcd", "pair", "completed", "passed", "2026-12-06 13:00:01", "2:05", "4"]);
    expect(rows[0].verdictClass).toBe("flag-normal");
    expect(rows[0].ended).toBe(true);
    expect(rows[1].cells[3]).toBe("–");
    expect(rows[1].ended).toBe(false);
    expect(historyRows([run("x", "failed", "failed", 1)])[0].verdictClass).toBe("flag-critical");
  });
});

describe("comparison table", () => {
  const comparison: StoredComparison = {
    a: run("A", "completed", "passed", 10), b: run("B", "completed", "failed", 10), sameScenario: true, worst: "critical",
    rows: [row("loss", "critical", true), row("send rate", "warning", true), row("lateness p50", "normal", false), row("present", "warning", true, "only in A")],
    text: "",
  };

  it("shows only figures beyond noise or flagged, as trdpsim compare does, each with its flag", () => {
    const view = comparisonRows(comparison, false);
    expect(view.hidden).toBe(1);
    expect(view.rows.map((r) => r.flag)).toEqual(["critical", "warning", "warning"]);
    expect(view.rows[0].cells).toEqual(["dev/out (publish)", "loss", "1 %", "2 %", "+100 %", "0.0012", "critical *", ""]);
    expect(view.rows[2].cells[7]).toBe("only in A");
  });

  it("shows every figure on request, within-noise ones flagged normal and unmarked", () => {
    const view = comparisonRows(comparison, true);
    expect(view.hidden).toBe(0);
    expect(view.rows[2].cells.slice(5, 7)).toEqual(["0.0012", "normal"]);
  });
});
