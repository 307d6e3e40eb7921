// Corrupted-FCS flood: a failing transceiver (or EMC on a coupler) corrupts the header checksum of a
// large share of the CCU's telegrams. The device under test must drop every corrupted frame (never
// act on one), count it, and keep running on the intact frames without its supervision tripping.
//   trdpsim run plugins/fcs-flood --param probability=0.8 --param floodFor=20s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "50ms" });
  const telegrams = plan.param("telegrams", { type: "number", default: 10 });
  const timeout = plan.param("timeout", { type: "duration", default: "1s" });
  const floodAt = plan.param("floodAt", { type: "duration", default: "10s" });
  const floodFor = plan.param("floodFor", { type: "duration", default: "30s" });
  const probability = plan.param("probability", { type: "number", default: 0.5 });
  const seed = plan.param("seed", { type: "number", default: 8 });
  const local = plan.param("local", { type: "string", default: "127.0.8.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.8.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  plan.dataset({ id: 1800, name: "brake-command", elements: [
    { name: "life", type: "UINT32" },
    { name: "demand", type: "UINT16" },
  ] });

  const ccu = plan.device({ name: "ccu", address: local });
  ccu.publish({ name: "brake-command", comId: 1800, count: telegrams, dataset: 1800, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "demand", kind: "random", min: 0, max: 1000 }] });

  plan.fault({ name: "flood", kind: "corrupt-fcs", device: "ccu", probability, start: floodAt,
    stop: `${plan.ms(floodAt) + plan.ms(floodFor)}ms` });

  plan.every("5s", run => run.log("sent", run.counters("brake-command", "ccu").sent));

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "brake-command", comId: 1800, count: telegrams, source: local, timeout });

  // Every corrupted frame is rejected, none reaches the subscription, supervision holds.
  plan.threshold("rejects{reason=bad_fcs}", "count > 0");
  plan.threshold("pd_timeouts{device=dut}", "count == 0");
  plan.threshold("pd_received{device=dut}", "count > 0");
}
