// Strict-mode use of the plugin API as a TypeScript author writes it: each hook's event is typed by
// its kind, so a telegram's `data` needs no guard, and a timeout event has none to read.
import type { Plan, TelegramEvent } from "../../../plugins/trdpsim";

export default function (plan: Plan): void {
  plan.device({ name: "ccu", address: "127.0.0.1" }).subscribe({ name: "speed", comId: 1000 });

  plan.on("telegram", { device: "ccu", comId: 1000, sample: 10 }, (ev, run) => {
    const speed: number = (ev.data[0] << 8) | ev.data[1];
    const seq: number = ev.seq;
    const source: string = ev.source;
    if (speed > 120) {
      const fault: string = run.inject({ kind: "loss", device: ev.device, probability: 0.5, stop: "5s" });
      run.after("2s", later => later.repair(fault));
    }
    run.log(ev.telegram, seq, source, ev.time);
  });
  plan.on("telegram", (ev: TelegramEvent) => ev.data.length);

  plan.on("timeout", { comId: 1000 }, (ev, run) => {
    run.log("timed out", ev.telegram, ev.comId, ev.time);
    // @ts-expect-error a timeout carries no payload
    run.log(ev.data);
  });

  plan.on("mdRequest", { comId: 3000 }, (req, run) => {
    run.log(req.replier, req.seq, req.source);
    return req.data.length > 0 ? { data: [req.data[0] + 1], status: 0 } : null;
  });
  plan.on("phase", (ev, run) => run.log(ev.name, ev.tags.join(","), ev.time));
  plan.on("end", (summary, run) => {
    if (summary.lost > 0 || summary.sendLateness.p99 > 2000) run.fail(`${summary.lost} lost`);
  });

  plan.at("10s", run => {
    const name: string = run.inject({ kind: "delay", telegram: "speed", delay: "uniform:1ms..5ms" });
    run.repair(name);
  });
}
