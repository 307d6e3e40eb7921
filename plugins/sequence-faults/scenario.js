// Sequence counter faults: the CCU's telegram sequence counter freezes, jumps ahead, rolls back and
// restarts, one after the other, as a buggy or rebooting TRDP stack does. The device under test must
// drop repeated counters as duplicates, take a jump as lost telegrams (not as a reason to stop
// listening), ignore stale rolled-back telegrams and accept a restart from 0.
//   trdpsim run plugins/sequence-faults --param jumpStep=1000 --param spacing=5s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "50ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "500ms" });
  const faultAt = plan.param("faultAt", { type: "duration", default: "10s" });
  const spacing = plan.param("spacing", { type: "duration", default: "10s" });
  const freezeFor = plan.param("freezeFor", { type: "duration", default: "2s" });
  const jumpStep = plan.param("jumpStep", { type: "number", default: 100 });
  const rollBackStep = plan.param("rollBackStep", { type: "number", default: 5 });
  const seed = plan.param("seed", { type: "number", default: 12 });
  const local = plan.param("local", { type: "string", default: "127.0.12.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.12.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 2200, name: "ccu-data", elements: [{ name: "life", type: "UINT32" }, { name: "mode", type: "UINT8" }] });

  const ccu = plan.device({ name: "ccu", address: local });
  ccu.publish({ name: "ccu-data", comId: 2200, dataset: 2200, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "mode", kind: "sequence", values: [1, 2, 3] }] });

  const t0 = plan.ms(faultAt), gap = plan.ms(spacing);
  const at = k => `${t0 + k * gap}ms`;
  plan.fault({ name: "freeze", kind: "sequence", mode: "freeze", device: "ccu", start: at(0), stop: `${t0 + plan.ms(freezeFor)}ms` });
  plan.fault({ name: "jump", kind: "sequence", mode: "jump", step: jumpStep, device: "ccu", start: at(1) });
  plan.fault({ name: "roll-back", kind: "sequence", mode: "roll-back", step: rollBackStep, device: "ccu", start: at(2) });
  plan.fault({ name: "restart", kind: "sequence", mode: "reset", device: "ccu", start: at(3) });
  ["freeze", "jump", "roll-back", "restart"].forEach((name, k) => plan.at(at(k), run => run.log("fault " + name)));

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "ccu-data", comId: 2200, source: local, timeout });

  plan.on("end", (summary, run) => {
    const c = run.counters("ccu-data", "dut");
    run.log("duplicates", c.duplicates);
    run.log("lost", c.lost);
    run.log("out-of-order", c.outOfOrder);
    if (c.received === 0 || c.timedOut) run.fail("the DUT stopped accepting the CCU after its sequence faults");
  });

  plan.threshold("pd_duplicates{device=dut}", "count > 0");
  plan.threshold("pd_received{device=dut}", "count > 0");
}
