// Babbling idiot: a faulty door controller floods the network with its telegram at many times its
// planned rate (a stuck transmit loop, a watchdog that no longer resets). The device under test must
// keep serving the well-behaved CCU beside it: no lost or timed-out CCU telegrams while the babbler
// runs wild, and no crash from the flood itself.
//   trdpsim run plugins/babbling-idiot --param rateFactor=100
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "300ms" });
  const babbleAt = plan.param("babbleAt", { type: "duration", default: "10s" });
  const babbleFor = plan.param("babbleFor", { type: "duration", default: "30s" });
  const rateFactor = plan.param("rateFactor", { type: "number", default: 20 });
  const seed = plan.param("seed", { type: "number", default: 4 });
  const ccuAddress = plan.param("ccu", { type: "string", default: "127.0.4.1" });
  const babblerAddress = plan.param("babbler", { type: "string", default: "127.0.4.3" });
  const dut = plan.param("dut", { type: "string", default: "127.0.4.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1400, name: "ccu-speed", elements: [{ name: "life", type: "UINT32" }, { name: "speed", type: "REAL32" }] });
  plan.dataset({ id: 1401, name: "door-status", elements: [{ name: "life", type: "UINT32" }, { name: "closed", type: "ANTIVALENT8", arraySize: 4 }] });

  const ccu = plan.device({ name: "ccu", address: ccuAddress });
  ccu.publish({ name: "speed", comId: 1400, dataset: 1400, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "speed", kind: "ramp", min: 0, max: 100, step: 0.5 }] });

  const babbler = plan.device({ name: "door", address: babblerAddress });
  babbler.publish({ name: "door-status", comId: 1401, dataset: 1401, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }] });

  plan.fault({ name: "babble", kind: "babble", device: "door", start: babbleAt,
    stop: `${plan.ms(babbleAt) + plan.ms(babbleFor)}ms`, rateFactor });

  // Send rate of the babbler per second, so the log shows the flood start and stop.
  let sent = 0;
  plan.every("1s", run => {
    const now = run.counters("door-status", "door").sent;
    run.log("babbler-rate", now - sent);
    sent = now;
  });

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "ccu-speed", comId: 1400, source: ccuAddress, timeout });
  device.subscribe({ name: "door-status", comId: 1401, source: babblerAddress, timeout });

  // The CCU beside the babbler must not suffer.
  plan.threshold("pd_lost{device=dut,telegram=ccu-speed}", "count == 0");
  plan.threshold("pd_timeouts{device=dut,telegram=ccu-speed}", "count == 0");
  plan.threshold("pd_received{device=dut,telegram=door-status}", "count > 0");
}
