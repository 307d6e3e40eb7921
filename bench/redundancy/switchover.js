// Redundancy switchover benchmark: two partners publish one telegram in redundancy group 1 on `cycle`; a
// subscriber names both as its sources. Every `every` the lead moves to the other partner, `switchovers` times,
// for the `cause` asked:
//   command         run.switchover(1): a control change, as the control plane makes it;
//   leader-silence  the leader is switched off (run.silence) and the follower, which stops hearing it, takes over
//                   after `takeoverAfter`; the switched-off partner is switched on again in the next round, as a
//                   follower (a returning leader does not take the lead back), and becomes the next one to fall silent.
// The subscriber records each switchover's gap (last telegram of the old leader → first of the new one) in
// pd_switchover_gap; the group records the gap on the wire and counts the switchovers by cause.
export default function (plan) {
  const cycle = plan.param("cycle", { type: "duration", default: "10ms" });
  const every = plan.param("every", { type: "duration", default: "50ms" });
  const switchovers = plan.param("switchovers", { type: "number", default: 1000 });
  const cause = plan.param("cause", { type: "string", default: "command" });
  const takeoverAfter = plan.param("takeoverAfter", { type: "duration", default: "30ms" });
  if (cause !== "command" && cause !== "leader-silence") {
    throw new Error(`cause must be "command" or "leader-silence", not "${cause}"`);
  }

  plan.name("redundancy-switchover-" + cause);
  plan.network({ defaultPdTimeout: "5s" });
  const members = [["leader", "127.0.42.2"], ["partner", "127.0.42.5"]];
  for (const [name, address] of members) {
    plan.device({ name, address })
      .publish({ name: "state", comId: 4200, payloadLength: 16, cycle, destination: "127.0.42.3", redundancyGroup: 1, takeoverAfter });
  }
  plan.device({ name: "rx", address: "127.0.42.3" })
    .subscribe({ name: "state-in", comId: 4200, source: "127.0.42.2", source2: "127.0.42.5", timeout: "5s" });
  let done = 0;
  let leads = 0; // index of the member that leads (the plan's first member leads at start)
  plan.every(every, run => {
    if (done >= switchovers) {
      return;
    }

    if (cause === "command") {
      run.switchover(1);
    } else {
      // Switch the follower on first, so it is there to take over, then the leader off.
      run.silence(members[1 - leads][0], false);
      run.silence(members[leads][0], true);
    }

    leads = 1 - leads;
    done++;
  }, { start: "1s" });
}
