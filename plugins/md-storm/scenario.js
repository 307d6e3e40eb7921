// Message-data storm: several callers hammer one replier (the device under test) with requests whose
// rate ramps up to many times normal, while the replier, overloaded, leaves some requests unanswered.
// Callers retry and then time out. The test engineer sees whether the DUT's MD stack keeps answering
// under the storm, how many sessions it can hold, and that it recovers once the storm is over.
//   trdpsim run plugins/md-storm --param callers=8 --param stormFactor=10
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const callers = plan.param("callers", { type: "number", default: 4 });
  const rate = plan.param("rate", { type: "number", default: 20 });
  const replyTimeout = plan.param("replyTimeout", { type: "duration", default: "200ms" });
  const calmFor = plan.param("calmFor", { type: "duration", default: "10s" });
  const stormRamp = plan.param("stormRamp", { type: "duration", default: "10s" });
  const stormFor = plan.param("stormFor", { type: "duration", default: "30s" });
  const stormFactor = plan.param("stormFactor", { type: "number", default: 5 });
  const withheld = plan.param("withheld", { type: "number", default: 0.2 });
  const maxTimeoutRatio = plan.param("maxTimeoutRatio", { type: "number", default: 0.5 });
  const seed = plan.param("seed", { type: "number", default: 6 });
  const dut = plan.param("dut", { type: "string", default: "127.0.6.2" });
  const callerBase = plan.param("callerBase", { type: "string", default: "127.0.6.10" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);
  plan.network({ mdReplyTimeout: replyTimeout });

  // Callers at callerBase, callerBase + 1, ...
  const base = callerBase.split(".").map(Number);
  for (let i = 0; i < callers; i++) {
    const caller = plan.device({ name: `caller-${i + 1}`, address: `${base[0]}.${base[1]}.${base[2]}.${base[3] + i}` });
    caller.mdCall({ name: "diag", comId: 1600, destination: dut, rate, replyTimeout, retries: 1, payloadLength: 32 });
  }

  // Calm, a ramp into the storm, the storm, calm again.
  const stormEnd = plan.ms(calmFor) + plan.ms(stormFor);
  plan.phase({ name: "calm", duration: calmFor, mdRate: 1 });
  plan.phase({ name: "storm", duration: stormFor, ramp: stormRamp, mdRate: stormFactor });
  const afterFor = Math.max(plan.ms(duration) - stormEnd, 1);
  plan.phase({ name: "after", duration: `${afterFor}ms`, ramp: `${Math.min(afterFor, 1000)}ms`, mdRate: 1 });

  plan.on("end", (summary, run) => {
    let calls = 0, timeouts = 0;
    for (const md of summary.md) {
      if (md.role === "caller") { calls += md.calls; timeouts += md.timeouts; }
    }
    run.log("caller-calls", calls);
    run.log("caller-timeouts", timeouts);
  });

  plan.threshold("md_timeout_ratio{telegram=diag}", `rate < ${maxTimeoutRatio}`);
  plan.threshold("md_ok{telegram=diag}", "count > 0");

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.mdReply({ name: "diag-reply", comId: 1600, delay: "uniform:1ms..20ms", payloadLength: 64 });
  // The overloaded replier drops requests during the storm only.
  plan.fault({ name: "overload", kind: "withheld-reply", device: "dut", probability: withheld,
    start: calmFor, stop: `${stormEnd}ms` });
}
