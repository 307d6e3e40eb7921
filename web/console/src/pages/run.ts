// Run page: state, elapsed, phase and the run's buttons; live charts of rates, loss, send lateness and round
// trips fed by the stream (run.stats, md.*), with catch-up after a reconnect; the anomalies feed; threshold
// verdicts as they evolve. Without a stream (a daemon that serves none) the charts fall back to the counters
// of GET /api/runs/{id}, polled once a second: rates and loss only.
import { api, type RunDetail } from "../api";
import { LiveChart } from "../charts";
import { fill, h, setText, type Teardown } from "../dom";
import { count, elapsed, percent, seconds, bytes } from "../format";
import { LIVE_REDRAW_MS, Paced } from "../paced";
import { intervalLoss, Series } from "../series";
import type { Context } from "../state";
import { LiveStream, type StreamMessage } from "../stream";
import { readToken } from "../token";

export function runPage(root: HTMLElement, context: Context): Teardown {
  const run = context.run;
  fill(root, h("h1", {}, "Run"), startForm(context));
  if (!run) {
    root.appendChild(h("p", {}, "Pick a run in the header, or start one above."));
    return () => {};
  }

  const state = h("dd", { "data-field": "state" }, "–");
  const time = h("dd", { "data-field": "elapsed" }, "–");
  const phase = h("dd", { "data-field": "phase" }, "–");
  const sent = h("dd", { "data-field": "sent" }, "–");
  const process = h("dd", { "data-field": "process" }, "–");
  const buttons = (["pause", "resume", "stop", "reset"] as const).map((verb) =>
    h("button", { type: "button", "data-action": verb, onclick: () => act(verb) }, verb[0].toUpperCase() + verb.slice(1)));
  const summary = h("section", { class: "card", "aria-labelledby": "run-title" },
    h("h2", { id: "run-title" }, run),
    h("dl", { class: "facts" }, h("dt", {}, "State"), state, h("dt", {}, "Elapsed"), time, h("dt", {}, "Phase"), phase,
      h("dt", {}, "Telegrams sent / received"), sent, h("dt", {}, "trdpsim process"), process),
    h("div", { class: "actions" }, ...buttons));

  const rates = new Series(["sent/s", "received/s"]);
  const loss = new Series(["loss"]);
  const lateness = new Series(["p50", "p99", "max"]);
  const rtt = new Series(["p50", "p99"]);
  const charts = h("section", { class: "charts", "aria-label": "Live charts" });
  const verdicts = h("ul", { class: "verdicts", "aria-label": "Threshold verdicts" });
  const feed = h("ol", { class: "feed", reversed: true, "aria-label": "Anomalies, newest first" });
  root.append(summary, charts,
    h("div", { class: "columns" },
      h("section", { class: "card" }, h("h2", {}, "Thresholds"), verdicts),
      h("section", { class: "card" }, h("h2", {}, "Anomalies"), feed)));
  const chartList = [
    new LiveChart(charts, "Telegram rates", "per second", rates, count),
    new LiveChart(charts, "Loss (per interval)", "share of frames due", loss, percent),
    new LiveChart(charts, "Send lateness", "seconds", lateness, seconds),
    new LiveChart(charts, "Round trip (MD, pulls)", "seconds", rtt, seconds),
  ];
  const thresholds = new Map<string, { ok: boolean; detail: string }>();
  let streamLive = false;
  let lastTotals: { received: number; lost: number; sent: number; t: number } | null = null;
  let lastStats: { received: number; lost: number } | null = null;
  const latestRtt = new Map<string, { p50: number; p99: number }>();

  let processText = "";
  // The process figure changes with every sample: written with the charts' pace, not ten times a second.
  const processFact = new Paced(LIVE_REDRAW_MS, () => setText(process, processText));
  function redraw(): void { chartList.forEach((c) => c.update()); }

  function showVerdicts(detail?: RunDetail): void {
    if (detail?.outcome) {
      for (const failed of detail.outcome.failedThresholds) thresholds.set(failed, { ok: false, detail: "failed at the end" });
    }
    const items = [...thresholds].map(([name, v]) => h("li", { class: v.ok ? "ok" : "bad" }, h("strong", {}, v.ok ? "holds" : "failing"), ` ${name}`, v.detail ? ` — ${v.detail}` : ""));
    if (detail?.outcome) items.unshift(h("li", { class: detail.outcome.thresholdsPassed ? "ok" : "bad" }, h("strong", {}, detail.outcome.thresholdsPassed ? "passed" : "failed"), ` run verdict (${detail.outcome.stopReason})`));
    if (items.length === 0) items.push(h("li", {}, "No threshold has changed state (all hold, or the plan has none)."));
    fill(verdicts, ...items);
  }

  function anomaly(m: StreamMessage): void {
    if (m.type === "threshold.breach" || m.type === "threshold.recovery") {
      thresholds.set(String(m.threshold), { ok: m.type === "threshold.recovery", detail: String(m.detail ?? "") });
      showVerdicts();
    }
    const what = Object.entries(m).filter(([k]) => !["id", "topic", "type", "ts", "t", "run"].includes(k)).map(([k, v]) => `${k}=${v}`).join(" ");
    feed.prepend(h("li", { "data-type": m.type }, h("time", {}, `${m.t.toFixed(1)} s`), " ", h("strong", {}, m.type), " ", what));
    while (feed.children.length > 200) feed.lastElementChild?.remove();
  }

  function onMessages(messages: StreamMessage[]): void {
    for (const m of messages) {
      if (m.topic === "run.stats") {
        const s = m as StreamMessage & { sentPerSecond: number; receivedPerSecond: number; received: number; lost: number;
          sendLatenessSeconds: { p50: number; p99: number; max: number }; cpu: { cores: number }; residentBytes: number };
        rates.push(m.t, [s.sentPerSecond, s.receivedPerSecond]);
        const l = intervalLoss(lastStats, s);
        lastStats = { received: s.received, lost: s.lost };
        if (l !== null) loss.push(m.t, [l]);
        lateness.push(m.t, [s.sendLatenessSeconds.p50, s.sendLatenessSeconds.p99, s.sendLatenessSeconds.max]);
        let p50 = 0, p99 = 0;
        for (const v of latestRtt.values()) { p50 = Math.max(p50, v.p50); p99 = Math.max(p99, v.p99); }
        if (latestRtt.size > 0) rtt.push(m.t, [p50, p99]);
        processText = `${s.cpu.cores.toFixed(2)} cores, ${bytes(s.residentBytes)}`;
        processFact.request();
      } else if (m.topic.startsWith("md.") && m.role === "caller") {
        const ls = m.latencySeconds as { p50: number; p99: number; count: number };
        if (ls.count > 0) latestRtt.set(m.topic, ls);
      } else if (m.topic === "anomalies") {
        anomaly(m);
      } else if (m.topic === "run.phase") {
        setText(phase, `${m.phase} (${m.scenario})`);
      }
    }
    redraw();
  }

  const stream = new LiveStream({
    run, topics: ["run.*", "md.*", "anomalies", "faults"], token: readToken(), onMessages,
    onState: (s, detail) => {
      streamLive = s === "live";
      context.connection(s === "unavailable" ? "polling" : s, detail);
    },
  });
  stream.start();

  async function poll(): Promise<void> {
    try {
      const detail = await api.run(run!);
      setText(state, detail.state);
      state.dataset.state = detail.state;
      setText(time, elapsed(detail.elapsedSeconds) + (detail.durationSeconds ? ` of ${elapsed(detail.durationSeconds)}` : ""));
      const playing = detail.scenarios.filter((s) => s.phase).map((s) => `${s.phase} (${s.name})`);
      if (playing.length > 0) setText(phase, playing.join(", "));
      else if (phase.textContent === "–") setText(phase, detail.scenarios.length ? "no phase" : "no scenario");
      setText(sent, `${count(detail.totals.sent)} / ${count(detail.totals.received)}`);
      buttons.forEach((b) => {
        const verb = b.dataset.action;
        const live = detail.state === "running" || detail.state === "paused";
        b.disabled = !live || (verb === "pause" && detail.state !== "running") || (verb === "resume" && detail.state !== "paused");
      });
      if (!streamLive) {
        // No stream: rates and loss from the counters (seconds since the run started as the time axis).
        const t = detail.elapsedSeconds;
        if (lastTotals && t > lastTotals.t) {
          const dt = t - lastTotals.t;
          rates.push(t, [(detail.totals.sent - lastTotals.sent) / dt, (detail.totals.received - lastTotals.received) / dt]);
          const l = intervalLoss(lastTotals, detail.totals);
          if (l !== null) loss.push(t, [l]);
          redraw();
        }
        lastTotals = { received: detail.totals.received, lost: detail.totals.lost, sent: detail.totals.sent, t };
      }
      showVerdicts(detail);
    } catch (error) {
      setText(state, "unknown");
      context.connection("offline", String(error));
    }
  }

  async function act(verb: "pause" | "resume" | "stop" | "reset"): Promise<void> {
    try {
      const done = await api.act(run!, verb);
      context.notify(`${verb}: ${done.message}`);
      void poll();
    } catch (error) {
      context.notify(`${verb}: ${(error as Error).message}`, "error");
    }
  }

  void poll();
  const timer = setInterval(() => { if (!document.hidden) void poll(); }, 1000);
  return () => {
    clearInterval(timer);
    stream.stop();
    processFact.cancel();
    chartList.forEach((c) => c.destroy());
  };
}

/** Start a run: plan files on the daemon's host, as `trdpsim ctl start`. */
function startForm(context: Context): HTMLElement {
  const files = h("input", { id: "start-files", name: "files", type: "text", required: true, placeholder: "configs/quickstart.toml", size: 40 });
  const duration = h("input", { id: "start-duration", name: "duration", type: "text", placeholder: "30s (empty: the plan's)", size: 12 });
  const form = h("form", { class: "card start", "aria-labelledby": "start-title" },
    h("h2", { id: "start-title" }, "Start a run"),
    h("label", { for: "start-files" }, "Plan files on the daemon's host (comma-separated)"), files,
    h("label", { for: "start-duration" }, "Duration"), duration,
    h("button", { type: "submit" }, "Start"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const list = files.value.split(",").map((f) => f.trim()).filter((f) => f.length > 0);
      const created = await api.start(list, duration.value.trim() || undefined);
      context.notify(`Run ${created.id} started.`);
      context.go("run", created.id);
    } catch (error) {
      context.notify(`Start: ${(error as Error).message}`, "error");
    }
  });
  return form;
}
