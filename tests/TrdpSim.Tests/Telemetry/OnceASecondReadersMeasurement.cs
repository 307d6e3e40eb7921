using Microsoft.Extensions.Logging.Abstractions;
using TrdpSim.Events;
using TrdpSim.Records;
using TrdpSim.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TrdpSim.Tests.Telemetry;

/// <summary>What each reader that samples a run every second (or every 100 ms, every scrape, every interval)
/// allocates per call, printed: how much garbage a steady run makes besides its telegrams, and where
/// (<c>bench/RESULTS.md</c> §12). Runs only with <c>TRDPSIM_MANUAL=1</c>
/// (<c>dotnet test --filter "FullyQualifiedName~OnceASecondReadersMeasurement" --logger "console;verbosity=detailed"</c>).</summary>
public sealed class OnceASecondReadersMeasurement(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Manual")]
    public void BytesPerCallOfEachReader()
    {
        if (Environment.GetEnvironmentVariable("TRDPSIM_MANUAL") != "1")
        {
            return;
        }

        var telemetry = new RunTelemetry("probe");
        for (var i = 0; i < 12; i++)
        {
            telemetry.AddGroup("device", "telegram-" + i, i % 2 == 0 ? TelegramRole.Publish : TelegramRole.Subscribe, (uint)i).AddInstance();
        }

        using var bus = new RunEventBus();
        using var live = new LiveTelemetry(telemetry, bus, new LiveTelemetryOptions(), NullLogger.Instance, 10_000_000);
        long now = 1_000_000_000;
        var line = new ProgressLine();
        output.WriteLine($"this process: {Directory.GetDirectories("/proc/self/task").Length} threads, {Directory.GetFileSystemEntries("/proc/self/fd").Length} open files");
        Measure("ResidentMemory.Bytes", () => ResidentMemory.Bytes());
        Measure("CpuSample.Take", () => CpuSample.Take());
        Measure("ProcessSample.Take", () => ProcessSample.Take());
        Measure("GcHeapFigures.Take", () => GcHeapFigures.Take());
        Measure("UdpReceiveDrops.Read", () => UdpReceiveDrops.Read());
        Measure("ProcessFiguresReader.OpenFiles", () => ProcessFiguresReader.OpenFiles());
        Measure("ProcessFiguresReader.Threads", () => ProcessFiguresReader.Threads());
        Measure("ProcessFiguresReader.Read", () => ProcessFiguresReader.Read(telemetry, default, 0));
        Measure("SelfMonitor.Check", () => live.Monitor.Check(now += 1_000_000_000));
        Measure("LiveTelemetry.Tick (100 ms, unwatched)", () => live.Tick(now += 100_000_000));
        Measure("progress line", () => line.Next(telemetry, TimeSpan.FromSeconds(now / 1e9)));
    }

    private void Measure(string what, Action read, int n = 10)
    {
        long bytes = SteadyAllocation.Fewest(() =>
        {
            for (var i = 0; i < n; i++)
            {
                read();
            }
        });
        output.WriteLine($"{what}: {bytes / n} B/call");
    }
}
