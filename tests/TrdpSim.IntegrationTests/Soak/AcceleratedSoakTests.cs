using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Records;
using TrdpSim.Records.Analysis;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Soak;

/// <summary>An accelerated soak: a run at a steady rate (PD and MD, in-memory transport, sized for a shared 2-core
/// CI machine) for 150 s, recorded into the run store with 5-second intervals; after the warm-up, resident memory,
/// the managed heap, open file descriptors, threads and lateness must show no growth trend.</summary>
/// <remarks>
/// The trend is the Theil-Sen slope (<see cref="TrendSlope"/>) over the full intervals after the first 60 s (the
/// warm-up: pages touched for the first time, the first gen0 budget filled), so one GC step or one late interval
/// does not decide it; the last, partial interval is the shutdown and is left out. Tolerances, and why: resident
/// memory may grow by at most 96 MiB per hour extrapolated and the managed heap by 32 MiB per hour — ninety
/// seconds cannot resolve the few MiB per hour of a long soak (a single 1 MiB page-in step already reads as
/// 40 MiB/h; resolving those is the job of tools/soak/long-soak.sh), but at ≈ 10,000 telegrams/s a leak of 3 bytes
/// per telegram (or 130 bytes per MD transaction at 200/s) exceeds it; file
/// descriptors and threads must not rise at all (± 2 for the runtime's own pool threads); the median wheel p99
/// of the last third of the run may not exceed that of the first third by more than 3× + 1 ms (a shared machine
/// has noisy neighbours; a queue that grows without bound rises far more).
/// </remarks>
[Collection(ChildProcessCollection.Name)]
public sealed class AcceleratedSoakTests : IDisposable
{
    private const string Plan = """
        [run]
        name = "accelerated-soak"

        [network]
        transport = "in-memory"

        [[device]]
        name = "src"
        address = "10.77.0.2"

          [[device.publish]]
          name = "bulk"
          com-id = 5000
          count = 100
          cycle = "10ms"
          destination = "10.77.0.3"
          payload-length = 64

          [[device.md-call]]
          name = "query"
          com-id = 5100
          destination = "10.77.0.3"
          rate = 200
          reply-timeout = "500ms"
          payload-length = 16

        [[device]]
        name = "dst"
        address = "10.77.0.3"

          [[device.subscribe]]
          name = "bulk-in"
          com-id = 5000
          count = 100
          timeout = "1s"

          [[device.md-reply]]
          name = "answer"
          com-id = 5100
          payload-length = 16
        """;

    private readonly CliFiles _files = new();

    [Fact]
    public async Task MemoryDescriptorsThreadsAndLatenessShowNoGrowthTrend()
    {
        string store = _files.PathOf("store");
        string plan = _files.Write("soak.toml", Plan);
        TrdpSimResult run = await TrdpSimProcess.RunAsync(
            ["run", plan, "--duration", "150s", "--interval", "5s", "--no-progress", "--metrics", "off", "--data-dir", store], waitFor: null, signal: null, limit: TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, run.ToString());

        RunRecord record = RunStore.Open(store).Load("latest");
        // Intervals after the warm-up that end before the run's 150 s: the duration counts from the host's start, so
        // the interval ending at 150 s ends with the stop (threads exiting) and a short last one holds the shutdown.
        List<ProcessRow> steady = [.. record.Process.Where(p => p.EndMilliseconds > 60_000 && p.EndMilliseconds < 149_000)];
        Assert.True(steady.Count >= 15, $"{steady.Count} intervals after the warm-up");
        double[] hours = [.. steady.Select(p => p.EndMilliseconds / 3_600_000.0)];
        const double MiB = 1024 * 1024;
        double rssPerHour = TrendSlope.TheilSen(hours, [.. steady.Select(p => p.ResidentBytes / MiB)]);
        double heapPerHour = TrendSlope.TheilSen(hours, [.. steady.Select(p => p.HeapBytes / MiB)]);
        string figures = string.Join('\n', steady.Select(p => FormattableString.Invariant(
            $"{p.EndMilliseconds / 1000.0,6:0} s  rss {p.ResidentBytes / MiB,6:0.0} MiB  heap {p.HeapBytes / MiB,6:0.0} MiB  fds {p.OpenFiles}  threads {p.Threads}  gen0/1/2 {p.Gen0}/{p.Gen1}/{p.Gen2}  wheel p99 {p.WheelP99 / 1000.0:0} µs")));
        File.WriteAllText(Path.Combine(ArtifactsDirectory(), "accelerated-soak.txt"),
            FormattableString.Invariant($"RSS trend {rssPerHour:+0.0;-0.0} MiB/h, heap trend {heapPerHour:+0.0;-0.0} MiB/h\n") + figures + "\n");

        Assert.True(rssPerHour < 96, FormattableString.Invariant($"RSS grows {rssPerHour:0.0} MiB/h after the warm-up:\n{figures}"));
        Assert.True(heapPerHour < 32, FormattableString.Invariant($"the managed heap grows {heapPerHour:0.0} MiB/h after the warm-up:\n{figures}"));
        Assert.True(steady.Max(p => p.OpenFiles) - steady.Min(p => p.OpenFiles) <= 2, "open file descriptors changed:\n" + figures);
        Assert.True(steady.Max(p => p.Threads) - steady.Min(p => p.Threads) <= 2, "threads changed:\n" + figures);
        int third = steady.Count / 3;
        double early = MannWhitney.Median([.. steady.Take(third).Select(p => (double)p.WheelP99)]);
        double late = MannWhitney.Median([.. steady.Skip(steady.Count - third).Select(p => (double)p.WheelP99)]);
        Assert.True(late <= (3 * early) + 1_000_000, FormattableString.Invariant($"wheel p99 rose from {early / 1000:0} µs to {late / 1000:0} µs:\n{figures}"));

        // Every telegram group kept flowing to the end: the last full interval still carries traffic.
        IntervalRow lastFull = record.Series[0][^2];
        Assert.True(lastFull[IntervalColumns.Sent] > 0, "the publications stopped sending before the end");
    }

    private static string ArtifactsDirectory()
    {
        string artefacts = RepositoryRoot.Of("artifacts", "soak");
        Directory.CreateDirectory(artefacts);
        return artefacts;
    }

    public void Dispose() => _files.Dispose();
}
