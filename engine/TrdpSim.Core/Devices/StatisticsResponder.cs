using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices;

/// <summary>Answers statistics pulls (a 'Pr' on ComId 31) with the device's TCNopen statistics dataset, on the
/// wheel thread, as every TCNopen session does (trdp-wire.md §7.8).</summary>
/// <remarks>The device's PD dispatcher applies the request rules on its receive thread (a repeated counter
/// from the same source is ignored, a request that wants no reply gets none) and posts the rest here.</remarks>
internal sealed class StatisticsResponder(DeviceStatistics statistics, Outlet outlet, ushort pdPort) : IInboundFrameHandler
{
    /// <summary>Statistics answered within this long of the last fill repeat its figures (100 ms).</summary>
    public const long RefreshNanoseconds = 100_000_000;

    private readonly TrdpStatistics _figures = new();
    private readonly byte[] _payload = new byte[StatisticsDataset.Length];
    private long _filledAt;
    private bool _filled;
    private uint _sequence;

    /// <inheritdoc />
    public void Handle(InboundFrame frame, long nowNanoseconds)
    {
        PdFrame.ReadHeader(frame.Span, out var request);
        // Filled on demand, at most every RefreshNanoseconds: reading the device's counters walks its telegram
        // groups, and a flood of pulls must not turn that into the wheel thread's whole job.
        if (!_filled || nowNanoseconds - _filledAt >= RefreshNanoseconds)
        {
            statistics.Fill(_figures, nowNanoseconds);
            StatisticsDataset.Write(_payload, _figures);
            _filledAt = nowNanoseconds;
            _filled = true;
        }

        // Always ComId 31, whatever replyComId asks for: TCNopen answers with its statistics publication
        // (trdp_pdReceive(), TRDP_GLOBAL_STATS_REPLY_COMID; trdp-wire.md §7.8).
        var header = new PdHeader
        {
            SequenceCounter = _sequence++,
            ProtocolVersion = PdFrame.CurrentProtocolVersion,
            MessageType = TrdpMessageType.Pp,
            ComId = StatisticsDataset.ComId,
        };
        var copy = outlet.Copies.Rent();
        copy.Length = PdFrame.Encode(copy.Capacity, header, _payload);
        outlet.SendCopy(copy, new FrameRoute(PullResponder.ReplyTo(request, frame.Source, pdPort)), SendPort.Unscheduled);
    }

    /// <summary>Counts statistics replies run-wide (answered, or refused by the socket).</summary>
    internal sealed class ReplyCounter(RunTelemetry telemetry) : ISentFrameOwner
    {
        public LatencyRecorder? SendLateness => null;

        public void OnSent(bool accepted, long sentNanoseconds)
        {
            if (accepted)
            {
                Interlocked.Increment(ref telemetry.StatisticsReplies);
            }
            else
            {
                Interlocked.Increment(ref telemetry.StatisticsReplyFailures);
            }
        }
    }
}
