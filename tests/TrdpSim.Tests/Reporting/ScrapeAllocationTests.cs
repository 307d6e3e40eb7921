using Prometheus;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Reporting;

/// <summary>A <c>/metrics</c> scrape is most of what a steady soak run allocates, so its garbage has a budget.</summary>
public sealed class ScrapeAllocationTests
{
    [Fact]
    public void AScrapeOfTenTelegramsAllocatesUnder32KiB()
    {
        var telemetry = new RunTelemetry("scrape");
        for (var i = 0; i < 10; i++)
        {
            telemetry.AddGroup("device", "telegram-" + i, i % 2 == 0 ? TelegramRole.Publish : TelegramRole.Subscribe, (uint)i).AddInstance();
        }

        var exporter = new PrometheusExporter(telemetry);
        using var text = new MemoryStream(64 * 1024);

        // On a MemoryStream the export completes synchronously, on this thread.
        long allocated = SteadyAllocation.Fewest(() =>
        {
            text.SetLength(0);
            exporter.Registry.CollectAndExportAsTextAsync(text).GetAwaiter().GetResult();
        });

        // The per-thread CPU read walks /proc/self/task: its garbage grows with the threads of the process, which in
        // a test host depends on what ran before (Kestrel, thread-pool growth), so it is measured apart and left out.
        long cpuRead = SteadyAllocation.Fewest(() => CpuSample.Take());

        Assert.True(text.Length > 10_000, $"only {text.Length} bytes of metrics");
        Assert.True(allocated - cpuRead < 32 * 1024,
            $"a scrape allocated {allocated} bytes, {cpuRead} of them in the per-thread CPU read (the resident-memory read or a label lookup allocating again?)");
    }
}
