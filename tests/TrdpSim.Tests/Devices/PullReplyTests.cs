using System.Buffers.Binary;
using TrdpSim.Protocol;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Devices;

/// <summary>Pull requests and their replies on the deterministic in-memory harness: what a 'Pp' carries.</summary>
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
}
