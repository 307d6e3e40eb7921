using TrdpSim.Devices;

namespace TrdpSim.Tests.Devices;

public sealed class SequenceTrackerTests
{
    private const uint First = 0x7F000002;
    private const uint Second = 0x7F000003;

    /// <summary>The sequence of pd-receiver-checks.pcap frames that reach the sequence rule, with TCNopen's verdicts.</summary>
    [Fact]
    public void FollowsTcnopenVerdictsFromReceiverChecksCapture()
    {
        var tracker = new SequenceTracker();
        (uint Source, uint Seq, SequenceVerdict Verdict)[] steps =
        [
            (First, 10, SequenceVerdict.Accepted),
            (First, 10, SequenceVerdict.Duplicate),
            (First, 9, SequenceVerdict.OutOfOrder),
            (First, 11, SequenceVerdict.Accepted),
            (First, 14, SequenceVerdict.Accepted),   // frame 7 (0x01FF version)
            (First, 15, SequenceVerdict.Accepted),   // frame 8 ('Pe')
            (First, 19, SequenceVerdict.Accepted),   // frame 12
            (First, 20, SequenceVerdict.Accepted),   // frame 13
            (First, 0, SequenceVerdict.Accepted),    // frame 14: restart
            (First, 5, SequenceVerdict.Accepted),
            (First, 0xFFFFFFFF, SequenceVerdict.Accepted),
            (First, 0, SequenceVerdict.Accepted),    // wrap via the restart rule
            (Second, 1, SequenceVerdict.Accepted),   // separate state per source
            (First, 1, SequenceVerdict.Accepted),
            (First, 2, SequenceVerdict.Accepted),
            (First, 3, SequenceVerdict.Accepted),
        ];

        var now = 1L;
        foreach (var (source, seq, verdict) in steps)
        {
            Assert.Equal(verdict, tracker.Check(source, false, seq, now++, out _, out _));
        }
    }

    [Fact]
    public void CountsGapsAsLostButNotAcrossARestart()
    {
        var tracker = new SequenceTracker();
        tracker.Check(First, false, 1, 1, out var lost, out _);
        Assert.Equal(0, lost);
        tracker.Check(First, false, 5, 2, out lost, out _);
        Assert.Equal(3, lost);
        tracker.Check(First, false, 0, 3, out lost, out _);
        Assert.Equal(0, lost);
        tracker.Check(First, false, 1, 4, out lost, out _);
        Assert.Equal(0, lost);
    }

    [Fact]
    public void TracksPullRepliesApartFromCyclicTelegrams()
    {
        var tracker = new SequenceTracker();
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, false, 100, 1, out _, out _));
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, true, 0, 2, out _, out _));
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, true, 1, 3, out _, out _));
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, false, 101, 4, out var lost, out _));
        Assert.Equal(0, lost);
    }

    [Fact]
    public void ResetAcceptsALowerCounterAfterTimeout()
    {
        var tracker = new SequenceTracker();
        tracker.Check(First, false, 100, 1, out _, out _);
        tracker.Reset();
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, false, 5, 2, out var lost, out var previous));
        Assert.Equal(0, lost);
        Assert.Equal(0, previous);
    }

    [Fact]
    public void ReportsPreviousArrivalForJitter()
    {
        var tracker = new SequenceTracker();
        tracker.Check(First, false, 1, 1_000, out _, out var previous);
        Assert.Equal(0, previous);
        tracker.Check(First, false, 2, 2_000, out _, out previous);
        Assert.Equal(1_000, previous);
    }

    [Fact]
    public void GrowsBeyondItsInitialSourceCapacity()
    {
        var tracker = new SequenceTracker();
        for (uint source = 1; source <= 100; source++)
        {
            Assert.Equal(SequenceVerdict.Accepted, tracker.Check(source, false, 7, 1, out _, out _));
        }

        for (uint source = 1; source <= 100; source++)
        {
            Assert.Equal(SequenceVerdict.Duplicate, tracker.Check(source, false, 7, 2, out _, out _));
        }
    }
}
