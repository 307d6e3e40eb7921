using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Tests.Telemetry;
using Xunit;

namespace TrdpSim.Tests.Hosting;

/// <summary>With <see cref="RunHostOptions.SettleHeapAtStart"/> a built run gets one full collection before it starts,
/// so what its set-up built is in the oldest generation before the first tick rather than copied by a collection
/// mid-run.</summary>
[Collection(ForcedCollections.Name)]
public sealed class HeapSettleTests
{
    private const uint A = 0x0A010002; // in-memory network: nothing reaches a socket
    private const uint B = 0x0A010003;

    [Fact]
    public async Task ARunThatSettlesTheHeapRunsAFullCollectionOnceBuiltBeforeItStarts()
    {
        int before = GC.CollectionCount(2);
        await using var host = RunHost.Create(Plan(), new RunHostOptions { SettleHeapAtStart = true });
        Assert.True(GC.CollectionCount(2) > before, "no full collection once the run was built");
        await host.StartAsync();
        await host.StopAsync();
    }

    private static RunPlan Plan()
    {
        var plan = new RunPlan { Name = "settle" };
        plan.Network.Transport = TransportKind.InMemory;
        plan.Metrics.Enabled = false;
        var a = new DevicePlan { Name = "a", Address = A };
        a.Publications.Add(new PublicationPlan { Name = "out", ComId = 1000, Count = 10, Cycle = TimeSpan.FromMilliseconds(10), Destination = B, PayloadLength = 24 });
        plan.Devices.Add(a);
        return plan;
    }
}
