using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>Sends 'Pr' pull requests on a fixed interval and measures the round trip to the 'Pp'.</summary>
/// <remarks>
/// The request leaves from the wheel thread like any cyclic telegram; the reply arrives on the device's
/// receive loop through a subscription of the reply ComId, which calls <see cref="OnReply"/>. The send
/// time crosses threads through a volatile field. The group's lateness histogram holds round-trip
/// times for pulls (request sent → reply received).
/// </remarks>
public sealed class PullRequester : OutgoingTelegram
{
    private uint _sequence;
    private long _lastSentNanoseconds;

    public PullRequester(string name, DeviceSender sender, TelegramCounters counters, TelegramGroup group, Ip4Endpoint target,
        uint comId, uint replyComId, uint replyAddress)
        : base(name, sender, counters, group, target, PdFrame.HeaderSize)
    {
        var header = new PdHeader
        {
            ProtocolVersion = PdFrame.CurrentProtocolVersion,
            MessageType = TrdpMessageType.Pr,
            ComId = comId,
            ReplyComId = replyComId,
            ReplyIpAddress = replyAddress,
        };
        FrameLength = PdFrame.Encode(Frame, header, []);
    }

    /// <inheritdoc />
    protected override void PrepareFrame(long cycleIndex) => PdFrame.RewriteSequence(Frame, _sequence++);

    /// <inheritdoc />
    public override LatencyRecorder? SendLateness => null;

    /// <inheritdoc />
    public override void OnSent(bool accepted, long sentNanoseconds)
    {
        if (accepted)
        {
            Counters.Sent++;
            Counters.PullRequests++;
            Volatile.Write(ref _lastSentNanoseconds, sentNanoseconds);
        }
        else
        {
            Counters.SendFailures++;
        }
    }

    /// <summary>A 'Pp' for this pull arrived (receive thread).</summary>
    public void OnReply(long nowNanoseconds)
    {
        Counters.PullReplies++;
        var sent = Volatile.Read(ref _lastSentNanoseconds);
        if (sent != 0)
        {
            Group.Lateness.Record(nowNanoseconds - sent);
        }
    }
}
