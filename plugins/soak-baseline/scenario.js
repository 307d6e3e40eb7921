// Soak baseline: a long, fault-free run at a steady load with strict pass/fail rules: no telegram
// lost, no timeout, no MD call unanswered, tight send lateness in every window and a flat receive
// rate. Run it before a fault campaign (and after every change of the DUT or the test rig) to prove
// the set-up itself is clean, so that what the fault scenarios find is the DUT's doing.
//   trdpsim run plugins/soak-baseline --param duration=8h --param telegrams=1000
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "1h" });
  const cycle = plan.param("cycle", { type: "duration", default: "10ms" });
  const telegrams = plan.param("telegrams", { type: "number", default: 100 });
  const mdRate = plan.param("mdRate", { type: "number", default: 10 });
  const timeout = plan.param("timeout", { type: "duration", default: "100ms" });
  const latenessP99 = plan.param("latenessP99", { type: "duration", default: "2ms" });
  const window = plan.param("window", { type: "duration", default: "60s" });
  const flatness = plan.param("flatness", { type: "number", default: 0.95 });
  const report = plan.param("report", { type: "duration", default: "1m" });
  const seed = plan.param("seed", { type: "number", default: 10 });
  const local = plan.param("local", { type: "string", default: "127.0.10.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.10.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 10000, name: "process", elements: [
    { name: "life", type: "UINT32" },
    { name: "value", type: "REAL32" },
    { name: "pad", type: "UINT8", arraySize: 24 },
  ] });

  const ccu = plan.device({ name: "ccu", address: local });
  ccu.publish({ name: "process", comId: 10000, count: telegrams, dataset: 10000, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "value", kind: "ramp", min: 0, max: 100, step: 0.01 }] });

  plan.threshold("pd_send_lateness{device=ccu}", [`p(99) < ${latenessP99}`, { rule: `p(99) < ${latenessP99}`, over: window }]);
  plan.threshold("engine_errors", "count == 0");

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "process-in", comId: 10000, count: telegrams, source: local, timeout, expectedCycle: cycle });
  device.mdReply({ name: "diag-reply", comId: 10100, payloadLength: 32 });
  ccu.mdCall({ name: "diag", comId: 10100, destination: dut, rate: mdRate, replyTimeout: "500ms", payloadLength: 16 });

  // Received telegrams per second over each report period: a soak run's log is a flat line, and a
  // period below `flatness` of the planned rate fails the run. A call made late after a stall measures
  // over the longer interval; catch-up calls closer together than half a period are skipped.
  const expectedPerSecond = telegrams * 1000 / plan.ms(cycle);
  const halfPeriod = plan.ms(report) / 2;
  let lastCount = 0, lastTime = 0;
  plan.every(report, run => {
    const now = run.now();
    if (now - lastTime < halfPeriod) return;
    const received = run.counters("process-in", "dut").received;
    const perSecond = (received - lastCount) * 1000 / (now - lastTime);
    run.log("received-per-second", Math.round(perSecond));
    if (perSecond < expectedPerSecond * flatness) {
      run.fail(`received ${Math.round(perSecond)}/s between ${(lastTime / 1000).toFixed(1)} s and ${(now / 1000).toFixed(1)} s, planned ${expectedPerSecond}/s`);
    }
    lastCount = received;
    lastTime = now;
  });

  plan.threshold("pd_loss_ratio{device=dut}", "rate == 0");
  plan.threshold("pd_timeouts{device=dut}", "count == 0");
  plan.threshold("pd_received{device=dut}", `per_second >= ${Math.floor(expectedPerSecond * flatness)}`);
  plan.threshold("md_timeouts{device=ccu}", "count == 0");
  plan.threshold("md_ok{device=ccu}", "count > 0");
}
