// Runs page: the daemon's own runs (live and kept after their end), the run store's history (every recorded run,
// also those of earlier daemons and of `trdpsim run`) with each run's HTML report, and two stored runs compared per
// telegram group as `trdpsim compare` does (GET /api/store/runs/compare), each difference flagged.
import { api, storedReport, type RunItem, type StoredComparison, type StoredRunItem } from "../api";
import { fill, h, type Teardown } from "../dom";
import { elapsed } from "../format";
import type { Context } from "../state";
import { comparisonHeader, comparisonRows, historyHeader, historyRows } from "../storetable";

export function runsPage(root: HTMLElement, context: Context): Teardown {
  const live = h("tbody", {});
  const history = h("tbody", {});
  const a = h("select", { id: "compare-a" }), b = h("select", { id: "compare-b" });
  const all = h("input", { type: "checkbox", id: "compare-all" });
  const result = h("div", { class: "compare", "aria-live": "polite" });
  const report = h("div", { class: "report" });
  let reportUrl: string | null = null;
  let last: StoredComparison | null = null;
  all.addEventListener("change", () => { if (last) showComparison(last); });

  fill(root, h("h1", {}, "Runs"),
    h("h2", {}, "This daemon's runs"),
    h("table", { class: "grid", "aria-label": "Daemon runs" },
      h("thead", {}, h("tr", {}, ...["Run", "Plan", "State", "Started (UTC)", "Elapsed", ""].map((c) => h("th", { scope: "col" }, c)))), live),
    h("h2", {}, "Run history (run store)"),
    h("table", { class: "grid", "aria-label": "Run history" },
      h("thead", {}, h("tr", {}, ...[...historyHeader, ""].map((c) => h("th", { scope: "col" }, c)))), history),
    report,
    h("section", { class: "card" }, h("h2", {}, "Compare two stored runs"),
      h("label", { for: "compare-a" }, "A "), a, h("label", { for: "compare-b" }, " B "), b,
      h("label", { for: "compare-all" }, " ", all, " every figure"),
      h("button", { type: "button", onclick: () => void compare() }, "Compare"), result));

  async function loadLive(): Promise<void> {
    const runs = await api.runs();
    fill(live, ...runs.map((r: RunItem) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `#/run/${encodeURIComponent(r.id)}` }, r.id)), h("td", {}, r.name), h("td", {}, r.state),
      h("td", {}, r.startedUtc ?? "–"), h("td", {}, elapsed(r.elapsedSeconds)),
      h("td", {}, r.stoppedUtc ? "ended" : "playing"))));
  }

  async function loadHistory(): Promise<void> {
    const runs: StoredRunItem[] = await api.storedRuns();
    fill(history, ...historyRows(runs).map((row) => h("tr", {},
      h("th", { scope: "row" }, row.cells[0]),
      ...row.cells.slice(1).map((cell, i) => h("td", { class: i === 2 ? row.verdictClass : i >= 4 ? "num" : undefined }, cell)),
      h("td", {}, h("button", { type: "button", onclick: () => void openReport(row.id) }, "Report")))));
    if (runs.length === 0) fill(history, h("tr", {}, h("td", { colspan: historyHeader.length + 1 }, "no recorded run yet")));
    // The store lists newest first: A is the older of the two newest, B the newest.
    const options = () => runs.map((r) => h("option", { value: r.id }, `${r.id} · ${r.name}`));
    fill(a, ...options()); fill(b, ...options());
    if (runs.length > 1) a.selectedIndex = 1;
  }

  /** The report is fetched with the token in its header and shown from a blob URL, so the token is in no URL. */
  async function openReport(id: string): Promise<void> {
    try {
      const blob = await storedReport(id);
      if (reportUrl) URL.revokeObjectURL(reportUrl);
      reportUrl = URL.createObjectURL(blob);
      fill(report, h("section", { class: "card" },
        h("h2", {}, `Report of ${id} `),
        h("a", { href: reportUrl, target: "_blank", rel: "noopener" }, "open in a new tab"), " · ",
        h("a", { href: reportUrl, download: `trdpsim-report-${id}.html` }, "download (with its charts)"), " · ",
        h("button", { type: "button", onclick: () => closeReport() }, "Close"),
        h("iframe", { src: reportUrl, title: `Report of ${id}`, sandbox: "allow-scripts", style: "width:100%;height:70vh;border:0;background:#fff" })));
    } catch (error) {
      context.notify(`Report: ${(error as Error).message}`, "error");
    }
  }

  function closeReport(): void {
    fill(report);
    if (reportUrl) URL.revokeObjectURL(reportUrl);
    reportUrl = null;
  }

  async function compare(): Promise<void> {
    try {
      showComparison(await api.compareStored(a.value, b.value));
    } catch (error) {
      context.notify(`Compare: ${(error as Error).message}`, "error");
    }
  }

  function showComparison(comparison: StoredComparison): void {
    last = comparison;
    const view = comparisonRows(comparison, all.checked);
    fill(result,
      h("p", {}, `A ${comparison.a.id} (${comparison.a.name}) → B ${comparison.b.id} (${comparison.b.name}). Verdict on B: `,
        h("strong", { class: `flag-${comparison.worst}` }, comparison.worst),
        comparison.sameScenario ? "" : " — the runs played different scenarios"),
      view.rows.length === 0 ? h("p", {}, "no difference beyond noise") :
        h("table", { class: "grid", "aria-label": "Comparison" },
          h("thead", {}, h("tr", {}, ...comparisonHeader.map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, ...view.rows.map((row) => h("tr", { "data-flag": row.flag },
            h("th", { scope: "row" }, row.cells[0]),
            ...row.cells.slice(1).map((cell, i) => h("td", { class: i === 5 ? `flag-${row.flag}` : i >= 1 && i <= 4 ? "num" : undefined }, cell)))))),
      view.hidden > 0 ? h("p", {}, `${view.hidden} figure(s) within noise not shown (tick “every figure”)`) : null);
  }

  void loadLive().catch((e) => fill(live, h("tr", {}, h("td", { colspan: 6, class: "error" }, String(e)))));
  void loadHistory().catch((e) => fill(history, h("tr", {}, h("td", { colspan: historyHeader.length + 1, class: "error" }, String(e)))));
  return () => closeReport();
}
