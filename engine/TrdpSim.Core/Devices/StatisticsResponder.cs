using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices;

/// <summary>Answers statistics pulls (a 'Pr' on ComId 31) with the device's TCNopen statistics dataset, on the
/// wheel thread, as every TCNopen session does (trdp-wire.md §7.8).</summary>
/// <remarks>The device's PD dispatcher applies the request rules on its receive thread (a repeated counter
/// from the same source is ignored, a request that wants no reply gets none) and posts the rest here. The reply
/// leaves on the interface the request arrived on.</remarks>
/// <param name="statistics">The device's figures.</param>
/// <param name="outlet">Where replies leave from the device's first interface.</param>
/// <param name="pdPort">The PD port replies go to.</param>
internal sealed class StatisticsResponder(DeviceStatistics statistics, Outlet outlet, ushort pdPort) : IInboundFrameHandler
{
    /// <summary>Statistics answered within this long of the last fill repeat its figures (100 ms).</summary>
    public const long RefreshNanoseconds = 100_000_000;

    private readonly TrdpStatistics _figures = new();
    private readonly byte[] _payload = new byte[StatisticsDataset.Length];
    private long _filledAt;
    private bool _filled;
    private uint _sequence;

    /// <summary>A multi-homed device's statistics outlets of its further interfaces (index: interface − 1); null for
    /// a single-homed device (set-up only).</summary>
    internal Outlet[]? Paths { get; init; }

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
        var face = frame.Face;
        var path = face > 0 && Paths is { } paths && face <= paths.Length ? paths[face - 1] : outlet;
        var copy = path.Copies.Rent();
        copy.Length = PdFrame.Encode(copy.Capacity, header, _payload);
        path.SendCopy(copy, new FrameRoute(PullResponder.ReplyTo(request, frame.Source, pdPort)), SendPort.Unscheduled);
    }

    /// <summary>Counts a device's statistics replies, for its own <c>pd.numSend</c> and run-wide (answered, or refused by
    /// the socket).</summary>
    internal sealed class ReplyCounter(RunTelemetry telemetry) : ISentFrameOwner
    {
        private long _sent;

        /// <summary>This device's statistics replies the socket took.</summary>
        public long Sent => Interlocked.Read(ref _sent);

        public void OnSent(bool accepted, long sentNanoseconds)
        {
            if (accepted)
            {
                Interlocked.Increment(ref _sent);
                Interlocked.Increment(ref telemetry.StatisticsReplies);
            }
            else
            {
                Interlocked.Increment(ref telemetry.StatisticsReplyFailures);
            }
        }
    }
}
