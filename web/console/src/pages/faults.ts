// Faults and scenarios page: the scenarios with their phases (cards to stop and reset), the timeline of phase
// changes, faults and control actions as they come, the active faults with their strikes (repair), the inject
// form built from the engine's fault kinds and checked by the daemon's own reader, and the plugin packs with their
// parameters as a form that starts a run of the pack.
import { api, type FaultCatalog, type PluginDto, type RunDetail } from "../api";
import { fill, h, setText, type Teardown } from "../dom";
import { count } from "../format";
import { buildFault, fieldsFor } from "../faultform";
import { buildParams, inputFor } from "../pluginform";
import type { Context } from "../state";
import { LiveStream } from "../stream";
import { readToken } from "../token";

export function faultsPage(root: HTMLElement, context: Context): Teardown {
  const run = context.run;
  const scenarios = h("div", { class: "cards", "aria-label": "Scenarios" });
  const faults = h("tbody", {});
  const timeline = h("ol", { class: "feed", reversed: true, "aria-label": "Timeline, newest first" });
  const plugins = h("ul", { class: "plugins" });
  const form = h("form", { class: "card inject", "aria-labelledby": "inject-title" }, h("h2", { id: "inject-title" }, "Inject a fault"));
  fill(root, h("h1", {}, "Faults and scenarios"),
    h("section", { class: "card" }, h("h2", {}, "Scenarios"), scenarios),
    h("div", { class: "columns" },
      h("section", { class: "card" }, h("h2", {}, "Active faults"),
        h("table", { class: "grid", "aria-label": "Active faults" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Fault"), h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Target"),
            h("th", { scope: "col" }, "Strikes"), h("th", { scope: "col" }, ""))), faults)),
      form),
    h("div", { class: "columns" },
      h("section", { class: "card" }, h("h2", {}, "Timeline"), timeline),
      h("section", { class: "card" }, h("h2", {}, "Plugin packs"), plugins)));
  void loadPlugins(plugins, context);
  if (!run) {
    fill(scenarios, "Pick a run in the header.");
    return () => {};
  }
  const strikeCells = new Map<string, HTMLElement>();

  async function poll(): Promise<void> {
    try {
      const detail = await api.run(run!);
      showScenarios(detail);
      showFaults(detail);
    } catch (error) {
      context.connection("offline", String(error));
    }
  }

  function showScenarios(detail: RunDetail): void {
    if (detail.scenarios.length === 0) { fill(scenarios, "This run plays no scenario."); return; }
    fill(scenarios, ...detail.scenarios.map((s) => h("article", { class: "scenario", "data-state": s.state },
      h("h3", {}, s.name),
      h("p", {}, `${s.state}${s.phase ? ` · phase ${s.phase}` : ""}`),
      s.error ? h("p", { class: "error" }, s.error) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => scenario(s.name, "stop") }, "Stop"),
        h("button", { type: "button", onclick: () => scenario(s.name, "reset") }, "Reset")))));
  }

  function showFaults(detail: RunDetail): void {
    const names = detail.faults.map((f) => f.name).join("\n");
    if (faults.dataset.names === names) {
      for (const f of detail.faults) setText(strikeCells.get(f.name)!, count(f.strikes));
      return;
    }
    faults.dataset.names = names;
    strikeCells.clear();
    if (detail.faults.length === 0) { fill(faults, h("tr", {}, h("td", { colspan: 5 }, "No fault is active."))); return; }
    fill(faults, ...detail.faults.map((f) => {
      const strikes = h("td", { class: "num", "data-fault-strikes": f.name }, count(f.strikes));
      strikeCells.set(f.name, strikes);
      return h("tr", { "data-fault": f.name }, h("th", { scope: "row" }, f.name), h("td", {}, f.kind), h("td", {}, f.target), strikes,
        h("td", {}, h("button", { type: "button", "aria-label": `Repair ${f.name}`, onclick: () => repair(f.name) }, "Repair")));
    }));
  }

  async function repair(name: string): Promise<void> {
    try { context.notify((await api.repair(run!, name)).message); void poll(); } catch (e) { context.notify(`Repair: ${(e as Error).message}`, "error"); }
  }

  async function scenario(name: string, verb: "stop" | "reset"): Promise<void> {
    try { context.notify((await api.scenario(run!, name, verb)).message); void poll(); } catch (e) { context.notify(`${verb}: ${(e as Error).message}`, "error"); }
  }

  void api.faultKinds().then((catalog) => buildForm(form, catalog, run, context, poll)).catch((e) => form.append(h("p", { class: "error" }, String(e))));
  const stream = new LiveStream({
    run, topics: ["faults", "run.phase", "run.control"], token: readToken(),
    onState: (s, d) => context.connection(s === "unavailable" ? "polling" : s, d),
    onMessages: (messages) => {
      for (const m of messages) {
        if (m.type === "fault.strikes") continue; // the table shows the running total
        const text = m.type === "phase" ? `phase ${m.phase} (${m.scenario})`
          : m.type === "control" ? `${m.action} ${m.target} ${m.detail ?? ""} by ${m.actor}`
          : `${m.type} ${m.fault} (${m.kind})`;
        timeline.prepend(h("li", {}, h("time", {}, `${m.t.toFixed(1)} s`), " ", text));
        while (timeline.children.length > 200) timeline.lastElementChild?.remove();
      }
      void poll();
    },
  });
  stream.start();
  void poll();
  const timer = setInterval(() => { if (!document.hidden) void poll(); }, 1000);
  return () => { clearInterval(timer); stream.stop(); };
}

