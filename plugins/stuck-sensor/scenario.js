// Stuck sensor: a temperature sensor's value freezes (a broken ADC, a hung acquisition task) while
// its telegram keeps coming, on time and with a fresh sequence counter. Nothing in TRDP flags this:
// only the application can, by checking that a live value moves. The device under test must detect
// the stuck value within its plausibility time and clear the alarm once the value moves again.
//   trdpsim run plugins/stuck-sensor --param stuckValue=850 --param plausibility=2s
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const duration = plan.param("duration", { type: "duration", default: "60s" });
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const timeout = plan.param("timeout", { type: "duration", default: "300ms" });
  const stuckAt = plan.param("stuckAt", { type: "duration", default: "20s" });
  const stuckFor = plan.param("stuckFor", { type: "duration", default: "15s" });
  const stuckValue = plan.param("stuckValue", { type: "number", default: 421 });
  const plausibility = plan.param("plausibility", { type: "duration", default: "1s" });
  const seed = plan.param("seed", { type: "number", default: 11 });
  const local = plan.param("local", { type: "string", default: "127.0.11.1" });
  const dut = plan.param("dut", { type: "string", default: "127.0.11.2" });
  const embeddedDut = plan.param("embeddedDut", { type: "boolean", default: true });

  plan.duration(duration);
  plan.seed(seed);

  // value: temperature in tenths of a degree above -50 °C, a sawtooth while the sensor is healthy.
  plan.dataset({ id: 2100, name: "temperature", elements: [
    { name: "life", type: "UINT32" },
    { name: "value", type: "UINT16" },
  ] });

  const sensor = plan.device({ name: "sensor", address: local });
  sensor.publish({ name: "temperature", comId: 2100, dataset: 2100, cycle, destination: dut,
    fields: [{ field: "life", kind: "counter" }, { field: "value", kind: "ramp", min: 0, max: 1000, step: 1 }] });

  const release = `${plan.ms(stuckAt) + plan.ms(stuckFor)}ms`;
  plan.at(stuckAt, run => { run.setField("temperature", "value", stuckValue); run.log("stuck at", stuckValue); });
  plan.at(release, run => { run.setField("temperature", "value", null); run.log("released"); });

  if (!embeddedDut) {
    return;
  }

  const device = plan.device({ name: "dut", address: dut });
  device.subscribe({ name: "temperature", comId: 2100, source: local, timeout });

  // The DUT's plausibility check: the same value for longer than `plausibility` is a stuck sensor.
  const limit = Math.max(2, Math.round(plan.ms(plausibility) / plan.ms(cycle)));
  let last = -1, same = 0, alarm = false, detections = 0, stuckFrames = 0;
  plan.on("telegram", { device: "dut", comId: 2100 }, (ev, run) => {
    const value = (ev.data[4] << 8) | ev.data[5];
    if (value === stuckValue) stuckFrames++;
    same = value === last ? same + 1 : 1;
    last = value;
    if (!alarm && same >= limit) {
      alarm = true;
      detections++;
      run.log("stuck-detected", ev.time);
    } else if (alarm && same === 1) {
      alarm = false;
      run.log("stuck-cleared", ev.time);
    }
  });
  plan.on("end", (summary, run) => {
    run.log("stuck-frames", stuckFrames);
    if (detections === 0) run.fail("the stuck value was never detected");
  });

  plan.threshold("pd_timeouts{device=dut}", "count == 0");
  plan.threshold("pd_received{device=dut}", "count > 0");
}
