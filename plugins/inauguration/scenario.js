// Unannounced inauguration: the CCU's train topology counter changes (a coupling it took part in, the
// device under test did not), so for a while its telegrams carry a topography counter the DUT does not
// know. A conforming DUT rejects them (IEC 61375-2-3: telegrams of another train composition must not
// be used), its supervision times out, and it accepts the CCU again once the counters agree.
//   trdpsim run plugins/inauguration --param changeAt=15s --param changeFor=10s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "300ms" });
  const changeAt = plan.param("changeAt", { type: "duration", default: "20s" });
  const changeFor = plan.param("changeFor", { type: "duration", default: "10s" });
  const topoCount = plan.param("topoCount", { type: "number", default: 4660 });
  const newTopoCount = plan.param("newTopoCount", { type: "number", default: 4661 });
  const seed = plan.param("seed", { type: "number", default: 5 });
  const local = plan.param("local", { type: "string", default: "127.0.5.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.5.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1500, name: "train-info", elements: [
    { name: "life", type: "UINT32" },
    { name: "cars", type: "UINT8" },
  ] });

  const ccu = plan.device({ name: "ccu", address: local, opTrainTopoCount: topoCount });
  ccu.publish({ name: "train-info", comId: 1500, dataset: 1500, cycle, destination: dut, opTrainTopoCount: topoCount,
    fields: [{ field: "life", kind: "counter" }, { field: "cars", kind: "constant", value: 4 }] });

  const changeEnd = `${plan.ms(changeAt) + plan.ms(changeFor)}ms`;
  plan.fault({ name: "inauguration", kind: "topo-change", device: "ccu", start: changeAt, stop: changeEnd,
    opTrainTopoCount: newTopoCount });
  plan.at(changeAt, run => run.log("topology counter", newTopoCount));
  plan.at(changeEnd, run => run.log("topology counter", topoCount));

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut, opTrainTopoCount: topoCount });
  device.subscribe({ name: "train-info", comId: 1500, source: local, timeout, opTrainTopoCount: topoCount });

  let timeouts = 0;
  plan.on("timeout", { device: "dut", comId: 1500 }, (ev, run) => {
    timeouts++;
    run.log("topo-timeout", ev.time);
  });
  plan.on("end", (summary, run) => {
    run.log("timeouts-seen", timeouts);
    if (timeouts === 0) run.fail("the DUT kept using telegrams of another train topology");
    if (run.counters("train-info", "dut").timedOut) run.fail("the DUT did not accept the CCU again after the topology counters agreed");
  });

  plan.threshold("rejects{reason=topo_mismatch}", "count > 0");
}
