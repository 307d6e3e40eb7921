// Loss bursts on the train backbone: a Gilbert-Elliott channel drops telegrams of the CCU in bursts
// (a flaky switch port, an overloaded repeater) instead of one at a time. Bursts, not the mean loss
// rate, decide whether a receiver's supervision trips, so the device under test must ride through
// bursts shorter than its timeout and recover by itself after longer ones.
//   trdpsim run plugins/loss-bursts --param goodToBad=0.05 --param badToGood=0.2
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "20ms" });
  const telegrams = plan.param("telegrams", { type: "number", default: 4 });
  const timeout = plan.param("timeout", { type: "duration", default: "500ms" });
  const burstStart = plan.param("burstStart", { type: "duration", default: "5s" });
  const burstStop = plan.param("burstStop", { type: "duration", default: "55s" });
  const goodToBad = plan.param("goodToBad", { type: "number", default: 0.02 });
  const badToGood = plan.param("badToGood", { type: "number", default: 0.25 });
  const maxLossRatio = plan.param("maxLossRatio", { type: "number", default: 0.25 });
  const seed = plan.param("seed", { type: "number", default: 2 });
  const local = plan.param("local", { type: "string", default: "127.0.2.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.2.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1200, name: "ccu-command", elements: [
    { name: "life", type: "UINT32" },
    { name: "traction", type: "INT16" },
  ] });

  const ccu = plan.device({ name: "ccu", address: local });
  ccu.publish({ name: "command", comId: 1200, count: telegrams, dataset: 1200, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "traction", kind: "random", min: -100, max: 100 }] });

  // Good state: no loss; bad state: every frame lost. Mean burst length = 1 / badToGood frames.
  plan.fault({ name: "bursts", kind: "burst-loss", device: "ccu", start: burstStart, stop: burstStop,
    goodToBad, badToGood, lossInGood: 0, lossInBad: 1 });

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "ccu-command", comId: 1200, count: telegrams, source: local, timeout });

  // Burst lengths as the DUT sees them: the gap in the sequence counter of each telegram.
  const last = {};
  let longest = 0;
  let bursts = 0;
  plan.on("telegram", { device: "dut" }, (ev, run) => {
    const previous = last[ev.comId];
    last[ev.comId] = ev.seq;
    if (previous === undefined) return;
    const gap = ev.seq - previous - 1;
    if (gap > 0) {
      bursts++;
      if (gap > longest) longest = gap;
    }
  });
  plan.on("end", (summary, run) => {
    run.log("bursts", bursts);
    run.log("longest-burst", longest);
  });

  plan.threshold("pd_loss_ratio{device=dut}", `rate < ${maxLossRatio}`);
  plan.threshold("pd_timed_out{device=dut}", { rule: "value == 0", for: "5s" });
}
