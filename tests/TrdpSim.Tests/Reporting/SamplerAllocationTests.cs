using TrdpSim.Events;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Reporting;

/// <summary>Allocation budget of what samples a run every 100 ms and every second when nobody watches: the live
/// sampler with its self-monitor, and the progress line.</summary>
/// <remarks>These run for the whole of a soak; what they allocate every second is promoted to generation 2 by the young
/// collections and stays there until a full collection, which a steady run sees a few times in hours.</remarks>
public sealed class SamplerAllocationTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void AnUnwatchedRunsSamplesAndSelfMonitorChecksAllocateNothing()
    {
        RunTelemetry telemetry = Telemetry(12);
        using var bus = new RunEventBus(monotonicClock: () => 0);
        using var live = new LiveTelemetry(telemetry, bus, shortestCycleNanoseconds: 10 * Ms);
        long now = 1_000 * Ms;

        // Two seconds per round: 20 samples and two self-monitor checks (drops of the process's UDP sockets, CPU,
        // dropped cycles of every telegram).
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        long bytes = SteadyAllocation.Fewest(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                live.Tick(now += 100 * Ms);
            }
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void AProgressLineCostsItsTextAndOneCounterObject()
    {
        RunTelemetry telemetry = Telemetry(12);
        var line = new ProgressLine();
        var elapsed = TimeSpan.Zero;
        long bytes = SteadyAllocation.Fewest(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                line.Next(telemetry, elapsed += TimeSpan.FromSeconds(1));
            }
        }) / 10;

        // The line (~130 characters) and the totals' counters: well under 1 KB, however many telegrams.
        Assert.True(bytes < 1024, $"a progress line allocated {bytes} bytes");
        Assert.Contains("tx 1200 ", line.Next(telemetry, elapsed + TimeSpan.FromSeconds(1)), StringComparison.Ordinal);
    }

    private static RunTelemetry Telemetry(int groups)
    {
        var telemetry = new RunTelemetry("sampled");
        for (var i = 0; i < groups; i++)
        {
            var counters = telemetry.AddGroup("device", "telegram-" + i, i % 2 == 0 ? TelegramRole.Publish : TelegramRole.Subscribe, (uint)i).AddInstance();
            if (i % 2 == 0)
            {
                counters.Sent = 200;
            }
        }

        return telemetry;
    }
}
