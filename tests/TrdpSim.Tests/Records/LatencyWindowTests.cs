using TrdpSim.Telemetry;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>A latency window holds the samples since its last take only (an interval's percentiles), while the
/// recorder's cumulative view keeps them all.</summary>
public sealed class LatencyWindowTests
{
    [Fact]
    public void EachTakeHoldsOnlyTheSamplesSinceThePreviousOne()
    {
        var recorder = new LatencyRecorder();
        LatencyWindow window = recorder.OpenWindow();
        for (int i = 0; i < 100; i++)
        {
            recorder.Record(1_000_000);
        }

        LatencySnapshot first = window.Take();
        Assert.Equal(100, first.Count);
        Assert.InRange(first.P99, 990_000, 1_010_000);

        for (int i = 0; i < 10; i++)
        {
            recorder.Record(50_000);
        }

        LatencySnapshot second = window.Take();
        Assert.Equal(10, second.Count);
        Assert.InRange(second.Max, 49_000, 51_000);
        Assert.Equal(0, window.Take().Count);
        Assert.Equal(110, recorder.Refresh().Count);
    }

    [Fact]
    public void TwoWindowsDoNotEmptyEachOther()
    {
        var recorder = new LatencyRecorder();
        LatencyWindow a = recorder.OpenWindow();
        LatencyWindow b = recorder.OpenWindow();
        recorder.Record(2_000);
        Assert.Equal(1, a.Take().Count);
        recorder.Record(3_000);
        Assert.Equal(2, b.Take().Count);
        Assert.Equal(1, a.Take().Count);
    }
}
