// An MD caller and a replier whose reply delay follows a lognormal distribution.
//   trdpsim run plugins/md-shaped --param median=5ms --param p99=40ms
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const median = plan.param("median", { type: "duration", default: "2ms" });
  const p99 = plan.param("p99", { type: "duration", default: "20ms" });
  const rate = plan.param("rate", { type: "number", default: 50 });

  plan.name("md-shaped");
  plan.duration("20s");
  plan.network({ mdReplyTimeout: "500ms" });

  const caller = plan.device({ name: "caller", address: "127.0.0.2" });
  caller.mdCall({ name: "ask", comId: 3000, destination: "127.0.0.3", rate, replyTimeout: "200ms",
    payloadLength: 16 });

  const replier = plan.device({ name: "replier", address: "127.0.0.3" });
  replier.mdReply({ name: "answer", comId: 3000, delay: `lognormal:median=${median},p99=${p99}`,
    noReplyProbability: 0.01, payloadLength: 32 });
}
