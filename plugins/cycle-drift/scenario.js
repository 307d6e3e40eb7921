// Cycle drift: the clock of one door controller runs slow (or fast), so its cycle stretches by a
// growing number of parts per million while a reference controller beside it keeps time. A device
// under test that checks cycle times must flag the drifting sender once it leaves the tolerance, yet
// not time out while the stretched cycle stays below its timeout.
//   trdpsim run plugins/cycle-drift --param driftPpm=-50000 --param driftRamp=30s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "500ms" });
  const driftAt = plan.param("driftAt", { type: "duration", default: "5s" });
  const driftRamp = plan.param("driftRamp", { type: "duration", default: "20s" });
  const driftPpm = plan.param("driftPpm", { type: "number", default: 100000 });
  const seed = plan.param("seed", { type: "number", default: 9 });
  const drifting = plan.param("drifting", { type: "string", default: "127.0.9.1" });
  const reference = plan.param("reference", { type: "string", default: "127.0.9.3" });
  const dut = plan.param("dut", { type: "string", default: "127.0.9.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1900, name: "door-status", elements: [{ name: "life", type: "UINT32" }, { name: "open", type: "BOOL8" }] });

  const slow = plan.device({ name: "door-drift", address: drifting });
  slow.publish({ name: "drifting", comId: 1900, dataset: 1900, cycle, destination: dut, fields: [{ field: "life", kind: "counter" }] });
  const steady = plan.device({ name: "door-ref", address: reference });
  steady.publish({ name: "reference", comId: 1901, dataset: 1900, cycle, destination: dut, fields: [{ field: "life", kind: "counter" }] });

  // The drift eases in over driftRamp and stays for the rest of the run.
  plan.fault({ name: "slow-clock", kind: "cycle-drift", device: "door-drift", start: driftAt, rampUp: driftRamp, driftPpm });

  // Sends per 5 s of both controllers: the drifting one falls behind (or runs ahead).
  let lastDrift = 0, lastRef = 0;
  plan.every("5s", run => {
    const d = run.counters("drifting", "door-drift").sent, r = run.counters("reference", "door-ref").sent;
    run.log("drift-vs-reference", (d - lastDrift) - (r - lastRef));
    lastDrift = d;
    lastRef = r;
  });
  plan.on("end", (summary, run) => {
    const d = run.counters("drifting", "door-drift").sent, r = run.counters("reference", "door-ref").sent;
    run.log("drifting-sent", d);
    run.log("reference-sent", r);
  });

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "drifting-in", comId: 1900, source: drifting, timeout, expectedCycle: cycle });
  device.subscribe({ name: "reference-in", comId: 1901, source: reference, timeout, expectedCycle: cycle });

  plan.threshold("pd_timeouts{device=dut}", "count == 0");
  plan.threshold("pd_lost{device=dut}", "count == 0");
}
