// The console's shell: the token prompt (kept for this tab only), the page navigation (hash routes, so the
// daemon serves one index.html), the run picker and the connection indicator. Each page lives in pages/.
import "uplot/dist/uPlot.min.css";
import "./style.css";
import { api, ApiError } from "./api";
import { fill, h, type Teardown } from "./dom";
import { readToken, saveToken } from "./token";
import type { Context } from "./state";
import { runPage } from "./pages/run";
import { faultsPage } from "./pages/faults";
import { telegramPage } from "./pages/telegram";
import { trainPage } from "./pages/train";
import { runsPage } from "./pages/runs";

type Page = (root: HTMLElement, context: Context, extra: string) => Teardown;
const pages: { key: string; label: string; page: Page }[] = [
  { key: "run", label: "Run", page: runPage },
  { key: "train", label: "Train", page: trainPage },
  { key: "faults", label: "Faults & scenarios", page: faultsPage },
  { key: "telegram", label: "Telegram", page: telegramPage },
  { key: "runs", label: "Runs", page: runsPage },
];

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;
const select = document.getElementById("run-select") as HTMLSelectElement;
const conn = document.getElementById("conn") as HTMLElement;
const dialog = document.getElementById("token-dialog") as HTMLDialogElement;
const tokenInput = document.getElementById("token-input") as HTMLInputElement;
const tokenError = document.getElementById("token-error") as HTMLElement;
let teardown: Teardown | null = null;
let currentRun: string | null = null;

/** #/<page>/<run>/<extra…> */
function route(): { page: string; run: string | null; extra: string } {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  return { page: parts[0] || "run", run: parts[1] || null, extra: parts.slice(2).join("/") };
}

function go(page: string, run: string | null = currentRun, extra = ""): void {
  const hash = "#/" + [page, run ?? "", extra].filter((p, i) => i === 0 || p !== "" || (i === 1 && extra !== "")).map(encodeURIComponent).join("/");
  if (location.hash === hash) render(); else location.hash = hash;
}

const context: Context = {
  get run() { return currentRun; },
  connection(state, detail) {
    conn.textContent = state;
    conn.dataset.state = state;
    conn.title = detail ?? "";
  },
  notify(text, kind = "ok") {
    const area = document.getElementById("notices");
    if (!area) return;
    const item = h("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
    area.prepend(item);
    while (area.children.length > 4) area.lastElementChild?.remove();
    setTimeout(() => item.remove(), kind === "error" ? 15_000 : 6_000);
  },
  go,
};

function renderNav(active: string): void {
  fill(nav, ...pages.map((p) => h("a", {
    href: `#/${p.key}/${currentRun ? encodeURIComponent(currentRun) : ""}`,
    "aria-current": p.key === active ? "page" : undefined,
  }, p.label)));
}

async function refreshRuns(): Promise<void> {
  try {
    const runs = await api.runs();
    const options = runs.map((r) => h("option", { value: r.id, selected: r.id === currentRun }, `${r.id} · ${r.name} · ${r.state}`));
    if (currentRun && !runs.some((r) => r.id === currentRun)) options.unshift(h("option", { value: currentRun, selected: true }, `${currentRun} (gone)`));
    if (options.length === 0) options.push(h("option", { value: "" }, "no runs yet"));
    fill(select, ...options);
  } catch (error) {
    context.connection("offline", String(error));
  }
}

function render(): void {
  const { page, run, extra } = route();
  teardown?.();
  teardown = null;
  currentRun = run;
  renderNav(page);
  const entry = pages.find((p) => p.key === page) ?? pages[0];
  const root = h("div", { class: `page page-${entry.key}` });
  fill(main, h("div", { id: "notices", class: "notices", "aria-live": "polite" }), root);
  document.title = `${entry.label}${run ? " · " + run : ""} · trdpsim`;
  teardown = entry.page(root, context, extra);
  void refreshRuns();
}

async function askToken(first: boolean): Promise<void> {
  tokenError.textContent = "";
  tokenInput.value = readToken() ?? "";
  if (first && readToken()) return;
  dialog.showModal();
  tokenInput.focus();
}

document.getElementById("token-form")!.addEventListener("submit", async (event) => {
  event.preventDefault();
  saveToken(tokenInput.value);
  try {
    await api.checkToken();
    dialog.close();
    context.notify("Token accepted: changes are enabled for this tab.");
    render();
  } catch (error) {
    saveToken(null);
    tokenError.textContent = error instanceof ApiError && error.status === 401 ? "The daemon does not know this token." : String(error);
  }
});
document.getElementById("token-skip")!.addEventListener("click", () => dialog.close());
// The pages are hash routes: "Skip to content" moves the focus to the content instead of following #main as a route.
document.querySelector("a.skip")!.addEventListener("click", (event) => { event.preventDefault(); main.focus(); });
document.getElementById("token-button")!.addEventListener("click", () => void askToken(false));
select.addEventListener("change", () => go(route().page, select.value || null));
window.addEventListener("hashchange", render);

render();
void askToken(true);
setInterval(() => { if (!document.hidden) void refreshRuns(); }, 5_000);
