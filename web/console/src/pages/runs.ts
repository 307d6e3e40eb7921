// Runs page: the daemon's runs (live and kept after their end) with their outcome, the summary of one (the
// `--summary-json` document, GET /api/runs/{id}/summary), and two runs compared side by side.
import { api, type RunItem } from "../api";
import { fill, h, type Teardown } from "../dom";
import { count, elapsed } from "../format";
import type { Context } from "../state";

export function runsPage(root: HTMLElement, context: Context): Teardown {
  const tbody = h("tbody", {});
  const a = h("select", { id: "compare-a" }), b = h("select", { id: "compare-b" });
  const result = h("div", { class: "compare", "aria-live": "polite" });
  fill(root, h("h1", {}, "Runs"),
    h("table", { class: "grid", "aria-label": "Runs" },
      h("thead", {}, h("tr", {}, ...["Run", "Plan", "State", "Started (UTC)", "Elapsed", ""].map((c) => h("th", { scope: "col" }, c)))), tbody),
    h("section", { class: "card" }, h("h2", {}, "Compare two runs"),
      h("label", { for: "compare-a" }, "A "), a, h("label", { for: "compare-b" }, " B "), b,
      h("button", { type: "button", onclick: () => void compare() }, "Compare"), result));

  async function load(): Promise<void> {
    const runs = await api.runs();
    fill(tbody, ...runs.map((r: RunItem) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `#/run/${encodeURIComponent(r.id)}` }, r.id)), h("td", {}, r.name), h("td", {}, r.state),
      h("td", {}, r.startedUtc ?? "–"), h("td", {}, elapsed(r.elapsedSeconds)),
      h("td", {}, r.stoppedUtc ? h("a", { href: `/api/runs/${encodeURIComponent(r.id)}/summary`, target: "_blank", rel: "noopener" }, "Summary (JSON)") : "playing"))));
    const options = () => runs.map((r) => h("option", { value: r.id }, `${r.id} · ${r.name}`));
    fill(a, ...options()); fill(b, ...options());
    if (runs.length > 1) b.selectedIndex = 1;
  }

  async function compare(): Promise<void> {
    try {
      const [x, y] = await Promise.all([api.run(a.value), api.run(b.value)]);
      const keys = ["sent", "received", "lost", "timeouts", "droppedCycles", "struck", "sendFailures"] as const;
      fill(result, h("table", { class: "grid", "aria-label": "Comparison" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Figure"), h("th", { scope: "col" }, x.id), h("th", { scope: "col" }, y.id))),
        h("tbody", {}, ...keys.map((k) => h("tr", {}, h("th", { scope: "row" }, k), h("td", { class: "num" }, count(x.totals[k])), h("td", { class: "num" }, count(y.totals[k])))),
          h("tr", {}, h("th", { scope: "row" }, "verdict"), h("td", {}, x.outcome?.stopReason ?? x.state), h("td", {}, y.outcome?.stopReason ?? y.state)))));
    } catch (error) {
      context.notify(`Compare: ${(error as Error).message}`, "error");
    }
  }

  void load().catch((e) => fill(tbody, h("tr", {}, h("td", { colspan: 6, class: "error" }, String(e)))));
  return () => {};
}