function buildForm(form: HTMLFormElement, catalog: FaultCatalog, run: string, context: Context, after: () => Promise<void>): void {
  const kind = h("select", { id: "fault-kind", name: "kind" }, ...catalog.kinds.map((k) => h("option", { value: k.kind }, k.kind)));
  const fields = h("div", { class: "fields" });
  const errors = h("ul", { class: "error", role: "alert", id: "fault-errors" });
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  function showFields(): void {
    inputs.clear();
    fill(fields, ...fieldsFor(catalog, kind.value).flatMap((p) => {
      const id = `fault-${p.key}`;
      const input = p.type === "word" && p.words
        ? h("select", { id, name: p.key }, h("option", { value: "" }, "(default)"), ...p.words.map((w) => h("option", { value: w }, w)))
        : h("input", { id, name: p.key, type: "text", inputmode: p.type === "number" || p.type === "integer" ? "decimal" : undefined, "aria-describedby": `${id}-help` });
      inputs.set(p.key, input);
      return [h("label", { for: id }, p.key), input, h("small", { id: `${id}-help` }, p.help)];
    }));
  }
  kind.addEventListener("change", () => { showFields(); fill(errors); });
  showFields();
  form.append(h("label", { for: "fault-kind" }, "kind"), kind, fields, errors, h("button", { type: "submit" }, "Inject"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    for (const [key, input] of inputs) values[key] = input.value;
    const { body, errors: local } = buildFault(catalog, kind.value, values);
    if (local.length > 0) { fill(errors, ...local.map((e) => h("li", {}, e))); return; }
    try {
      const checked = await api.validateFault(body);
      if (!checked.valid) { fill(errors, ...checked.errors.map((e) => h("li", {}, e))); return; }
      fill(errors);
      const done = await api.inject(run, body);
      context.notify(`Injected ${done.subject}: ${done.message}`);
      await after();
    } catch (e) {
      fill(errors, h("li", {}, (e as Error).message));
    }
  });
}

async function loadPlugins(list: HTMLElement, context: Context): Promise<void> {
  try {
    const plugins = await api.plugins();
    if (plugins.length === 0) { fill(list, h("li", {}, "No plugin pack is installed.")); return; }
    fill(list, ...plugins.map((p) => h("li", { "data-plugin": p.name ?? p.folder }, h("strong", {}, p.name ?? p.folder), p.version ? ` ${p.version}` : "",
      p.description ? ` — ${p.description}` : "", p.problem ? h("span", { class: "error" }, ` (${p.problem})`) : "",
      p.name && !p.problem ? startPack(p as PluginDto & { name: string }, context) : null)));
  } catch (error) {
    fill(list, h("li", { class: "error" }, String(error)));
  }
}

/** A pack's parameters as a form (typed inputs, defaults filled) that starts a run of the pack with them. */
function startPack(plugin: PluginDto & { name: string }, context: Context): HTMLElement {
  const key = plugin.name.replace(/[^A-Za-z0-9_-]/g, "_");
  const inputs = new Map<string, HTMLInputElement>();
  const rows = plugin.parameters.map(inputFor).flatMap((p) => {
    const id = `param-${key}-${p.name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const input = h("input", { id, name: p.name, type: p.input, step: p.input === "number" ? "any" : undefined,
      value: p.input === "checkbox" ? undefined : p.value, checked: p.checked, placeholder: p.placeholder || undefined, "aria-describedby": `${id}-help` });
    inputs.set(p.name, input);
    return [h("label", { for: id }, p.name), input, h("small", { id: `${id}-help` }, p.help)];
  });
  const errors = h("ul", { class: "error", role: "alert" });
  const form = h("form", { class: "pack-start", "aria-label": `Start a run of ${plugin.name}` },
    plugin.parameters.length > 0 ? h("div", { class: "fields" }, ...rows) : h("p", {}, "This pack declares no parameter."),
    errors, h("button", { type: "submit" }, `Start a run of ${plugin.name}`));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values: Record<string, string | boolean> = {};
    for (const [name, input] of inputs) values[name] = input.type === "checkbox" ? input.checked : input.value;
    const { params, errors: local } = buildParams(plugin.parameters, values);
    if (local.length > 0) { fill(errors, ...local.map((e) => h("li", {}, e))); return; }
    try {
      fill(errors);
      const created = await api.start([plugin.name], undefined, params);
      context.notify(`Run ${created.id} of ${plugin.name} started.`);
      context.go("run", created.id);
    } catch (e) {
      fill(errors, h("li", {}, (e as Error).message));
    }
  });
  return h("details", {}, h("summary", {}, `Parameters (${plugin.parameters.length}) and start`), form);
}
