using TrdpSim.Control;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Daemon;

public sealed class DaemonLoopbackTests
{
    private static readonly RunHostOptions NoMetrics = new();

    private static TelegramCounters Totals(RunHost host, TelegramRole role) => TelemetryTotals.OfRole(host.Telemetry, role);

    [Fact]
    public async Task PublishedTelegramsArriveWithoutLossOrTimeout()
    {
        // Timeouts far above the cycle: on a loaded 2-core CI machine a thread can be starved for a while.
        var plan = LoopbackPlans.Pair(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
        await using var host = RunHost.Create(plan, NoMetrics);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await host.StartAsync();
        await Task.Delay(1000);
        await host.StopAsync();
        var cycles = clock.Elapsed.TotalMilliseconds / 10; // however long the loaded machine made the run

        var sent = Totals(host, TelegramRole.Publish);
        var received = Totals(host, TelegramRole.Subscribe);
        // Every cycle of every telegram is either sent or counted as dropped: none vanish, none are invented.
        Assert.InRange(sent.Sent + sent.DroppedCycles, (long)(5 * (cycles - 10)), (long)(5 * (cycles + 1)));
        Assert.InRange(received.Received, sent.Sent - 50, sent.Sent); // the last ones may still be in a socket buffer at stop
        Assert.Equal(0, received.Lost);
        Assert.Equal(0, received.Timeouts);
        Assert.Equal(0, host.Telemetry.EngineErrors);
        Assert.Equal(0, host.Telemetry.Rejects.Total());
    }

    [Fact]
    public async Task SilencedPublisherTimesOutOnceAndRecovers()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(150), out _, out _);
        await using var host = RunHost.Create(plan, NoMetrics);
        await host.StartAsync();
        await Task.Delay(300);
        var before = Totals(host, TelegramRole.Subscribe).Timeouts; // 0 unless the machine starved us for 150 ms
        host.Post(run => run.FindTelegram("out")!.Silenced = true);
        await Task.Delay(600);
        var during = Totals(host, TelegramRole.Subscribe);
        Assert.Equal(before + 1, during.Timeouts); // one silence, counted once
        Assert.Equal(1, during.TimedOut);

