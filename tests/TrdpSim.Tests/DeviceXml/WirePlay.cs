using TrdpSim.Composition;
using TrdpSim.Plan.Addresses;
using TrdpSim.Tests.Faults;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Plays an imported or hand-written train for 2 s on the in-memory network, driven tick by tick, and
/// hashes every frame with its route — the one yardstick the XML import tests compare plans by.</summary>
internal static class WirePlay
{
    /// <param name="plan">The train, before its address map is applied.</param>
    /// <param name="inspect">Reads more of the finished run before it is disposed.</param>
    public static (ulong Hash, long Frames, long Received) Play(RunPlan plan, Action<LiveRun>? inspect = null)
    {
        Assert.Empty(AddressMapper.Apply(plan));
        Assert.Empty(TrdpSim.Plan.Validation.PlanValidator.Validate(plan));
        var wire = new WireHash();
        using var harness = new FaultHarness(plan, wire.Observe);
        harness.RunFor(TimeSpan.FromSeconds(2));
        inspect?.Invoke(harness.Run);
        return (wire.Value, wire.Frames, TelemetryTotals.Received(harness.Run.Telemetry));
    }
}
