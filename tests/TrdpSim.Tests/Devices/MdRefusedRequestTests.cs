using static TrdpSim.Tests.Devices.CraftedMdRig;

namespace TrdpSim.Tests.Devices;

/// <summary>An MD request over UDP that the caller's own socket refused (a full send buffer, no route) never reached
/// the device: the call is the caller's send failure, not a reply timeout that blames the device, and it is not
/// retried — a retry would repeat a request the device never saw (as for a refused TCP request).</summary>
public sealed class MdRefusedRequestTests
{
    private const uint Caller = 0x0A000202;
    private const uint Replier = 0x0A000203;

    private static CraftedMdRig CallerRig(Func<MdHeader, bool> refuse)
    {
        var rig = new CraftedMdRig(OneCallPlan("md-refused", Caller, Replier), (_, _, payload) =>
            MdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && refuse(header));
        rig.StartCallersAt(1);
        return rig;
    }

    [Fact]
    public void ARefusedRequestIsTheCallersSendFailureAndNeitherTimesOutNorRetries()
    {
        using var rig = CallerRig(header => header.MessageType == TrdpMessageType.Mr);
        rig.WheelWakesAt(1);
        var ask = rig.Counters("ask");
        Assert.Equal(1, ask.Calls);
        Assert.Equal(1, ask.SendFailures);
        Assert.Equal(0, ask.Outstanding);

        foreach (var ms in new[] { 101.0, 201, 301, 401 })
        {
            rig.WheelWakesAt(ms);
        }

        Assert.Equal(0, ask.Timeouts);
        Assert.Equal(0, ask.Retries);
        Assert.Equal(1, ask.SendFailures);
        Assert.Empty(rig.SentOf(TrdpMessageType.Mr));
    }

    [Fact]
    public void ARefusedRetryIsCountedAndTheCallStillWaitsForTheRequestsThatLeft()
    {
        // The first transmission left: the device had a request to answer. Its retry (counter 1) is refused, the
        // second retry (counter 2) leaves; with no answer to either the call times out.
        using var rig = CallerRig(header => header.MessageType == TrdpMessageType.Mr && header.SequenceCounter == 1);
        foreach (var ms in new[] { 1.0, 101, 201, 301 })
        {
            rig.WheelWakesAt(ms);
        }

        var ask = rig.Counters("ask");
        Assert.Equal(1, ask.SendFailures);
        Assert.Equal(2, ask.Retries);
        Assert.Equal(1, ask.Timeouts);
        Assert.Equal([0u, 2u], rig.SentOf(TrdpMessageType.Mr).Select(h => h.SequenceCounter));
    }

    [Fact]
    public void AnAnsweredCallIsNotTouchedByTheOutcomeOfItsSend()
    {
        using var rig = CallerRig(_ => false);
        rig.WheelWakesAt(1);
        var request = Assert.Single(rig.SentOf(TrdpMessageType.Mr));
        rig.Deliver("A", new MdHeader { MessageType = TrdpMessageType.Mp, ComId = 7100, SessionId = request.SessionId },
            new Ip4Endpoint(Replier, 17225), receivedMs: 5);

        var ask = rig.Counters("ask");
        Assert.Equal(1, ask.Ok);
        Assert.Equal(0, ask.SendFailures);
        Assert.InRange(rig.Group("ask").Latency.Refresh().Max, Ms(3.9), Ms(4.1));
    }
}
