using Prometheus;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Reporting;

/// <summary>Send lateness, jitter, round trips and wheel lateness as Prometheus histograms: buckets from µs to s,
/// counts and sums that follow the recorders, telegrams beyond the labelled ones merged into <c>_other</c>,
/// and no garbage per scrape.</summary>
public sealed class LatencyHistogramTests
{
    [Fact]
    public void SamplesLandInTheirBucketsWithCountAndSum()
    {
        var telemetry = new RunTelemetry("h");
        var group = telemetry.AddGroup("a", "out", TelegramRole.Publish, 1000);
        group.AddInstance();
        var exporter = new PrometheusExporter(telemetry);
        group.Lateness.Record(3_000);        // 3 µs   -> le 5e-06
        group.Lateness.Record(3_000);
        group.Lateness.Record(700_000);      // 700 µs -> le 0.001
        group.Lateness.Record(20_000_000_000); // 20 s -> +Inf

        var text = Scrape(exporter);
        const string series = "trdpsim_pd_send_lateness_distribution_seconds";
        const string labels = "device=\"a\",telegram=\"out\",role=\"publish\"";
        Assert.Contains($"{series}_bucket{{{labels},le=\"2.5e-06\"}} 0", text, StringComparison.Ordinal);
        Assert.Contains($"{series}_bucket{{{labels},le=\"5e-06\"}} 2", text, StringComparison.Ordinal);
        Assert.Contains($"{series}_bucket{{{labels},le=\"0.001\"}} 3", text, StringComparison.Ordinal);
        Assert.Contains($"{series}_bucket{{{labels},le=\"10\"}} 3", text, StringComparison.Ordinal);
        Assert.Contains($"{series}_bucket{{{labels},le=\"+Inf\"}} 4", text, StringComparison.Ordinal);
        Assert.Contains($"{series}_count{{{labels}}} 4", text, StringComparison.Ordinal);
        var sum = double.Parse(Line(text, $"{series}_sum{{{labels}}}").Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(20.000706, sum, 0.2); // ±1 % per sample (HdrHistogram precision)

        // The next scrape adds only what came since.
        group.Lateness.Record(3_000);
        text = Scrape(exporter);
        Assert.Contains($"{series}_bucket{{{labels},le=\"5e-06\"}} 3", text, StringComparison.Ordinal);
        Assert.Contains($"{series}_count{{{labels}}} 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesRecordedBeforeTheExporterExistedAreCounted()
    {
        var telemetry = new RunTelemetry("h");
        var group = telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000);
        group.AddInstance();
        group.Jitter.Record(40_000);
        group.Jitter.Refresh(); // folded by another reader (the progress line) before the exporter came
        var text = Scrape(new PrometheusExporter(telemetry));
        Assert.Contains("trdpsim_pd_jitter_distribution_seconds_bucket{device=\"b\",telegram=\"in\",role=\"subscribe\",le=\"5e-05\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TelegramsBeyondTheLabelledOnesShareOneOtherHistogram()
    {
        var telemetry = new RunTelemetry("h");
        for (var i = 0; i < PrometheusExporter.MaxLabelledGroups + 3; i++)
        {
            var group = telemetry.AddGroup("d", "t" + i, TelegramRole.Publish, (uint)i);
            group.AddInstance();
            group.Lateness.Record(1_500_000);
        }

        var text = Scrape(new PrometheusExporter(telemetry));
        Assert.Contains("trdpsim_pd_send_lateness_distribution_seconds_count{device=\"_other\",telegram=\"_other\",role=\"publish\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_send_lateness_distribution_seconds_bucket{device=\"d\",telegram=\"t0\",role=\"publish\",le=\"0.0025\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWheelAndMdHaveHistogramsAndTheProcessItsCpu()
    {
        var telemetry = new RunTelemetry("h");
        var caller = telemetry.AddMdGroup(new MdGroup("a", "ask", MdRole.Caller, 2000, "udp request"));
        telemetry.WheelLateness.Record(12_000);
        caller.Latency.Record(2_000_000);
        var text = Scrape(new PrometheusExporter(telemetry));
        Assert.Contains("trdpsim_wheel_lateness_distribution_seconds_bucket{le=\"2.5e-05\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_md_latency_distribution_seconds_bucket{device=\"a\",name=\"ask\",role=\"caller\",le=\"0.0025\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_process_cpu_seconds_total{mode=\"user\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMeanOnABucketBoundStaysInsideItsBucket()
    {
        Assert.Equal(1e-6, LatencyHistogramSeries.InsideBucket(1.0000001e-6, 0));
        Assert.True(LatencyHistogramSeries.InsideBucket(1e-6, 1) > 1e-6);
        Assert.Equal(LatencyBuckets.Count - 1, LatencyBuckets.IndexOf(11_000_000_000));
        Assert.Equal(0, LatencyBuckets.IndexOf(1_000));
        Assert.Equal(1, LatencyBuckets.IndexOf(1_001));
    }

    [Fact]
    public void AScrapeWithBusyHistogramsAllocatesNoMoreThanBefore()
    {
        var telemetry = new RunTelemetry("scrape");
        var groups = new List<TelegramGroup>();
        for (var i = 0; i < 10; i++)
        {
            var group = telemetry.AddGroup("device", "telegram-" + i, i % 2 == 0 ? TelegramRole.Publish : TelegramRole.Subscribe, (uint)i);
            group.AddInstance();
            groups.Add(group);
        }

        var exporter = new PrometheusExporter(telemetry);
        using var text = new MemoryStream(256 * 1024);
        void Scrape()
        {
            text.SetLength(0);
            exporter.Registry.CollectAndExportAsTextAsync(text).GetAwaiter().GetResult();
        }

        var value = 1_000L;
        void Record()
        {
            foreach (var group in groups)
            {
                for (var s = 0; s < 50; s++)
                {
                    value = (value * 7 % 50_000_000) + 1_000;
                    (group.Role == TelegramRole.Subscribe ? group.Jitter : group.Lateness).Record(value);
                }
            }
        }

        // What the rest of a scrape allocates (CPU samples, label lookups …) is ScrapeAllocationTests' business,
        // and it varies with the test host's thread count (per-thread CPU is read from /proc), which other tests
        // change while this one runs. So each busy scrape is paired with an idle one taken right before it, and the
        // fewest extra bytes over several pairs is the histograms' share — folding and observing the new samples —
        // which must be nothing.
        Record();
        Scrape();
        Scrape();
        long fewestExtra = long.MaxValue, busy = 0, idle = 0;
        for (var pair = 0; pair < 5 && fewestExtra >= 1024; pair++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Scrape(); // nothing new for the histograms to observe
            var afterIdle = GC.GetAllocatedBytesForCurrentThread();
            Record();
            Scrape();
            var afterBusy = GC.GetAllocatedBytesForCurrentThread();
            (idle, busy) = (afterIdle - before, afterBusy - afterIdle);
            fewestExtra = Math.Min(fewestExtra, busy - idle);
        }

        Assert.True(fewestExtra < 1024, $"a scrape with new samples allocated {busy} bytes, one without {idle}");
    }

    private static string Scrape(PrometheusExporter exporter)
    {
        using var stream = new MemoryStream();
        exporter.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Line(string text, string prefix) =>
        text.Split('\n').Single(l => l.StartsWith(prefix + " ", StringComparison.Ordinal));
}
