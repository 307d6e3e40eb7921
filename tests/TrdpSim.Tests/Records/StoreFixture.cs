using TrdpSim.Records;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;

namespace TrdpSim.Tests.Records;

/// <summary>A run store in a temporary folder, and runs written into it by hand (no live run needed).</summary>
internal sealed class StoreFixture : IDisposable
{
    public StoreFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("trdpsim-store-").FullName;
        Store = RunStore.Open(Directory);
    }

    public string Directory { get; }

    public RunStore Store { get; }

    public static RunStart Start(string name = "plan") => new()
    {
        Name = name,
        Seed = 7,
        Interval = TimeSpan.FromSeconds(1),
        CommandLine = ["run", "plan.toml"],
        Inputs = [new InputFile("plan.toml", "ab", 3)],
        InputContents = [[1, 2, 3]],
        Host = new HostDescription("host", "os", "kernel", "x64", 2, ".NET", false),
        Groups = [new StoredGroup(0, "publish", "a", "out", 1000, 1), new StoredGroup(1, "subscribe", "b", "in", 1000, 1)],
        Thresholds = ["loss < 1%"],
    };

    /// <summary>One interval: group 0 sent <paramref name="sent"/>, group 1 received it less <paramref name="lost"/>;
    /// lateness p99 <paramref name="p99"/> ns.</summary>
    public static IntervalBatch Interval(long sequence, long sent, long lost, long p99)
    {
        var batch = new IntervalBatch(2, 1)
        {
            Sequence = sequence,
            EndMilliseconds = (sequence + 1) * 1000,
            Utc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(sequence + 1),
            Process = new ProcessFigures(50 << 20, 20 << 20, 0, 0, 0, 0, 12, 9, sent, 0, 1000, 2000, 0),
        };
        batch.Counters[IntervalColumns.Sent] = sent;
        batch.Counters[IntervalColumns.Count + IntervalColumns.Received] = sent - lost;
        batch.Counters[IntervalColumns.Count + IntervalColumns.Lost] = lost;
        batch.Latency[0] = new LatencySnapshot(sent, p99 / 2, p99 / 2, p99, p99, p99, p99 / 2);
        batch.ThresholdOk[0] = lost == 0;
        return batch;
    }

    /// <summary>A finished run of <paramref name="intervals"/> intervals.</summary>
    public string Write(int intervals, Func<int, IntervalBatch> interval, string name = "plan")
    {
        RunWriter writer = Store.Begin(Start(name), DateTime.UtcNow);
        for (int i = 0; i < intervals; i++)
        {
            writer.Add(interval(i));
        }

        writer.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, "{}"));
        return writer.Id;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
