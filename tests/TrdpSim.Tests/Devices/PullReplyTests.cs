using System.Buffers.Binary;
using TrdpSim.Protocol;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Devices;

/// <summary>Pull requests and their replies on the deterministic in-memory harness: what a 'Pp' carries and
/// how a requester measures its round trip.</summary>
public sealed class PullReplyTests
{
    /// <summary>Interop finding: a pull-only publication (cycle 0) answered with an all-zero dataset, its
    /// field generators never ran.</summary>
    [Fact]
    public void PullOnlyPublicationAnswersWithGeneratedValuesThatMoveOnWithEveryReply()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        using var h = new FaultHarness(PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50)),
            PullPlans.CollectPullReplies(replies));
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, replies.Count);
        for (var i = 0; i < replies.Count; i++)
        {
            var (header, data) = replies[i];
            Assert.Equal((PullPlans.ReplyComId, (uint)i, 6u), (header.ComId, header.SequenceCounter, header.DatasetLength));
            Assert.Equal(4660u + (uint)i, BinaryPrimitives.ReadUInt32BigEndian(data)); // the counter counts replies
            Assert.Equal(0xBEEF, BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(4)));
        }
    }

    [Fact]
    public void CyclicPublicationPulledBetweenCyclesAnswersWithItsCurrentPayload()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        var cyclic = new List<uint>();
        var collectReplies = PullPlans.CollectPullReplies(replies);
        using var h = new FaultHarness(PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50), cycle: TimeSpan.FromMilliseconds(30)),
            (source, destination, payload) =>
            {
                collectReplies(source, destination, payload);
                if (BinaryPrimitives.ReadUInt16BigEndian(payload[6..]) == (ushort)TrdpMessageType.Pd)
                {
                    cyclic.Add(BinaryPrimitives.ReadUInt32BigEndian(payload[PdFrame.HeaderSize..]));
                }
            });
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, replies.Count);
        foreach (var (_, data) in replies)
        {
            // The payload of the last cycle sent before the pull (none before the first one: the initial zeros).
            var life = BinaryPrimitives.ReadUInt32BigEndian(data);
            Assert.True(life == 0 || cyclic.Contains(life), $"reply life {life} was never sent cyclically");
        }

        Assert.InRange(BinaryPrimitives.ReadUInt32BigEndian(replies[^1].Data), 4660u + 9, 4660u + 10);
        // Pulls do not advance a cyclic publication's generators: its own frames count on without gaps.
        Assert.Equal(Enumerable.Range(4660, cyclic.Count).Select(v => (uint)v), cyclic);
    }

    /// <summary>Interop finding: a quickstart run reported a pull round trip of 1.002 s (interval 1 s): the reply
    /// can arrive before the send call has returned to the wheel thread, and was then measured against the
    /// previous request. Here the reply arrives 200 µs after the request, while the request is still being sent.</summary>
    [Fact]
    public void AReplyArrivingWhileItsRequestIsStillBeingSentIsMeasuredAgainstThatRequest()
    {
        FaultHarness? harness = null;
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));
        plan.Devices.RemoveAt(1); // nobody answers: the test plays the responder from inside the send call
        using var h = harness = new FaultHarness(plan, (_, _, payload) =>
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(payload[6..]) == (ushort)TrdpMessageType.Pr)
            {
                harness!.Run.Devices[0].PullRequesters[0].OnReply(harness.Now + 200_000);
            }
        });
        h.RunFor(TimeSpan.FromMilliseconds(350));

        var group = h.Run.Telemetry.Groups[0];
        var counters = group.Totals();
        Assert.Equal(4, counters.PullRequests);
        Assert.Equal(4, counters.PullReplies);
        var rtt = group.Lateness.Refresh();
        Assert.Equal(4, rtt.Count);
        Assert.InRange(rtt.Max, 199_000, 201_000);
        Assert.InRange(rtt.P50, 199_000, 201_000);
    }

    [Fact]
    public void AReplyAfterThePullTimeoutGivesNoRoundTrip()
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20));
        plan.Devices.RemoveAt(1);
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(10));
        var requester = h.Run.Devices[0].PullRequesters[0];
        Assert.Equal(1, requester.Counters.PullRequests);

        requester.OnReply(h.Now + 50_000_000); // 50 ms after the request, timeout 20 ms
        Assert.Equal(0, requester.Counters.PullReplies);
        Assert.Equal(0, requester.Group.Lateness.Refresh().Count);
        Assert.Equal((1L, 1L, 0L), (requester.Counters.PullLateReplies, requester.Counters.Timeouts, requester.Counters.PullUnmatchedReplies));

        // A second reply for the same request has nothing left to answer.
        requester.OnReply(h.Now + 60_000_000);
        Assert.Equal((1L, 1L), (requester.Counters.PullLateReplies, requester.Counters.PullUnmatchedReplies));
    }

    [Fact]
    public void AnUnansweredPullTimesOutOnceWhenItsTimeoutPasses()
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20));
        plan.Devices.RemoveAt(1);
        using var h = new FaultHarness(plan);
        var requester = h.Run.Devices[0].PullRequesters[0];
        h.RunFor(TimeSpan.FromMilliseconds(20));
        Assert.Equal((0L, 1), (requester.Counters.Timeouts, requester.Waiting));
        h.RunFor(TimeSpan.FromMilliseconds(5)); // the receive loop's sweep notices it, no later request needed
        Assert.Equal((1L, 0), (requester.Counters.Timeouts, requester.Waiting));
        h.RunFor(TimeSpan.FromMilliseconds(275));
        Assert.Equal((3L, 3L, 0L), (requester.Counters.PullRequests, requester.Counters.Timeouts, requester.Counters.PullReplies));
    }

    [Fact]
    public void AnsweredPullsGiveOneRoundTripEachAndNoTimeouts()
    {
        using var h = new FaultHarness(PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)));
        h.RunFor(TimeSpan.FromSeconds(1));

        var pull = h.Run.Telemetry.Groups[0];
        var counters = pull.Totals();
        Assert.Equal(100, counters.PullRequests);
        Assert.Equal(100, counters.PullReplies);
        Assert.Equal((0L, 0L, 0L), (counters.Timeouts, counters.PullLateReplies, counters.PullUnmatchedReplies));
        var rtt = pull.Lateness.Refresh();
        Assert.Equal(100, rtt.Count);
        Assert.InRange(rtt.Max, 0, 2 * FaultHarness.Tick); // the responder answers within the tick it got the request
    }

    [Fact]
    public void AReplyNobodyAskedForIsCountedAsUnmatched()
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(20));
        plan.Devices.RemoveAt(1);
        using var h = new FaultHarness(plan);
        var requester = h.Run.Devices[0].PullRequesters[0];
        h.RunFor(TimeSpan.FromMilliseconds(1));
        requester.OnReply(h.Now);     // answers the first request
        requester.OnReply(h.Now);     // nothing waiting, nothing overdue

        Assert.Equal((1L, 0L, 1L), (requester.Counters.PullReplies, requester.Counters.PullLateReplies, requester.Counters.PullUnmatchedReplies));
        Assert.Equal(1, requester.Group.Lateness.Refresh().Count);
    }

    [Fact]
    public void APullWithoutIntervalOrTimeoutIsAPlanErrorNamingIt()
    {
        // The plan validator judges pulls from every front end, and from plans built in code (no position: named).
        var plan = PullPlans.PullOnlyResponder(TimeSpan.Zero, TimeSpan.Zero);
        var errors = TrdpSim.Plan.Validation.PlanValidator.Validate(plan);
        Assert.Equal(2, errors.Count);
        Assert.Contains("pull 'ask': 'interval' must be at least 1ms", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("pull 'ask': 'timeout' must be positive", errors[1].Message, StringComparison.Ordinal);
    }
}
