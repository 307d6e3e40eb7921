// A small train in the spirit of configs/quickstart.toml: a TCMS publishes speed and commands,
// doors and brakes publish their status, and everyone supervises what they need.
//   trdpsim validate plugins/basic-train --param cycle=50ms
/** @param {import("../trdpsim").Plan} plan  (editor types: plugins/trdpsim.d.ts) */
export default function (plan) {
  const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
  const doors = plan.param("doors", { type: "number", default: 2 });

  plan.name("basic-train");
  plan.duration("30s");
  plan.seed(42);
  plan.network({ defaultPdTimeout: "300ms" });

  plan.dataset({ id: 2000, name: "tcms-speed", elements: [
    { name: "life", type: "UINT16" },
    { name: "speed", type: "REAL32" },
    { name: "direction", type: "INT8" },
  ] });
  plan.dataset({ id: 2100, name: "door-status", elements: [
    { name: "life", type: "UINT32" },
    { name: "closed", type: "ANTIVALENT8", arraySize: 4 },
  ] });

  const tcms = plan.device({ name: "tcms", address: "127.0.0.2" });
  tcms.publish({ name: "speed", comId: 2000, dataset: 2000, cycle, destination: "239.1.1.1",
    fields: [
      { field: "life", kind: "counter" },
      { field: "speed", kind: "ramp", min: 0, max: 120, step: 0.5 },
    ] });

  for (let i = 0; i < doors; i++) {
    const door = plan.device({ name: "door-" + (i + 1), address: "127.0.0.1" + (i + 1) });
    door.subscribe({ name: "speed", comId: 2000, source: "127.0.0.2", destination: "239.1.1.1", timeout: "300ms" });
    door.publish({ name: "status", comId: 2100 + i, dataset: 2100, cycle, destination: "127.0.0.2",
      fields: [{ field: "life", kind: "counter" }] });
    tcms.subscribe({ name: "door-" + (i + 1), comId: 2100 + i, source: "127.0.0.1" + (i + 1), expectedCycle: cycle });
  }
}
