using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>Validates received PD datagrams of one socket and hands them to subscriptions or the pull responder.</summary>
/// <remarks>
/// The order follows TCNopen (trdp-wire.md §7.3): frame checks (size, FCS, version, type, length) →
/// device topography counters → subscription lookup by ComId and source → for a 'Pr', the sequence rule
/// and the pull reply; otherwise subscription topography filter → sequence rule. Every drop is counted by
/// reason; nothing here throws on bad input.
/// One dispatcher per receive socket, used only by that socket's receive loop, so subscriptions need no
/// locks. Lookup is a dictionary probe plus a short chain walk, without allocation.
/// </remarks>
public sealed class PdDispatcher : IPdDatagramHandler
{
    private readonly Dictionary<uint, Subscription> _subscriptions = [];
    private readonly Dictionary<uint, Publication> _publications = [];
    private readonly List<Subscription> _all = [];
    private readonly RunTelemetry _telemetry;
    private readonly uint _etbTopoCount;
    private readonly uint _opTrainTopoCount;
    private readonly ushort _pdPort;
    private readonly byte[] _replyFrame = GC.AllocateArray<byte>(PdFrame.MaxFrameSize, pinned: true);
    private readonly byte[] _replyPayload = new byte[PdFrame.MaxDatasetLength];
    private readonly OutgoingDatagram[] _replyBatch = new OutgoingDatagram[1];
    private readonly long[] _rejects = new long[RejectReasons.Count];
    private long _validFrames;
    private SelfInflictedCheck? _selfCheck;

    // No subscription can time out at or before this time: sweeps until then cost one compare instead of a walk
    // over every subscription (a walk over 25,000 every 2 ms was 13 % of a saturation profile).
    private long _quietUntil = long.MinValue;
    private TrdpStatistics? _statistics;
    private byte[]? _statisticsPayload;
    private long _statisticsFilledAt;
    private uint _statisticsSequence;

    // The statistics 'Pr' sequence state: TCNopen subscribes ComId 31 with an infinite timeout (tlc_if.c), so
    // a repeated or older counter from a source is ignored for as long as the device runs.
    private readonly SequenceTracker _statisticsRequests = new();

    public PdDispatcher(RunTelemetry telemetry, uint etbTopoCount, uint opTrainTopoCount, ushort pdPort, IUdpEndpoint? replyEndpoint)
    {
        _telemetry = telemetry;
        _etbTopoCount = etbTopoCount;
        _opTrainTopoCount = opTrainTopoCount;
        _pdPort = pdPort;
        ReplyEndpoint = replyEndpoint;
    }

    /// <summary>Socket for 'Pp' pull replies (owned by this dispatcher's receive thread); null = no pull responder.</summary>
    public IUdpEndpoint? ReplyEndpoint { get; }

    public IReadOnlyList<Subscription> Subscriptions => _all;

    /// <summary>Statistics answered within this long of the last fill repeat its figures (100 ms).</summary>
    public const long StatisticsRefreshNanoseconds = 100_000_000;

    /// <summary>Answers statistics pulls (a 'Pr' on ComId 31) when the plan itself does not subscribe
    /// ComId 31, as every TCNopen session does (trdp-wire.md §7.8); null = no statistics responder. Set-up only.</summary>
    public DeviceStatistics? Statistics { get; set; }

    /// <summary>Datagrams that passed the frame checks on this socket (TCNopen's <c>numRcv</c>).</summary>
    public long ValidFrames => Volatile.Read(ref _validFrames);

    /// <summary>Datagrams this socket dropped for <paramref name="reason"/> (also counted run-wide).</summary>
    public long Rejected(RejectReason reason) => Volatile.Read(ref _rejects[(int)reason]);

