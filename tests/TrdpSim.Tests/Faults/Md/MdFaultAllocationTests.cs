using TrdpSim.Devices.Md;
using TrdpSim.Tests.Infrastructure;
using static TrdpSim.Tests.Faults.Md.MdFaultAssert;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>Fault hooks run per transaction on the wheel thread: they must not allocate.</summary>
public sealed class MdFaultAllocationTests
{
    [Fact]
    public void HooksAllocateNothingPerTransaction()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 1));
        foreach (var kind in new[] { FaultKind.WrongPortReply, FaultKind.LateReply, FaultKind.MeError, FaultKind.WithheldReply })
        {
            var plan = Fault(kind, "B", probability: 0.5);
            plan.Delay = "lognormal:median=2ms,p99=20ms";
            Attach(rig, plan);
        }

        Attach(rig, Fault(FaultKind.MissingConfirm, "A", probability: 0.5));
        var replierHooks = rig.Run.MdStations[1].Listeners[0].Outlet.Stage!;
        var callerHooks = rig.Run.MdStations[0].Callers[0].Outlet.Stage!;

        long Round(int n)
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                var decision = new ReplyDecision(ReplyAction.Reply, 0, 0);
                var otherPort = false;
                replierHooks.ShapeReply(ref decision, 1_000_000_000, ref otherPort);
                sum += decision.DelayNanoseconds + (callerHooks.WithholdsConfirm() ? 1 : 0);
            }

            return sum;
        }

        Round(100_000); // past tiered compilation
        long sum = 0;
        var allocated = SteadyAllocation.Fewest(() => sum = Round(50_000));

        Assert.True(sum > 0);
        Assert.True(allocated == 0, $"{allocated} bytes allocated for 50000 hooked transactions");
    }
}
