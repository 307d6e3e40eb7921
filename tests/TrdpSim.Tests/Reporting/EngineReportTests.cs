using Prometheus;

namespace TrdpSim.Tests.Reporting;

/// <summary>The engine's figures in the summary, its JSON and /metrics: which wait ran and what it cost (process
/// and per-thread CPU), how long trdpsim itself was stalled, what fell inside its stalls, and the warning when
/// the host held the run back.</summary>
public sealed class EngineReportTests
{
    private const long Ms = 1_000_000;

    private static EngineSummary Engine() => new("efficient", "efficient", 100_000, 1_000_000, 1_000_000, 80_000, true, 3 * Ms, null,
        "SCHED_OTHER", "SCHED_OTHER", 0, "SCHED_OTHER", false, [], 1000, 10, new SegmentationSummary("auto", 1000, 960, CaptureSeen: true, 1000, 900),
        new ReceiveBufferSummary(4 << 20, 4 << 20, 6, 0));

    /// <summary>A one-second run with one wheel stall and <paramref name="engine"/> (default <see cref="Engine"/>).</summary>
    private static RunSummary SummaryWithAStall(EngineSummary? engine = null)
    {
        var summary = RunSummary.Capture(TelemetryWithAStall(), TimeSpan.FromSeconds(1));
        summary.Engine = engine ?? Engine();
        return summary;
    }

