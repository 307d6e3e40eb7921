// Redundancy switchover benchmark: two partners publish one telegram in redundancy group 1 on `cycle`; a
// subscriber names both as its sources. Every `every` the scenario moves the lead to the other partner,
// `switchovers` times; the subscriber records each switchover's gap (last telegram of the old leader → first
// of the new one) in pd_switchover_gap.
export default function (plan) {
  const cycle = plan.param("cycle", { type: "duration", default: "10ms" });
  const every = plan.param("every", { type: "duration", default: "50ms" });
  const switchovers = plan.param("switchovers", { type: "number", default: 1000 });
  plan.name("redundancy-switchover");
  plan.network({ defaultPdTimeout: "5s" });
  for (const [name, address] of [["leader", "127.0.42.2"], ["partner", "127.0.42.5"]]) {
    plan.device({ name, address })
      .publish({ name: "state", comId: 4200, payloadLength: 16, cycle, destination: "127.0.42.3", redundancyGroup: 1 });
  }
  plan.device({ name: "rx", address: "127.0.42.3" })
    .subscribe({ name: "state-in", comId: 4200, source: "127.0.42.2", source2: "127.0.42.5", timeout: "5s" });
  let done = 0;
  plan.every(every, run => {
    if (done < switchovers) {
      run.switchover(1);
      done++;
    }
  }, { start: "1s" });
}