    /// <summary>Tells what trdpsim caused itself on this socket (its stalls, the kernel's drops at this socket)
    /// from the publishers' doing; given to every subscription, those added later too (set-up only).</summary>
    public SelfInflictedCheck? SelfCheck
    {
        get => _selfCheck;
        set
        {
            _selfCheck = value;
            foreach (var subscription in _all)
            {
                subscription.SelfCheck = value;
            }
        }
    }

    /// <summary>Adds a subscription (set-up only).</summary>
    public void Add(Subscription subscription)
    {
        subscription.SelfCheck = _selfCheck;
        if (_subscriptions.TryGetValue(subscription.ComId, out var head))
        {
            while (head.NextWithSameComId is not null)
            {
                head = head.NextWithSameComId;
            }

            head.NextWithSameComId = subscription;
        }
        else
        {
            _subscriptions.Add(subscription.ComId, subscription);
        }

        _all.Add(subscription);
    }

    /// <summary>The first subscription of <paramref name="comId"/>, if any (set-up only).</summary>
    public Subscription? FindFirst(uint comId) => _subscriptions.GetValueOrDefault(comId);

    /// <summary>Makes a publication available to pull requests (set-up only; first one per ComId wins).</summary>
    public void AddPullSource(Publication publication) => _publications.TryAdd(publication.ComId, publication);

    /// <summary>Starts supervision of every subscription.</summary>
    public void Start(long nowNanoseconds)
    {
        Statistics?.Start(nowNanoseconds);
        foreach (var subscription in _all)
        {
            subscription.Start(nowNanoseconds);
        }

        _quietUntil = long.MinValue;
    }