    private static JsonDocument Json(RunSummary summary)
    {
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, summary);
        return JsonDocument.Parse(stream.ToArray());
    }

    private static RunTelemetry TelemetryWithAStall()
    {
        var telemetry = new RunTelemetry("engine") { StartCpu = CpuSample.Take() };
        telemetry.AddGroup("A", "out", TelegramRole.Publish, 1).AddInstance();
        var wheel = telemetry.Stalls.CreateProbe(StallSources.Wheel, "wheel");
        wheel.Due(100 * Ms);
        wheel.CheckIn(131 * Ms);
        return telemetry;
    }

    [Fact]
    public void TheJsonCarriesTheWaitTheCpuTheStallsAndWhatFellInsideThem()
    {
        using var json = Json(SummaryWithAStall());
        var root = json.RootElement;

        Assert.Equal("efficient", root.GetProperty("engine").GetProperty("wait").GetString());
        Assert.Equal(1_000_000, root.GetProperty("engine").GetProperty("sendGridNs").GetInt64());
        Assert.Equal(1_000_000, root.GetProperty("engine").GetProperty("receiveIntervalNs").GetInt64());
        Assert.Equal("auto", root.GetProperty("engine").GetProperty("segmentSends").GetString());
        Assert.Equal(1000, root.GetProperty("engine").GetProperty("sentDatagrams").GetInt64());
        Assert.Equal(960, root.GetProperty("engine").GetProperty("segmentedDatagrams").GetInt64());
        Assert.True(root.GetProperty("engine").GetProperty("captureSeen").GetBoolean());
        Assert.Equal(1000, root.GetProperty("engine").GetProperty("receivedDatagrams").GetInt64());
        Assert.Equal(900, root.GetProperty("engine").GetProperty("receivedWholeDatagrams").GetInt64());
        var run = root.GetProperty("cpu").GetProperty("run");
        Assert.True(run.GetProperty("processNs").GetInt64() > 0);
        foreach (var thread in new[] { "wheel", "receive", "scripts", "http", "other", "capture" })
        {
            Assert.True(run.GetProperty("threads").GetProperty(thread).TryGetProperty("cpuNs", out _), thread);
        }

        Assert.True(run.TryGetProperty("nsPerTelegramSent", out _));
        var stalls = root.GetProperty("ownStalls");
        Assert.Equal(1, stalls.GetProperty("stretches").GetInt64());
        Assert.Equal(31 * Ms, stalls.GetProperty("totalNs").GetInt64());
        Assert.Equal(1, stalls.GetProperty("bySource").GetProperty("wheel").GetProperty("count").GetInt64());
        Assert.Equal(0, root.GetProperty("selfInflicted").GetProperty("pdTimeouts").GetInt64());
        Assert.False(root.GetProperty("selfInflicted").GetProperty("inVerdicts").GetBoolean());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
        Assert.Equal(0, root.GetProperty("totals").GetProperty("selfTimeouts").GetInt64());
    }

    [Fact]
    public void TheTableSaysWhichWaitRanWhatItCostAndHowLongTrdpsimWasStalled()
    {
        var text = SummaryTable.Format(SummaryWithAStall(), 200);

        Assert.Contains("engine: efficient wait", text, StringComparison.Ordinal);
        Assert.Contains("spin window", text, StringComparison.Ordinal);
        Assert.Contains("segmented sends auto (96.0 % of datagrams; paused while a packet capture was open; 90.0 % of received ones read whole)",
            text, StringComparison.Ordinal);
        Assert.Contains("cpu (run", text, StringComparison.Ordinal);
        Assert.Contains("wheel ", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim was stalled", text, StringComparison.Ordinal);
        Assert.Contains("in 1 stretch (longest", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveBuffersTheKernelCappedAreNamedWithTheWayToLiftTheCap()
    {
        var summary = SummaryWithAStall(Engine() with { ReceiveBuffers = new ReceiveBufferSummary(4 << 20, 212_992, 6, 4) });
        var text = SummaryTable.Format(summary, 400);

        Assert.Contains("receive buffers 208 KiB (4.0 MiB asked)", text, StringComparison.Ordinal);
        Assert.Contains("warning: 4 of 6 sockets got a receive buffer of 208 KiB, not the 4.0 MiB asked: net.core.rmem_max caps it", text, StringComparison.Ordinal);
        Assert.Contains("sysctl -w net.core.rmem_max=4194304", text, StringComparison.Ordinal);
        using var json = Json(summary);
        var engine = json.RootElement.GetProperty("engine");
        Assert.Equal(4 << 20, engine.GetProperty("receiveBufferAskedBytes").GetInt32());
        Assert.Equal(212_992, engine.GetProperty("receiveBufferGrantedBytes").GetInt32());
        Assert.Equal(4, engine.GetProperty("receiveBufferCappedSockets").GetInt32());
    }

    [Fact]
    public void ReceiveBuffersGrantedInFullGetNoWarning()
    {
        var text = SummaryTable.Format(SummaryWithAStall(), 400);

        Assert.Contains("receive buffers 4.0 MiB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rmem_max", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsCarryProcessAndThreadCpuAndTheStalls()
    {
        var exporter = new PrometheusExporter(TelemetryWithAStall());
        using var stream = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains("trdpsim_process_cpu_seconds_total{mode=\"user\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_thread_cpu_seconds_total{thread=\"wheel\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_thread_run_queue_wait_seconds_total{thread=\"receive\"}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_stalls_total{source=\"wheel\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_stalled_seconds_total 0.031", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_self_inflicted_samples_total{kind=\"jitter\"} 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsSayHowLongTheCollectorHeldTheThreads()
    {
        var exporter = new PrometheusExporter(TelemetryWithAStall());
        using var stream = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        // A pause stops the wheel like a stall does: the live fan-out benchmark reads it per phase.
        var line = text.Split('\n').Single(l => l.StartsWith("trdpsim_gc_pause_seconds_total ", StringComparison.Ordinal));
        Assert.True(double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public void LateSendsWhileTheWheelWaitedForACpuAreBlamedOnTheHost()
    {
        var telemetry = new RunTelemetry("busy-host");
        telemetry.AddGroup("A", "out", TelegramRole.Publish, 1).AddInstance();
        telemetry.SendLateness.Record(3 * Ms, 1000); // p99 3 ms
        var start = Sample(0, wheelWait: 0, otherBusy: 0);
        var end = Sample(1_000 * Ms, wheelWait: 150 * Ms, otherBusy: 900 * Ms);
        var summary = RunSummary.Capture(telemetry, TimeSpan.FromSeconds(1))
            .WithProcess(new ProcessSample(0, 0, 0, 0, 0, 0, DateTime.UtcNow) { Cpu = start }, 0, new ProcessSample(0, 0, 0, 0, 0, 0, DateTime.UtcNow) { Cpu = end });

        var warning = Assert.Single(HostBottleneck.Assess(summary));
        Assert.Contains("the host is the bottleneck", warning, StringComparison.Ordinal);
        Assert.Contains("send lateness p99", warning, StringComparison.Ordinal);
        Assert.Contains("the wheel thread waited 15.0 %", warning, StringComparison.Ordinal);
        Assert.Contains("other processes used", warning, StringComparison.Ordinal);
        Assert.Contains("warning: the host is the bottleneck", SummaryTable.Format(summary, 400), StringComparison.Ordinal);
    }

    [Fact]
    public void ACleanRunHasNoWarning()
    {
        var telemetry = new RunTelemetry("clean");
        telemetry.SendLateness.Record(50_000, 1000);
        var summary = RunSummary.Capture(telemetry, TimeSpan.FromSeconds(1))
            .WithProcess(new ProcessSample { Cpu = Sample(0, 0, 0) }, 0, new ProcessSample { Cpu = Sample(1_000 * Ms, 150 * Ms, 900 * Ms) });
        Assert.Empty(HostBottleneck.Assess(summary));
    }

    /// <summary>A CPU sample at <paramref name="at"/>: the process used 10 % of a core, the wheel waited
    /// <paramref name="wheelWait"/> in total, the machine was busy with other work for <paramref name="otherBusy"/>.</summary>
    private static CpuSample Sample(long at, long wheelWait, long otherBusy)
    {
        var cpu = new long[CpuSample.Consumers];
        var wait = new long[CpuSample.Consumers];
        cpu[(int)CpuConsumer.Wheel] = at / 10;
        wait[(int)CpuConsumer.Wheel] = wheelWait;
        return new CpuSample(at, at / 10, 0, cpu, wait, (at / 10) + otherBusy, 0, 2 * at, 2);
    }
}