        host.Post(run => run.FindTelegram("out")!.Silenced = false);
        await Task.Delay(300);
        await host.StopAsync();
        var after = Totals(host, TelegramRole.Subscribe);
        Assert.Equal(during.Timeouts, after.Timeouts);
        Assert.Equal(0, after.TimedOut);
        Assert.True(after.Received > during.Received + 10, $"{during.Received} → {after.Received}");
        Assert.Equal(0, after.Lost); // a silenced publisher does not number the cycles it skips
    }

    [Fact]
    public async Task FieldValueCanBePinnedWhileRunning()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
        var dataset = new DatasetPlan { Id = 4100, Name = "speed" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "speed", Type = "UINT16" });
        plan.Datasets.Add(dataset);
        var publication = plan.Devices[0].Publications[0];
        publication.DatasetId = 4100;
        publication.Fields.Add(new FieldGeneratorPlan { Field = "speed", Kind = GeneratorKind.Counter });
        await using var host = RunHost.Create(plan, NoMetrics);
        await host.StartAsync();
        await Task.Delay(200);
        host.Post(run => ((Publication)run.FindTelegram("out")!).FindGenerator("speed")!.Override = 4242); // stuck-at
        await Task.Delay(300);
        await host.StopAsync();

        var data = host.Run.Devices[1].Unicast.Subscriptions[0].Data;
        Assert.Equal(4242, (data[0] << 8) | data[1]);
    }

    [Fact]
    public async Task CycleCanBeChangedWhileRunning()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), out _, out _);
        await using var host = RunHost.Create(plan, NoMetrics);
        await host.StartAsync();
        await Task.Delay(500);
        var before = Totals(host, TelegramRole.Publish).Sent;
        host.Post(run => run.FindTelegram("out")!.CycleNanoseconds = 5_000_000);
        await Task.Delay(500);
        await host.StopAsync();
        var gained = Totals(host, TelegramRole.Publish).Sent - before;
        Assert.True(gained > 50, $"only {gained} telegrams in 0.5 s after switching to a 5 ms cycle");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PullRequestIsAnsweredWithPpOnlyWhenTheResponderSubscribesIt(bool responderSubscribes)
    {
        var (net, port) = LoopbackPlans.Allocate();
        var plan = new RunPlan { Name = "pull" };
        plan.Network.PdPort = port;
        var responder = new DevicePlan { Name = "responder", Address = net | 2 };
        responder.Publications.Add(new PublicationPlan { Name = "status", ComId = 3000, Cycle = TimeSpan.Zero, PayloadLength = 16, Destination = net | 3 });
        if (responderSubscribes)
        {
            // TCNopen answers a 'Pr' only for a ComId the responder subscribes (trdp-wire.md §7.5).
            responder.Subscriptions.Add(new SubscriptionPlan { Name = "pull-in", ComId = 3000, Timeout = Timeout.InfiniteTimeSpan });
        }

        var requester = new DevicePlan { Name = "requester", Address = net | 3 };
        requester.PullRequests.Add(new PullRequestPlan { Name = "ask", ComId = 3000, Target = net | 2, Interval = TimeSpan.FromMilliseconds(20) });
        plan.Devices.Add(responder);
        plan.Devices.Add(requester);

        await using var host = await LoopbackPlans.PlayAsync(plan, TimeSpan.FromMilliseconds(600));

        var pulls = Totals(host, TelegramRole.Pull);
        var answered = Totals(host, TelegramRole.Publish).PullRequests;
        Assert.True(pulls.PullRequests >= 10, $"requests {pulls.PullRequests}");
        if (!responderSubscribes)
        {
            Assert.Equal(0, pulls.PullReplies);
            Assert.True(host.Telemetry.Rejects.Get(RejectReason.NoSubscription) >= pulls.PullRequests - 1);
            return;
        }

        Assert.True(pulls.PullReplies >= pulls.PullRequests - 2, $"requests {pulls.PullRequests}, replies {pulls.PullReplies}");
        Assert.True(answered >= pulls.PullReplies, $"answered {answered}");
        Assert.Equal(0, pulls.Duplicates + pulls.OutOfOrder);
    }

    [Fact]
    public async Task MetricsEndpointServesPrometheusText()
    {
        var plan = LoopbackPlans.Pair(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200), out _, out _);
        plan.Metrics.Enabled = true;
        plan.Metrics.Listen = "127.0.0.1:0";
        await using var host = RunHost.Create(plan);
        await host.StartAsync();
        await using var metrics = await MetricsServer.StartAsync(plan.Metrics.Listen, host.Exporter.Registry, CancellationToken.None);
        await Task.Delay(300);
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(metrics.BoundAddress!, "/metrics"));
        await host.StopAsync();

        Assert.Contains("trdpsim_pd_sent_total{device=\"A\",telegram=\"out\",role=\"publish\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_received_total{device=\"B\",telegram=\"in\",role=\"subscribe\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_rx_rejected_total{reason=\"bad_fcs\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_send_lateness_seconds{", text, StringComparison.Ordinal);
        // The default process collectors of prometheus-net stay out (their output fails promtool); trdpsim's own
        // CPU series are prefixed.
        Assert.DoesNotContain("\nprocess_cpu_seconds_total", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_process_cpu_seconds_total{mode=\"user\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_thread_cpu_seconds_total{thread=\"wheel\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidPlanIsRefusedWithEveryError()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), out _, out _);
        plan.Devices[0].Publications[0].DatasetId = 4242;
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "big", ComId = 9, PayloadLength = 5000, Destination = 0x7F000001 });
        var error = Assert.Throws<PlanException>(() => RunHost.Create(plan, NoMetrics));
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Message.Contains("4242", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("'payload-length' must be between 0 and 1432, got 5000", StringComparison.Ordinal));
    }
}
