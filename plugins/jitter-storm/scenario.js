// Jitter storm: the network delay of the CCU's telegrams swells from nothing to a storm of random
// delays longer than the cycle (a congested switch, a busy gateway), holds, then calms down. Frames
// arrive late and out of order. The device under test must keep using the newest data, never time out
// while the delay stays below its timeout, and be back to normal once the storm is over.
//   trdpsim run plugins/jitter-storm --param maxDelay=250ms --param stormRamp=20s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "50ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "500ms" });
  const stormStart = plan.param("stormStart", { type: "duration", default: "10s" });
  const stormRamp = plan.param("stormRamp", { type: "duration", default: "15s" });
  const stormStop = plan.param("stormStop", { type: "duration", default: "45s" });
  const maxDelay = plan.param("maxDelay", { type: "duration", default: "150ms" });
  const seed = plan.param("seed", { type: "number", default: 3 });
  const local = plan.param("local", { type: "string", default: "127.0.3.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.3.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1300, name: "ccu-speed", elements: [
    { name: "life", type: "UINT32" },
    { name: "speed", type: "REAL32" },
  ] });

  const ccu = plan.device({ name: "ccu", address: local });
  ccu.publish({ name: "speed", comId: 1300, dataset: 1300, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "speed", kind: "ramp", min: 0, max: 160, step: 0.1 }] });

  // The intensity ramps from 0 to 1 over stormRamp, scaling the drawn delays with it.
  plan.fault({ name: "storm", kind: "delay", device: "ccu", start: stormStart, stop: stormStop, rampUp: stormRamp,
    delay: `uniform:0ms..${maxDelay}` });
  plan.at(stormStart, run => run.log("storm begins"));
  plan.at(stormStop, run => run.log("storm over"));

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "ccu-speed", comId: 1300, source: local, timeout, expectedCycle: cycle });

  // Out-of-order arrivals seen by the DUT, counted per second of the storm.
  plan.every("1s", run => {
    const c = run.counters("ccu-speed", "dut");
    run.log("out-of-order", c.outOfOrder);
  }, { start: stormStart, until: stormStop });

  plan.threshold("pd_timeouts{device=dut,telegram=ccu-speed}", "count == 0");
  plan.threshold("pd_received{device=dut,telegram=ccu-speed}", "count > 0");
}
