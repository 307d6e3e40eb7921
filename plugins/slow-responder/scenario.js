// Slow responder: a diagnostic server the device under test calls gets slower and slower (a loaded
// CPU, a full disk), and now and then answers only after the caller has given up. The DUT is the
// caller here: it must keep its session bookkeeping straight, count late answers as timeouts, not as
// replies to a newer request, and go on calling.
//   trdpsim run plugins/slow-responder --param maxDelay=800ms --param replyTimeout=1s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const rate = plan.param("rate", { type: "number", default: 10 });
  const replyTimeout = plan.param("replyTimeout", { type: "duration", default: "500ms" });
  const retries = plan.param("retries", { type: "number", default: 0 });
  const slowFrom = plan.param("slowFrom", { type: "duration", default: "10s" });
  const slowRamp = plan.param("slowRamp", { type: "duration", default: "30s" });
  const maxDelay = plan.param("maxDelay", { type: "duration", default: "400ms" });
  const lateProbability = plan.param("lateProbability", { type: "number", default: 0.02 });
  const maxTimeoutRatio = plan.param("maxTimeoutRatio", { type: "number", default: 0.1 });
  const seed = plan.param("seed", { type: "number", default: 7 });
  const local = plan.param("local", { type: "string", default: "127.0.7.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.7.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  const server = plan.device({ name: "server", address: local });
  server.mdReply({ name: "diag-reply", comId: 1700, payloadLength: 64 });

  // Every request is answered after a delay growing linearly from 0 (at slowFrom) to maxDelay; from
  // slowFrom on, a share of the answers (drawn from the seed) comes only after the caller's timeout.
  const from = plan.ms(slowFrom), ramp = Math.max(plan.ms(slowRamp), 1), top = plan.ms(maxDelay), limit = plan.ms(replyTimeout);
  const random = mulberry32(seed);
  let answered = 0, late = 0, slowest = 0;
  plan.on("mdRequest", { device: "server", comId: 1700 }, (req, run) => {
    const progress = Math.min(Math.max((req.time - from) / ramp, 0), 1);
    let delay = Math.round(top * progress);
    if (req.time >= from && random() < lateProbability) {
      delay = Math.round(limit * (1.2 + 0.8 * random()));
      late++;
    }
    answered++;
    if (delay > slowest) slowest = delay;
    return { delay: `${delay}ms` };
  });

  plan.on("end", (summary, run) => {
    run.log("answered", answered);
    run.log("answered-late", late);
    run.log("slowest-ms", slowest);
  });

  if (!embeddedDut) {
    return; // the real DUT calls ComId 1700 at `local`; watch its own diagnostics.
  }

  const device = plan.device({ name: "dut", address: dut });
  device.mdCall({ name: "diag", comId: 1700, destination: local, rate, replyTimeout, retries, payloadLength: 16 });

  plan.threshold("md_timeout_ratio{device=dut}", `rate < ${maxTimeoutRatio}`);
  plan.threshold("md_ok{device=dut}", "count > 0");
}


/** A small seeded random generator (mulberry32): the same seed draws the same late answers. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
