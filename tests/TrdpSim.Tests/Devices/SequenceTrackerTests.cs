namespace TrdpSim.Tests.Devices;

public sealed class SequenceTrackerTests
{
    private const uint First = 0x7F000002;
    private const uint Second = 0x7F000003;
    private const long Cycle = 10_000_000;

    /// <summary>The sequence of pd-receiver-checks.pcap frames that reach the sequence rule, with TCNopen's verdicts.</summary>
    [Fact]
    public void FollowsTcnopenVerdictsFromReceiverChecksCapture()
    {
        var tracker = new SequenceTracker();
        (uint Source, TrdpMessageType Type, uint Seq, SequenceVerdict Verdict)[] steps =
        [
            (First, TrdpMessageType.Pd, 10, SequenceVerdict.Accepted),
            (First, TrdpMessageType.Pd, 10, SequenceVerdict.Duplicate),
            (First, TrdpMessageType.Pd, 9, SequenceVerdict.OutOfOrder),
            (First, TrdpMessageType.Pd, 11, SequenceVerdict.Accepted),
            (First, TrdpMessageType.Pd, 14, SequenceVerdict.Accepted),   // frame 7 (0x01FF version)
            (First, TrdpMessageType.Pe, 15, SequenceVerdict.Accepted),   // frame 8 ('Pe', tracked apart)
            (First, TrdpMessageType.Pd, 19, SequenceVerdict.Accepted),   // frame 12
            (First, TrdpMessageType.Pd, 20, SequenceVerdict.Accepted),   // frame 13
            (First, TrdpMessageType.Pd, 0, SequenceVerdict.Accepted),    // frame 14: restart
            (First, TrdpMessageType.Pd, 5, SequenceVerdict.Accepted),
            (First, TrdpMessageType.Pd, 0xFFFFFFFF, SequenceVerdict.Accepted),
            (First, TrdpMessageType.Pd, 0, SequenceVerdict.Accepted),    // wrap via the restart rule
            (Second, TrdpMessageType.Pd, 1, SequenceVerdict.Accepted),   // separate state per source
            (First, TrdpMessageType.Pd, 1, SequenceVerdict.Accepted),
            (First, TrdpMessageType.Pd, 2, SequenceVerdict.Accepted),
            (First, TrdpMessageType.Pd, 3, SequenceVerdict.Accepted),
        ];

        var now = 1L;
        foreach (var (source, type, seq, verdict) in steps)
        {
            Assert.Equal(verdict, tracker.Check(source, type, seq, now++).Verdict);
        }
    }

    [Fact]
    public void CountsGapsAsLostButNotAcrossARestart()
    {
        var tracker = new SequenceTracker(Cycle);
        Assert.Equal(SequenceContinuity.First, tracker.Check(First, TrdpMessageType.Pd, 1, Cycle).Continuity);
        Assert.Equal(new SequenceResult(SequenceVerdict.Accepted, SequenceContinuity.Continued, 3, Cycle), tracker.Check(First, TrdpMessageType.Pd, 5, 5 * Cycle));
        Assert.Equal(SequenceContinuity.Restarted, tracker.Check(First, TrdpMessageType.Pd, 0, 6 * Cycle).Continuity);
        Assert.Equal(new SequenceResult(SequenceVerdict.Accepted, SequenceContinuity.Continued, 0, 6 * Cycle), tracker.Check(First, TrdpMessageType.Pd, 1, 7 * Cycle));
    }

