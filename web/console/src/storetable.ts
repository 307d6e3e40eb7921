// The Runs page's tables as plain data (cells and the class of each row), so they are tested without a browser:
// the run store's history (state, verdict, start, duration) and two stored runs compared per telegram group.
import type { StoredComparison, StoredComparisonRow, StoredRunItem } from "./api";
import { elapsed } from "./format";

export interface HistoryRow { id: string; cells: string[]; verdictClass: string; ended: boolean; }

/** Newest first, as the store lists them; a run still playing (or crashed) has no verdict yet. */
export function historyRows(runs: StoredRunItem[]): HistoryRow[] {
  return runs.map((r) => ({
    id: r.id,
    cells: [r.id, r.name, r.state, r.verdict ?? "–", r.startedUtc ? utc(r.startedUtc) : "–", elapsed(r.durationSeconds), String(r.intervals)],
    verdictClass: r.verdict === "passed" ? "flag-normal" : r.verdict === "failed" ? "flag-critical" : "",
    ended: r.state !== "running" && r.state !== "paused",
  }));
}

export const historyHeader = ["Run", "Plan", "State", "Verdict", "Started (UTC)", "Duration", "Intervals"];

export interface ComparisonView { rows: { cells: string[]; flag: string }[]; hidden: number; }

/** The comparison's rows as `trdpsim compare` shows them: only figures beyond noise or flagged, unless all. */
export function comparisonRows(comparison: StoredComparison, all: boolean): ComparisonView {
  const shown = comparison.rows.filter((r) => all || r.beyondNoise || r.flag !== "normal");
  return { rows: shown.map((r) => ({ cells: cells(r), flag: r.flag })), hidden: comparison.rows.length - shown.length };
}

export const comparisonHeader = ["Group", "Figure", "A", "B", "Change", "p", "Flag", "Note"];

function cells(r: StoredComparisonRow): string[] {
  return [r.group, r.figure, r.aText, r.bText, r.changeText, r.p.toFixed(4).replace(/\.?0+$/, ""), r.beyondNoise ? `${r.flag} *` : r.flag, r.note];
}

/** 2026-12-06T13:00:01.123Z → 2026-12-06 13:00:01 */
function utc(iso: string): string {
  return iso.replace("T", " ").replace(/(\.\d+)?Z?$/, "");
}
