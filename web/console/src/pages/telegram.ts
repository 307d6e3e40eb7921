// Telegram page: one telegram's dataset fields decoded live (GET …/fields/{f}, once a second, publisher and
// subscribers), a value set, a field locked against its generator and unlocked — all through the API. Every field
// of the dataset is reachable: a page of them at a time with a search by name (fieldlist.ts); only the fields shown
// are read.
import { api, type FieldReading, type Topology, type TopologyField, type TopologyTelegram } from "../api";
import { fill, h, setText, type Teardown } from "../dom";
import { describePage, fieldPage } from "../fieldlist";
import type { Context } from "../state";

export function telegramPage(root: HTMLElement, context: Context, extra: string): Teardown {
  const run = context.run;
  fill(root, h("h1", {}, "Telegram"));
  if (!run) { root.append(h("p", {}, "Pick a run in the header.")); return () => {}; }
  const picker = h("select", { id: "telegram-pick", "aria-label": "Telegram" });
  const body = h("div", {});
  root.append(h("label", { for: "telegram-pick" }, "Telegram "), picker, body);
  let timer: ReturnType<typeof setInterval> | null = null;
  let topology: Topology | null = null;

  function show(t: TopologyTelegram): void {
    if (timer) clearInterval(timer);
    let search = "";
    let page = 0;
    let shown: TopologyField[] = [];
    let rows = new Map<string, { value: HTMLElement; flags: HTMLElement; input: HTMLInputElement }>();
    const tbody = h("tbody", {});
    const status = h("p", { role: "status", id: "fields-status" }, "");
    const searchBox = h("input", { id: "field-search", type: "search", placeholder: "part of a field's name", size: 24, "aria-controls": "fields-table" });
    const previous = h("button", { type: "button", "data-page": "previous", onclick: () => { page -= 1; render(); } }, "Previous");
    const next = h("button", { type: "button", "data-page": "next", onclick: () => { page += 1; render(); } }, "Next");
    searchBox.addEventListener("input", () => { search = searchBox.value; page = 0; render(); });

    function render(): void {
      const p = fieldPage(t.fields, search, page);
      page = p.page;
      shown = p.fields;
      rows = new Map();
      fill(tbody, ...shown.map((f) => row(f)));
      setText(status, describePage(p, search) + (p.pages > 1 ? ` Page ${p.page + 1} of ${p.pages}.` : ""));
      previous.disabled = p.page === 0;
      next.disabled = p.page >= p.pages - 1;
      void refresh();
    }

    function row(f: TopologyField): HTMLElement {
      const id = `value-${f.path.replace(/[^A-Za-z0-9_-]/g, "_")}`;
      const value = h("td", { class: "num", "data-value": f.path }, "–");
      const flags = h("td", { "data-flags": f.path }, "");
      const input = h("input", { id, type: "text", inputmode: "decimal", size: 10, "aria-label": `New value of ${f.path}` });
      rows.set(f.path, { value, flags, input });
      return h("tr", { "data-field": f.path }, h("th", { scope: "row" }, f.path), h("td", {}, f.type), value, flags,
        h("td", { class: "edit" }, input,
          h("button", { type: "button", onclick: () => change("set", f.path, input) }, "Set"),
          h("button", { type: "button", onclick: () => change("lock", f.path, input) }, "Lock"),
          h("button", { type: "button", onclick: () => change("unlock", f.path, input) }, "Unlock")));
    }

    fill(body,
      h("p", {}, `${t.kind.toUpperCase()} ${t.role} · ComId ${t.comId}${t.count > 1 ? ` · ${t.count} instances` : ""} · device ${t.device}`),
      t.fields.length === 0 ? h("p", {}, "This telegram has no dataset with named fields.")
        : h("div", {},
          h("div", { class: "pager" }, h("label", { for: "field-search" }, "Search fields "), searchBox, previous, next, status),
          h("table", { class: "grid fields", id: "fields-table", "aria-label": `Fields of ${t.name}` },
            h("thead", {}, h("tr", {}, ...["Field", "Type", "Value (per instance)", "State", "Change"].map((c) => h("th", { scope: "col" }, c)))), tbody)));

    // Reads the fields on the page shown; a reading that comes back after the page changed finds no row and is dropped.
    async function refresh(): Promise<void> {
      for (const f of shown) {
        try {
          const answer = await api.field(run!, t.name, f.path, t.device);
          const row = rows.get(f.path);
          if (!row) continue;
          setText(row.value, describe(answer.readings));
          const locked = answer.readings.some((r) => r.locked);
          setText(row.flags, locked ? "locked" : answer.readings.some((r) => r.generated) ? "generated" : "");
          row.flags.dataset.locked = String(locked);
        } catch (error) {
          const row = rows.get(f.path);
          if (row) setText(row.value, (error as Error).message);
        }
      }
    }

    async function change(verb: "set" | "lock" | "unlock", field: string, input: HTMLInputElement): Promise<void> {
      const text = input.value.trim();
      const value = text === "" ? null : Number(text);
      if (verb === "set" && (value === null || !Number.isFinite(value))) { context.notify(`Set ${field}: give a number`, "error"); input.focus(); return; }
      if (value !== null && !Number.isFinite(value)) { context.notify(`${verb} ${field}: '${text}' is not a number`, "error"); return; }
      try {
        const done = verb === "set" ? await api.setField(run!, t.name, field, value!, t.device)
          : verb === "lock" ? await api.lockField(run!, t.name, field, value, t.device)
          : await api.unlockField(run!, t.name, field, t.device);
        context.notify(`${verb} ${field}: ${done.message}`);
        void refresh();
      } catch (error) {
        context.notify(`${verb} ${field}: ${(error as Error).message}`, "error");
      }
    }

    if (t.fields.length > 0) render();
    timer = setInterval(() => { if (!document.hidden) void refresh(); }, 1000);
  }

  void api.topology(run).then((t) => {
    topology = t;
    const withFields = t.telegrams.filter((x) => x.kind !== "md" || x.fields.length > 0);
    fill(picker, ...withFields.map((x) => h("option", { value: x.id }, `${x.device} / ${x.name} (${x.role}, ComId ${x.comId})`)));
    const wanted = withFields.find((x) => x.id === extra) ?? withFields.find((x) => x.role === "publish" && x.fields.length > 0) ?? withFields[0];
    if (wanted) { picker.value = wanted.id; show(wanted); }
    else fill(body, h("p", {}, "The run has no telegrams."));
  }).catch((error) => fill(body, h("p", { class: "error" }, String(error))));
  picker.addEventListener("change", () => {
    const t = topology?.telegrams.find((x) => x.id === picker.value);
    if (t) { history.replaceState(null, "", `#/telegram/${encodeURIComponent(run)}/${encodeURIComponent(t.id)}`); show(t); }
  });
  return () => { if (timer) clearInterval(timer); };
}

/** The readings of one field: "3" when all instances agree, else "A/doors: 3, B/doors: 4". */
export function describe(readings: FieldReading[]): string {
  const shown = readings.map((r) => ({ who: `${r.device}/${r.telegram} (${r.role})`, text: r.hasValue ? r.text : "nothing yet" }));
  if (shown.length === 0) return "–";
  if (shown.every((s) => s.text === shown[0].text)) return shown[0].text;
  return shown.map((s) => `${s.who}: ${s.text}`).join(", ");
}
