namespace TrdpSim.Tests.Pipeline;

/// <summary>A frame the socket refused in the middle of a batch is skipped and the rest still goes, so the frames that
/// left are not always the first ones: each frame's owner hears its own outcome, the recording sees only what left,
/// and send lateness is recorded only for what left.</summary>
public sealed class SendOutcomeTests
{
    [Fact]
    public void EachFrameOfABatchHearsItsOwnOutcome()
    {
        var transport = new InMemoryUdpTransport { Refuse = (_, _, payload) => payload[0] == 2 };
        using var endpoint = transport.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.LoopbackAddress });
        var tap = new SeenFrames();
        var all = new LatencyRecorder();
        var port = new SendPort(endpoint, new SendQueue(), all) { Tap = tap };
        var owners = new[] { new Owner(), new Owner(), new Owner() };
        var destination = new Ip4Endpoint(Ip4Endpoint.LoopbackAddress + 1, 17224);
        long intended = MonotonicClock.NowNanoseconds();
        for (var i = 0; i < owners.Length; i++)
        {
            var frame = GC.AllocateArray<byte>(32, pinned: true);
            frame[0] = (byte)(i + 1);
            port.Enqueue(owners[i], frame, frame.Length, destination, intended);
        }

        port.Flush();

        Assert.Equal([true, false, true], owners.Select(o => o.Accepted));
        Assert.Equal([(byte)1, (byte)3], tap.FirstBytes);
        Assert.Equal(2, all.Refresh().Count);
        Assert.Equal(2, owners.Sum(o => o.Lateness.Refresh().Count));
        Assert.Equal(0, owners[1].Lateness.Refresh().Count);
    }

    private sealed class Owner : ISentFrameOwner
    {
        public bool? Accepted { get; private set; }

        public LatencyRecorder Lateness { get; } = new();

        public LatencyRecorder? SendLateness => Lateness;

        public void OnSent(bool accepted, long sentNanoseconds) => Accepted = accepted;
    }

    private sealed class SeenFrames : IFrameTap
    {
        public List<byte> FirstBytes { get; } = [];

        public void OnFrame(ReadOnlySpan<byte> frame, Ip4Endpoint source, Ip4Endpoint destination, long timestampNanoseconds) =>
            FirstBytes.Add(frame[0]);
    }
}