    /// <summary>Handles one received datagram.</summary>
    public void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now)
    {
        if (truncated)
        {
            Reject(RejectReason.TooLong);
            return;
        }

        var check = PdFrame.TryDecode(datagram, out var header);
        if (check != FrameCheck.Ok)
        {
            Reject(RejectReasonMapping.From(check));
            return;
        }

        _validFrames++;
        // Session level: a non-zero counter must equal the device's own (0 own counters reject them all).
        if ((header.EtbTopoCount != 0 && header.EtbTopoCount != _etbTopoCount) ||
            (header.OpTrainTopoCount != 0 && header.OpTrainTopoCount != _opTrainTopoCount))
        {
            Reject(RejectReason.TopoMismatch);
            return;
        }

        if (!_subscriptions.TryGetValue(header.ComId, out var subscription))
        {
            if (header.ComId == StatisticsDataset.ComId && header.MessageType == TrdpMessageType.Pr && Statistics is not null)
            {
                AnswerStatistics(header, source, now);
                return;
            }

            Reject(RejectReason.NoSubscription);
            return;
        }

        while (subscription is not null && !subscription.Filter.SourceMatches(source.Address))
        {
            subscription = subscription.NextWithSameComId;
        }

        if (subscription is null)
        {
            Reject(RejectReason.NoSubscription);
            return;
        }

        if (header.MessageType == TrdpMessageType.Pr)
        {
            if (subscription.AcceptPullRequest(header, source.Address, now))
            {
                AnswerPull(header, source);
            }

            return;
        }

        var dataset = datagram.Slice(PdFrame.HeaderSize, (int)header.DatasetLength);
        subscription.OnTelegram(header, source.Address, dataset, now);

        // A telegram only moves a deadline later, except for a timed-out subscription, whose new deadline may
        // come before the others'.
        var next = subscription.NextCheckNanoseconds;
        if (next < _quietUntil)
        {
            _quietUntil = next;
        }
    }

    /// <summary>Times out silent subscriptions (receive thread, called every few ms); walks them only once the
    /// earliest deadline has passed.</summary>
    public void Sweep(long now)
    {
        if (now <= _quietUntil)
        {
            return;
        }

        var quietUntil = long.MaxValue;
        var all = _all;
        for (var i = 0; i < all.Count; i++)
        {
            var subscription = all[i];
            subscription.CheckTimeout(now);
            quietUntil = Math.Min(quietUntil, subscription.NextCheckNanoseconds);
        }

        _quietUntil = quietUntil;
    }

    /// <summary>Counts a drop here and run-wide. Only this dispatcher's receive thread writes its counts.</summary>
    private void Reject(RejectReason reason)
    {
        _rejects[(int)reason]++;
        _telemetry.Rejects.Increment(reason);
    }

    private void AnswerStatistics(in PdHeader request, Ip4Endpoint source, long now)
    {
        if (_statisticsRequests.Check(source.Address, TrdpMessageType.Pr, request.SequenceCounter, now).Verdict != SequenceVerdict.Accepted)
        {
            Interlocked.Increment(ref _telemetry.StatisticsDuplicates);
            return;
        }

        if ((request.ReplyComId == 0 && request.ReplyIpAddress == 0) || ReplyEndpoint is null)
        {
            return;
        }

        // Filled on demand, at most every StatisticsRefreshNanoseconds: reading the device's counters walks its
        // telegram groups, and a flood of pulls must not turn that into the receive thread's whole job.
        if (_statisticsPayload is null || now - _statisticsFilledAt >= StatisticsRefreshNanoseconds)
        {
            _statistics ??= new TrdpStatistics();
            _statisticsPayload ??= new byte[StatisticsDataset.Length];
            Statistics!.Fill(_statistics, now);
            StatisticsDataset.Write(_statisticsPayload, _statistics);
            _statisticsFilledAt = now;
        }

        _statisticsPayload.CopyTo(_replyPayload, 0);
        // Always ComId 31, whatever replyComId asks for: TCNopen answers with its statistics publication
        // (trdp_pdReceive(), TRDP_GLOBAL_STATS_REPLY_COMID; trdp-wire.md §7.8).
        if (SendPp(request, source, StatisticsDataset.ComId, _statisticsSequence++, StatisticsDataset.Length))
        {
            Interlocked.Increment(ref _telemetry.StatisticsReplies);
        }
        else
        {
            Interlocked.Increment(ref _telemetry.StatisticsReplyFailures);
        }
    }

    private void AnswerPull(in PdHeader request, Ip4Endpoint source)
    {
        // trdp-wire.md §7.5: replyComId 0 = same ComId, replyIp 0 = the requester; both 0 = no reply.
        if (request.ReplyComId == 0 && request.ReplyIpAddress == 0)
        {
            return;
        }

        var comId = request.ReplyComId != 0 ? request.ReplyComId : request.ComId;
        if (ReplyEndpoint is null || !_publications.TryGetValue(comId, out var publication))
        {
            Reject(RejectReason.NoPublication);
            return;
        }

        var length = publication.PreparePullReply(_replyPayload);
        if (SendPp(request, source, comId, publication.NextPullSequence(), length))
        {
            Interlocked.Increment(ref publication.Counters.PullRequests);
        }
        else
        {
            Interlocked.Increment(ref publication.Counters.SendFailures);
        }
    }

    /// <summary>Sends a 'Pp' carrying the first <paramref name="length"/> bytes of the reply payload buffer to
    /// the request's reply address (or its source), on the PD port; false when the socket refused it.</summary>
    private bool SendPp(in PdHeader request, Ip4Endpoint source, uint comId, uint sequence, int length)
    {
        var header = new PdHeader
        {
            SequenceCounter = sequence,
            ProtocolVersion = PdFrame.CurrentProtocolVersion,
            MessageType = TrdpMessageType.Pp,
            ComId = comId,
        };
        var frameLength = PdFrame.Encode(_replyFrame, header, _replyPayload.AsSpan(0, length));
        var destination = request.ReplyIpAddress != 0 ? request.ReplyIpAddress : source.Address;
        _replyBatch[0] = new OutgoingDatagram
        {
            Buffer = _replyFrame,
            Offset = 0,
            Length = frameLength,
            Destination = new Ip4Endpoint(destination, _pdPort),
        };
        return ReplyEndpoint!.Send(_replyBatch) == 1;
    }
}