    [Fact]
    public void WrapFromTheHighestCounterIsAContinuationNotALossOfFourBillion()
    {
        var tracker = new SequenceTracker(Cycle);
        tracker.Check(First, TrdpMessageType.Pd, 0xFFFFFFFE, Cycle);
        Assert.Equal((SequenceContinuity.Continued, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 0xFFFFFFFF, 2 * Cycle)));
        Assert.Equal((SequenceContinuity.Continued, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 0, 3 * Cycle)));

        // With frames lost around the wrap: 0xFFFFFFFD … 0 and 1 missing. TCNopen only accepts 2 after a timeout.
        var lossy = new SequenceTracker(Cycle);
        lossy.Check(First, TrdpMessageType.Pd, 0xFFFFFFFC, Cycle);
        lossy.Reset();
        Assert.Equal((SequenceContinuity.Continued, 5L), Judge(lossy.Check(First, TrdpMessageType.Pd, 2, 7 * Cycle)));
    }

    [Fact]
    public void TimeoutResetsAcceptanceButLossIsStillCountedAcrossIt()
    {
        var tracker = new SequenceTracker(Cycle);
        tracker.Check(First, TrdpMessageType.Pd, 100, Cycle);
        tracker.Reset();
        // The continuing counter after the silence: the 20 counters in between were lost.
        Assert.Equal(new SequenceResult(SequenceVerdict.Accepted, SequenceContinuity.Continued, 20, 0), tracker.Check(First, TrdpMessageType.Pd, 121, 22 * Cycle));
        // The state is live again: a repeat is a duplicate.
        Assert.Equal(SequenceVerdict.Duplicate, tracker.Check(First, TrdpMessageType.Pd, 121, 23 * Cycle).Verdict);
    }

    [Fact]
    public void LowerCounterAfterATimeoutIsAcceptedAsARestart()
    {
        var tracker = new SequenceTracker(Cycle);
        tracker.Check(First, TrdpMessageType.Pd, 100, Cycle);
        tracker.Reset();
        // trdp-wire.md §7.4: after a timeout TCNopen accepted 5 after 100.
        var result = tracker.Check(First, TrdpMessageType.Pd, 5, 2 * Cycle);
        Assert.Equal(new SequenceResult(SequenceVerdict.Accepted, SequenceContinuity.Restarted, 0, 0), result);
    }

    [Fact]
    public void SameCounterAfterATimeoutIsNeitherLossNorRestart()
    {
        var tracker = new SequenceTracker(Cycle);
        tracker.Check(First, TrdpMessageType.Pd, 0, Cycle);
        Assert.Equal((SequenceContinuity.Repeated, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 0, 2 * Cycle))); // a duplicated 0
        tracker.Check(First, TrdpMessageType.Pd, 7, 3 * Cycle);
        tracker.Reset();
        Assert.Equal((SequenceContinuity.Repeated, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 7, 9 * Cycle)));
    }

    [Fact]
    public void GapBeyondWhatTheElapsedTimePermitsIsAJumpNotLoss()
    {
        var tracker = new SequenceTracker(Cycle);
        tracker.Check(First, TrdpMessageType.Pd, 10, Cycle);
        var limit = tracker.MaxCredibleGap(Cycle);
        Assert.Equal(SequenceTracker.GapSlack + SequenceTracker.RateTolerance, limit);
        Assert.Equal((SequenceContinuity.Continued, limit), Judge(tracker.Check(First, TrdpMessageType.Pd, (uint)(10 + limit + 1), 2 * Cycle)));

        var last = (uint)(10 + limit + 1);
        Assert.Equal((SequenceContinuity.Jumped, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, last + (uint)limit + 2, 3 * Cycle)));
        Assert.Equal((SequenceContinuity.Jumped, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 0x80000000, 4 * Cycle)));

        // A long silence permits a long gap: 10 s at 10 ms is up to 16 × 1000 counters (plus the slack).
        tracker.Reset();
        Assert.Equal((SequenceContinuity.Continued, 16_000L), Judge(tracker.Check(First, TrdpMessageType.Pd, 0x80000000 + 16_001, (4 * Cycle) + 10_000_000_000)));
    }

    [Fact]
    public void ZeroFarFromTheWrapIsARestartEvenWhenTheCounterWasHigh()
    {
        var tracker = new SequenceTracker(Cycle);
        tracker.Check(First, TrdpMessageType.Pd, 0x90000000, Cycle);
        Assert.Equal((SequenceContinuity.Restarted, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 0, 2 * Cycle)));
    }

    [Fact]
    public void TracksPullRepliesApartFromCyclicTelegramsAndDoesNotJudgeTheirGaps()
    {
        var tracker = new SequenceTracker(Cycle);
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, TrdpMessageType.Pd, 100, 1).Verdict);
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, TrdpMessageType.Pp, 0, 2).Verdict);
        Assert.Equal((SequenceContinuity.NotJudged, 0L), Judge(tracker.Check(First, TrdpMessageType.Pp, 9, 3)));
        Assert.Equal(SequenceVerdict.Duplicate, tracker.Check(First, TrdpMessageType.Pp, 9, 4).Verdict);
        Assert.Equal((SequenceContinuity.Continued, 0L), Judge(tracker.Check(First, TrdpMessageType.Pd, 101, 5)));
    }

    [Fact]
    public void TracksPullRequestsApartToo()
    {
        var tracker = new SequenceTracker();
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, TrdpMessageType.Pd, 7, 1).Verdict);
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, TrdpMessageType.Pr, 7, 2).Verdict);
        Assert.Equal(SequenceVerdict.Duplicate, tracker.Check(First, TrdpMessageType.Pr, 7, 3).Verdict);
        Assert.Equal(SequenceVerdict.OutOfOrder, tracker.Check(First, TrdpMessageType.Pr, 6, 4).Verdict);
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, TrdpMessageType.Pr, 0, 5).Verdict);
        Assert.Equal(SequenceVerdict.Accepted, tracker.Check(First, TrdpMessageType.Pr, 0, 6).Verdict); // 0 always: "restart"
    }

    [Fact]
    public void ReportsPreviousArrivalForJitterButNotAcrossATimeout()
    {
        var tracker = new SequenceTracker();
        Assert.Equal(0, tracker.Check(First, TrdpMessageType.Pd, 1, 1_000).PreviousArrival);
        Assert.Equal(1_000, tracker.Check(First, TrdpMessageType.Pd, 2, 2_000).PreviousArrival);
        tracker.Reset();
        Assert.Equal(0, tracker.Check(First, TrdpMessageType.Pd, 3, 3_000).PreviousArrival);
    }

    [Fact]
    public void GrowsBeyondItsInitialSourceCapacity()
    {
        var tracker = new SequenceTracker();
        for (uint source = 1; source <= 100; source++)
        {
            Assert.Equal(SequenceVerdict.Accepted, tracker.Check(source, TrdpMessageType.Pd, 7, 1).Verdict);
        }

        for (uint source = 1; source <= 100; source++)
        {
            Assert.Equal(SequenceVerdict.Duplicate, tracker.Check(source, TrdpMessageType.Pd, 7, 2).Verdict);
        }
    }

    private static (SequenceContinuity, long) Judge(SequenceResult result)
    {
        Assert.Equal(SequenceVerdict.Accepted, result.Verdict);
        return (result.Continuity, result.Lost);
    }
}
