// Power loss and reboot of a train device: the central control unit (CCU) goes silent for a while,
// then comes back with its sequence counters restarted from 0, as a rebooted TRDP stack does.
// The device under test must notice the silence (subscription timeout) and accept the restarted
// sequence instead of discarding the rebooted sender's telegrams as old duplicates.
//   trdpsim run plugins/power-loss-reboot --param powerOffAt=10s --param offFor=3s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "300ms" });
  const powerOffAt = plan.param("powerOffAt", { type: "duration", default: "20s" });
  const offFor = plan.param("offFor", { type: "duration", default: "5s" });
  const seed = plan.param("seed", { type: "number", default: 1 });
  const local = plan.param("local", { type: "string", default: "127.0.1.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.1.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1100, name: "ccu-status", elements: [
    { name: "life", type: "UINT32" },
    { name: "speed", type: "REAL32" },
  ] });

  const ccu = plan.device({ name: "ccu", address: local });
  ccu.publish({ name: "status", comId: 1100, dataset: 1100, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "speed", kind: "ramp", min: 0, max: 80, step: 0.2 }] });

  // Power off: the CCU sends nothing. Power on: the first telegram carries sequence counter 0.
  const powerOnAt = `${plan.ms(powerOffAt) + plan.ms(offFor)}ms`;
  plan.fault({ name: "power-off", kind: "silence", device: "ccu", start: powerOffAt, stop: powerOnAt });
  plan.fault({ name: "reboot", kind: "sequence", mode: "reset", device: "ccu", start: powerOnAt });
  plan.at(powerOffAt, run => run.log("power off"));
  plan.at(powerOnAt, run => run.log("power on"));

  if (!embeddedDut) {
    return; // a real DUT: watch its diagnostics; the simulator only plays the CCU.
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "ccu-status", comId: 1100, source: local, timeout });

  let down = false;
  let rebooted = false;
  plan.on("timeout", { device: "dut", comId: 1100 }, (ev, run) => {
    down = true;
    run.log("silence-detected", ev.time);
  });
  plan.on("telegram", { device: "dut", comId: 1100 }, (ev, run) => {
    if (down) {
      down = false;
      rebooted = true;
      run.log("reboot-seq", ev.seq); // 0 (or close to it): the restarted counter was accepted
    }
  });
  plan.on("end", (summary, run) => {
    if (!rebooted) run.fail("the DUT never received the CCU again after its reboot");
  });

  plan.threshold("pd_timeouts{device=dut,telegram=ccu-status}", "count >= 1");
  plan.threshold("pd_timed_out{device=dut}", { rule: "value == 0", for: `${Math.ceil(plan.ms(offFor) / 1000) + 2}s` });
}
