using TrdpSim.Hosting;
using TrdpSim.IntegrationTests.Daemon;
using TrdpSim.Plan;
using TrdpSim.Recording.Replay;
using TrdpSim.Scheduling;
using TrdpSim.Tests.Infrastructure;
using TrdpSim.Transport;

namespace TrdpSim.IntegrationTests.Recording;

/// <summary>A capture replayed over real loopback sockets reaches a trdpsim subscriber like the original publisher:
/// every telegram received in sequence, none lost, from the mapped source address.</summary>
public sealed class ReplayLoopbackTests
{
    [Fact]
    public async Task AReplayedPublicationIsReceivedLikeTheOriginal()
    {
        var (net, _) = LoopbackPlans.Allocate();
        var publisher = net | 2;
        var subscriber = net | 3;
        var plan = new RunPlan { Name = "replay" };
        plan.Network.PdPort = 17224; // the captured port; the block's own address keeps it apart from other tests
        plan.Metrics.Enabled = false;
        var device = new DevicePlan { Name = "B", Address = subscriber };
        device.Subscriptions.Add(new SubscriptionPlan { Name = "in", ComId = 2000, Source = publisher, Timeout = TimeSpan.FromSeconds(5) });
        plan.Devices.Add(device);
        await using var host = RunHost.Create(plan);
        await host.StartAsync();

        var options = new ReplayOptions { Speed = 20, ComIds = ComIds("1000=2000"), Addresses = Addresses($"127.0.0.1={Ip4Endpoint.FormatAddress(subscriber)}", $"127.0.0.2={Ip4Endpoint.FormatAddress(publisher)}") };
        using var stream = File.OpenRead(TestVectors.PathOf("pd-publish.pcap"));
        var capture = ReplayCapture.Load(stream, 17224, 17225);
        var rewrites = ReplayRewriter.Apply(capture, options);
        Assert.Empty(ReplayNetworkGuard.Exposed(capture.Frames));
        var result = Replayer.Run(capture, rewrites, options, new SocketUdpTransport(), new HybridWaitStrategy(), CancellationToken.None);
        Assert.Equal(29, result.Sent);
        Assert.Equal(29, rewrites.FcsRecomputed);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Totals(host).Received < 29 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var totals = Totals(host);
        Assert.Equal(29, totals.Received);
        Assert.Equal(0, totals.Lost);
        Assert.Equal(0, host.Telemetry.Rejects.Total());
    }

    private static Telemetry.TelegramCounters Totals(RunHost host)
    {
        var totals = new Telemetry.TelegramCounters();
        foreach (var group in host.Telemetry.Groups)
        {
            totals.Accumulate(group.Totals());
        }

        return totals;
    }

    private static ComIdMap ComIds(params string[] rules)
    {
        var map = new ComIdMap();
        foreach (var rule in rules)
        {
            Assert.True(map.TryAdd(rule, out var error), error);
        }

        return map;
    }

    private static AddressMap Addresses(params string[] rules)
    {
        var map = new AddressMap();
        foreach (var rule in rules)
        {
            Assert.True(map.TryAdd(rule, out var error), error);
        }

        return map;
    }
}
