// Train page: the run's virtual devices as boxes and its telegrams as arrows by ComId (PD publisher →
// subscribers, pull requester → publisher, MD caller → repliers), from GET /api/runs/{id}/topology, coloured by
// health from the live pd.* samples and anomalies; a telegram (arrow or row) opens its detail.
import { api, type Topology, type TopologyTelegram } from "../api";
import { fill, h, setText, type Teardown } from "../dom";
import { count, seconds } from "../format";
import { HealthTracker, healthLabel, worse, type Health } from "../health";
import type { Context } from "../state";
import { LiveStream, type StreamMessage } from "../stream";
import { readToken } from "../token";

const svgNs = "http://www.w3.org/2000/svg";
const boxWidth = 150, boxHeight = 56, gap = 70;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, String(v));
  return element;
}

export function trainPage(root: HTMLElement, context: Context): Teardown {
  const run = context.run;
  fill(root, h("h1", {}, "Train"));
  if (!run) { root.append(h("p", {}, "Pick a run in the header.")); return () => {}; }
  const drawing = h("div", { class: "topology", role: "group", "aria-label": "Devices and telegrams" });
  const detail = h("section", { class: "card detail", "aria-live": "polite", "aria-label": "Telegram detail" }, h("p", {}, "Select a telegram (an arrow, or a row below) for its detail."));
  const tbody = h("tbody", {});
  root.append(h("p", { class: "legend" }, ...(["ok", "lossy", "timing-out", "rejected", "idle"] as Health[]).map((s) => h("span", { class: `swatch ${s}` }, healthLabel[s]))),
    h("div", { class: "columns wide" }, drawing, detail),
    h("table", { class: "grid", "aria-label": "Telegrams and their health" },
      h("thead", {}, h("tr", {}, ...["Device", "Telegram", "Kind", "ComId", "Health", "Rate"].map((c) => h("th", { scope: "col" }, c)))), tbody));
  const tracker = new HealthTracker();
  const samples = new Map<string, StreamMessage>();
  const paint: { key: string; elements: Element[]; health: HTMLElement | null; rate: HTMLElement | null }[] = [];
  let topology: Topology | null = null;
  let selected: TopologyTelegram | null = null;
  const clock = () => performance.now() / 1000;

  function draw(t: Topology): void {
    topology = t;
    const perRow = Math.max(1, Math.min(t.devices.length, Math.floor((root.clientWidth || 1200) * 0.6 / (boxWidth + gap)) || 1));
    const position = new Map<string, { x: number; y: number }>();
    t.devices.forEach((d, i) => position.set(d.name, { x: 20 + (i % perRow) * (boxWidth + gap), y: 40 + Math.floor(i / perRow) * (boxHeight + 140) }));
    const width = 40 + perRow * (boxWidth + gap);
    const height = 80 + Math.ceil(t.devices.length / perRow) * (boxHeight + 140);
    const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": `${t.devices.length} devices, ${t.telegrams.length} telegrams` });
    const defs = svg("defs", {});
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#444" }));
    defs.append(marker);
    picture.append(defs);
    const byId = new Map(t.telegrams.map((x) => [x.id, x]));
    t.links.forEach((link, i) => {
      const from = byId.get(link.from), to = byId.get(link.to);
      if (!from || !to) return;
      const a = position.get(from.device)!, b = position.get(to.device)!;
      const bend = 30 + (i % 5) * 18;
      const x1 = a.x + boxWidth / 2, y1 = a.y + boxHeight, x2 = b.x + boxWidth / 2, y2 = b.y + boxHeight;
      const d = from.device === to.device
        ? `M${x1 - 20},${y1} C${x1 - 40},${y1 + bend * 1.5} ${x1 + 40},${y1 + bend * 1.5} ${x1 + 20},${y1}`
        : `M${x1},${y1} C${x1},${y1 + bend * 2} ${x2},${y2 + bend * 2} ${x2},${y2}`;
      const path = svg("path", { d, class: `link ${link.kind} idle`, "marker-end": "url(#arrow)", tabindex: 0, role: "button",
        "aria-label": `${from.device} ${from.name} to ${to.device} ${to.name}, ComId ${link.comId}`, "data-link": `${link.from}>${link.to}` });
      const title = svg("title", {});
      title.textContent = `${link.kind.toUpperCase()} ComId ${link.comId}: ${from.device}/${from.name} → ${to.device}/${to.name}`;
      path.append(title);
      const open = () => select(from);
      path.addEventListener("click", open);
      path.addEventListener("keydown", (e) => { if ((e as KeyboardEvent).key === "Enter" || (e as KeyboardEvent).key === " ") { e.preventDefault(); open(); } });
      const label = svg("text", { x: (x1 + x2) / 2, y: Math.max(y1, y2) + bend * 1.5 - 4, class: "comid" });
      label.textContent = String(link.comId);
      picture.append(path, label);
      paint.push({ key: `${link.from}>${link.to}`, elements: [path], health: null, rate: null });
    });
    for (const d of t.devices) {
      const p = position.get(d.name)!;
      const group = svg("g", { class: "device" });
      group.append(svg("rect", { x: p.x, y: p.y, width: boxWidth, height: boxHeight, rx: 6 }));
      const name = svg("text", { x: p.x + 10, y: p.y + 22, class: "name" });
      name.textContent = d.name;
      const address = svg("text", { x: p.x + 10, y: p.y + 42, class: "address" });
      address.textContent = d.address;
      group.append(name, address);
      picture.append(group);
    }
    fill(drawing, picture);
    fill(tbody, ...t.telegrams.map((x) => {
      const health = h("td", { "data-health-of": x.id, class: "health idle" }, healthLabel.idle);
      const rate = h("td", { class: "num" }, "–");
      paint.push({ key: x.id, elements: [], health, rate });
      return h("tr", { tabindex: 0, "data-telegram": x.id, onclick: () => select(x), onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Enter") select(x); } },
        h("td", {}, x.device), h("th", { scope: "row" }, x.name), h("td", {}, `${x.kind} ${x.role}`), h("td", { class: "num" }, x.comId), health, rate);
    }));
  }

  function stateOf(id: string, now: number): Health {
    return tracker.state(id, now);
  }

  function repaint(): void {
    const now = clock();
    for (const p of paint) {
      let state: Health;
      if (p.key.includes(">")) {
        const [from, to] = p.key.split(">");
        state = worse(stateOf(from, now), stateOf(to, now));
        if (state === "idle" && (stateOf(from, now) === "ok" || stateOf(to, now) === "ok")) state = "ok";
      } else state = stateOf(p.key, now);
      for (const e of p.elements) e.setAttribute("class", e.getAttribute("class")!.replace(/\b(ok|lossy|timing-out|rejected|idle)\b/, state));
      if (p.health) { p.health.className = `health ${state}`; setText(p.health, healthLabel[state]); }
      if (p.rate) { const s = samples.get(p.key); setText(p.rate, s ? count(Number(s.perSecond)) + "/s" : "–"); }
    }
    if (selected) showDetail(selected);
  }

  function select(t: TopologyTelegram): void { selected = t; showDetail(t); }

  function showDetail(t: TopologyTelegram): void {
    const s = samples.get(t.id);
    const counters = (s?.counters ?? {}) as Record<string, number>;
    const latency = s?.latencySeconds as { p50: number; p99: number; max: number } | undefined;
    fill(detail, h("h2", {}, `${t.device} / ${t.name}`),
      h("p", {}, `${t.kind.toUpperCase()} ${t.role} · ComId ${t.comId}${t.count > 1 ? ` · ${t.count} instances` : ""}${t.cycleSeconds ? ` · cycle ${seconds(t.cycleSeconds)}` : ""}`),
      h("p", { class: `health ${stateOf(t.id, clock())}` }, `Health: ${healthLabel[stateOf(t.id, clock())]}`),
      h("dl", { class: "facts" }, ...Object.entries(counters).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, count(v))]),
        ...(latency ? [h("dt", {}, `${s?.latency ?? "latency"} p50 / p99 / max`), h("dd", {}, `${seconds(latency.p50)} / ${seconds(latency.p99)} / ${seconds(latency.max)}`)] : [])),
      t.fields.length > 0 ? h("a", { href: `#/telegram/${encodeURIComponent(run!)}/${encodeURIComponent(t.id)}` }, `Fields (${t.fields.length})`) : null);
  }

  const stream = new LiveStream({
    run, topics: ["pd.*", "anomalies"], token: readToken(),
    onState: (s, d) => context.connection(s === "unavailable" ? "polling" : s, d),
    onMessages: (messages) => {
      const now = clock();
      for (const m of messages) {
        if (m.topic.startsWith("pd.")) {
          const id = `${m.device}/${m.telegram}`;
          samples.set(id, m);
          tracker.sample(id, { ...(m.counters as object), timedOut: m.timedOut as number | undefined }, now);
        } else if (m.topic === "anomalies" && m.device && m.telegram) {
          tracker.anomaly(`${m.device}/${m.telegram}`, m.type, now);
        }
      }
    },
  });
  stream.start();

  // Without a stream, health comes from the counters of GET /api/runs/{id}.
  async function poll(): Promise<void> {
    if (!topology || context.run !== run) return;
    try {
      const d = await api.run(run!);
      if (stream.lastEventId === null && samples.size === 0) {
        const now = clock();
        for (const t of d.telegrams) tracker.sample(`${t.device}/${t.name}`, { ...t.counters }, now);
      }
    } catch { /* the header shows the connection */ }
  }

  void api.topology(run).then(draw).catch((e) => fill(drawing, h("p", { class: "error" }, String(e))));
  const timer = setInterval(() => { void poll(); repaint(); }, 500);
  return () => { clearInterval(timer); stream.stop(); };
}
