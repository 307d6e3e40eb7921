using TrdpSim.Records;
using TrdpSim.Records.Analysis;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>Fault impact: a figure that leaves its calm band while a fault acts is attributed to it with its
/// change and its recovery time after the fault ended; figures that stay calm are not.</summary>
public sealed class FaultImpactTests
{
    private static List<MetricPoint> Series(params double[] values) =>
        [.. values.Select((v, i) => new MetricPoint(i * 1000L, (i + 1) * 1000L, v))];

    [Fact]
    public void LossDuringAFaultIsAttributedWithItsRecoveryTime()
    {
        // Calm 0 % for 5 s, 30 % while the fault acts (5 s … 7 s), one interval still high after it, then calm.
        List<MetricPoint> loss = Series(0, 0, 0, 0, 0, 0.3, 0.3, 0.1, 0, 0);
        ImpactRow? row = FaultImpact.Judge("fault f", 5000, 7000, "b/in (subscribe)", IntervalMetric.Loss, loss);
        Assert.NotNull(row);
        Assert.Equal(0, row.Before);
        Assert.Equal(0.3, row.During, 6);
        Assert.Equal(2000, row.RecoveryMilliseconds); // back in band at the end of the interval 8 s … 9 s
        Assert.Equal("calm before", row.Note);
    }

    [Fact]
    public void AFigureThatStaysInItsBandIsNotAttributed()
    {
        List<MetricPoint> loss = Series(0, 0.00001, 0, 0.00002, 0, 0.00001, 0, 0);
        Assert.Null(FaultImpact.Judge("fault f", 4000, 6000, "b/in (subscribe)", IntervalMetric.Loss, loss));
    }

    [Fact]
    public void AFaultToTheEndOfTheRunHasNoRecovery()
    {
        List<MetricPoint> loss = Series(0, 0, 0, 0.5, 0.5);
        ImpactRow? row = FaultImpact.Judge("fault f", 3000, null, "b/in (subscribe)", IntervalMetric.Loss, loss);
        Assert.NotNull(row);
        Assert.Null(row.RecoveryMilliseconds);
        Assert.Contains("lasted to the end of the run", row.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void FaultWindowsPairStartsWithTheirEnds()
    {
        var events = new List<StoredEvent>
        {
            new(1000, DateTime.UtcNow, StoredEventKinds.FaultStart, "fault", "f", "loss on a/out"),
            new(2000, DateTime.UtcNow, StoredEventKinds.Control, "scenario:s", "a/out", "silence"),
            new(3000, DateTime.UtcNow, StoredEventKinds.FaultEnd, "fault", "f", "loss repaired, 5 strikes"),
            new(4000, DateTime.UtcNow, StoredEventKinds.Control, "scenario:s", "a/out", "unsilence"),
        };
        var record = new RunRecord(
            Run: new StoredRun("r", "p", "k", RunState.Completed, DateTime.UtcNow, null, null, null, 1000, 0, null, 1, "v", "c"),
            CommandLineJson: "[]", ParametersJson: "[]", HostJson: "{}", Inputs: [], Groups: [], Series: [], Process: [], Rejects: [],
            Events: events, Thresholds: [], ThresholdStates: []);
        var windows = FaultImpact.Windows(record);
        Assert.Equal(("fault f (loss on a/out)", 1000L, (long?)3000), windows[0]);
        Assert.Equal(("scenario:s: silence on a/out", 2000L, (long?)4000), windows[1]);
        Assert.Equal(("scenario:s: unsilence on a/out", 4000L, (long?)null), windows[2]);
    }
}
