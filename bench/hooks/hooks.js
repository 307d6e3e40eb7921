// Hook benchmark scenario: `count` publications on `cycle` from one device to another, and (with
// hook=true) a telegram hook on every `sample`-th received telegram that does a little work per event.
export default function (plan) {
  const count = plan.param("count", { type: "number", default: 10000 });
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const hook = plan.param("hook", { type: "boolean", default: true });
  const transport = plan.param("transport", { type: "string", default: "udp" });
  const sample = plan.param("sample", { type: "number", default: 1 });
  plan.name(hook ? "hooks-on" : "hooks-off");
  plan.network({ transport, defaultPdTimeout: "5s" });
  const tx = plan.device({ name: "tx", address: "127.0.0.2" });
  const rx = plan.device({ name: "rx", address: "127.0.0.3" });
  tx.publish({ name: "load", comId: 100000, count, payloadLength: 16, cycle, destination: "127.0.0.3" });
  rx.subscribe({ name: "load-in", comId: 100000, count, timeout: "5s" });
  if (hook) {
    let events = 0, bytes = 0;
    plan.on("telegram", { sample }, (ev, run) => { events++; bytes += ev.data.length; });
    plan.on("end", (s, run) => run.log(`hook saw ${events} events (${bytes} bytes)`));
  }
}
