using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>Validates received PD datagrams of one socket and hands them to subscriptions or the pull responder.</summary>
/// <remarks>
/// The order follows TCNopen (trdp-wire.md §7.3): frame checks (size, FCS, version, type, length) →
/// device topography counters → subscription lookup by ComId and source → for a 'Pr', the sequence rule,
/// then the request goes to the wheel inbox, where <see cref="PullResponder"/> or
/// <see cref="StatisticsResponder"/> answer it; otherwise subscription topography filter → sequence rule.
/// Every drop is counted by reason; nothing here throws on bad input.
/// One dispatcher per receive socket, used only by that socket's receive loop, so subscriptions need no
/// locks. Lookup is a dictionary probe plus a short chain walk, without allocation.
/// </remarks>
internal sealed class PdDispatcher : IPdDatagramHandler
{
    private readonly Dictionary<uint, Subscription> _subscriptions = [];
    private readonly Dictionary<uint, Publication> _publications = [];
    private readonly List<Subscription> _all = [];
    private readonly RunTelemetry _telemetry;
    private readonly uint _etbTopoCount;
    private readonly uint _opTrainTopoCount;
    private readonly WheelInbox _inbox;
    private readonly long[] _rejects = new long[RejectReasons.Count];
    private long _validFrames;
    private int _gateEpoch;
    private SelfInflictedCheck? _selfCheck;

    // No subscription can time out at or before this time: sweeps until then cost one compare instead of a walk
    // over every subscription (a walk over 25,000 every 2 ms was 13 % of a saturation profile).
    private long _quietUntil = long.MinValue;

    // The statistics 'Pr' sequence state: TCNopen subscribes ComId 31 with an infinite timeout (tlc_if.c), so
    // a repeated or older counter from a source is ignored for as long as the device runs.
    private readonly SequenceTracker _statisticsRequests = new();

    /// <param name="telemetry">Run-wide counters (rejects, statistics requests).</param>
    /// <param name="etbTopoCount">The device's ETB topography counter (0 = none).</param>
    /// <param name="opTrainTopoCount">The device's operational train topography counter (0 = none).</param>
    /// <param name="inbox">Where accepted pull requests go to be answered on the wheel thread.</param>
    /// <param name="pdPort">The PD port pull replies go to.</param>
    /// <param name="answersPulls">Whether this socket answers pulls (the device's unicast socket does; its
    /// multicast socket does not).</param>
    public PdDispatcher(RunTelemetry telemetry, uint etbTopoCount, uint opTrainTopoCount, WheelInbox inbox, ushort pdPort, bool answersPulls)
    {
        _telemetry = telemetry;
        _etbTopoCount = etbTopoCount;
        _opTrainTopoCount = opTrainTopoCount;
        _inbox = inbox;
        Pulls = answersPulls ? new PullResponder(_publications, pdPort) : null;
    }

    /// <summary>Answers this socket's pull requests on the wheel thread; null = pulls are not answered here.</summary>
    public PullResponder? Pulls { get; private set; }

    public IReadOnlyList<Subscription> Subscriptions => _all;

    /// <summary>Answers statistics pulls (a 'Pr' on ComId 31) when the plan itself does not publish ComId 31, as every
    /// TCNopen session does (trdp-wire.md §7.8); null = no statistics responder. Set-up only.</summary>
    public StatisticsResponder? Statistics { get; set; }

    /// <summary>The device statistics behind <see cref="Statistics"/>, started with the subscriptions. Set-up only.</summary>
    public DeviceStatistics? DeviceStatistics { get; set; }

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
        DeviceStatistics?.Start(nowNanoseconds);
        foreach (var subscription in _all)
        {
            subscription.Start(nowNanoseconds);
        }

        _quietUntil = long.MinValue;
    }

    /// <summary>Handles one received datagram that arrived on the device's first interface.</summary>
    public void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now) => Dispatch(datagram, truncated, source, now, 0);

    /// <summary>Handles one received datagram that arrived on the device's interface <paramref name="face"/> (0 = a).</summary>
    public void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now, int face)
    {
        if (truncated)
        {
            Reject(RejectReason.TooLong);
            return;
        }

        if (Gate is { } gate && gate.Epoch != _gateEpoch)
        {
            // A pause or resume this loop has not seen yet: take it before the telegram, so that the first one
            // after a resume is not measured across the pause even when it arrives before the next sweep.
            Held(gate);
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

        // A statistics pull is answered by the device's statistics (trdp-wire.md §7.8: every session subscribes and
        // publishes ComId 31 itself) before any plan subscription is looked up: a statistics poll of this device's own
        // subscribes ComId 31 for its replies, and took the pulls of this device's statistics for itself (rejected
        // as no_publication, or as no_subscription from any source but the polled one). Only a publication of
        // ComId 31 in the plan answers them in its place, as an ordinary pull.
        if (header.ComId == StatisticsDataset.ComId && header.MessageType == TrdpMessageType.Pr && Statistics is not null &&
            !_publications.ContainsKey(StatisticsDataset.ComId))
        {
            RequestStatistics(datagram, header, source, now, face);
            return;
        }

        if (!_subscriptions.TryGetValue(header.ComId, out var subscription))
        {
            Reject(RejectReason.NoSubscription);
            return;
        }

        while (subscription is not null && !(subscription.Filter.SourceMatches(source.Address) && subscription.Filter.HearsOn(face)))
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
                RequestPull(datagram, header, source, now, face);
            }

            return;
        }

        var dataset = datagram.Slice(PdFrame.HeaderSize, (int)header.DatasetLength);
        subscription.OnTelegram(header, source.Address, dataset, now, face);

        // A telegram only moves a deadline later, except for a timed-out subscription, whose new deadline may
        // come before the others'.
        var next = subscription.NextCheckNanoseconds;
        if (next < _quietUntil)
        {
            _quietUntil = next;
        }
    }

    /// <summary>The run's pause switch (set-up only; null = never paused): while the run's traffic is paused,
    /// subscriptions count no timeouts, and on resume each one's timeout window starts again.</summary>
    public TrafficGate? Gate { get; set; }

    /// <summary>Times out silent subscriptions (receive thread, called every few ms); walks them only once the
    /// earliest deadline has passed.</summary>
    public void Sweep(long now)
    {
        if (Gate is { } gate && Held(gate))
        {
            // Requests this device pulled before the pause still expire: their replies are owed all the same.
            foreach (var subscription in _all)
            {
                subscription.Puller?.ExpireOverdue(now);
            }

            return;
        }

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

    /// <summary>Whether supervision is held by a pause; after a resume (seen as a new even epoch) every
    /// timeout window restarts from the resume time.</summary>
    private bool Held(TrafficGate gate)
    {
        var epoch = gate.Epoch;
        if (epoch == _gateEpoch)
        {
            return (epoch & 1) != 0;
        }

        _gateEpoch = epoch;
        if ((epoch & 1) != 0)
        {
            return true;
        }

        var resumed = gate.ResumedAtNanoseconds;
        foreach (var subscription in _all)
        {
            subscription.RestartTimeout(resumed);
        }

        _quietUntil = long.MinValue; // every deadline moved: walk them at the next sweep
        return false;
    }

    /// <summary>Counts a drop here and run-wide. Only this dispatcher's receive thread writes its counts.</summary>
    private void Reject(RejectReason reason)
    {
        _rejects[(int)reason]++;
        _telemetry.Rejects.Increment(reason);
    }

    // face: the interface the request arrived on; the reply leaves on it.
    private void RequestStatistics(ReadOnlySpan<byte> datagram, in PdHeader request, Ip4Endpoint source, long now, int face)
    {
        if (_statisticsRequests.Check(source.Address, TrdpMessageType.Pr, request.SequenceCounter, now).Verdict != SequenceVerdict.Accepted)
        {
            Interlocked.Increment(ref _telemetry.StatisticsDuplicates);
            return;
        }

        // trdp-wire.md §7.5: replyComId 0 and replyIp 0 = no reply.
        if ((request.ReplyComId == 0 && request.ReplyIpAddress == 0) || Pulls is null)
        {
            return;
        }

        _inbox.Post(datagram, source, now, FrameArrival.PdPull, Statistics!, face: face);
    }

    // face: the interface the request arrived on; the reply leaves on it.
    private void RequestPull(ReadOnlySpan<byte> datagram, in PdHeader request, Ip4Endpoint source, long now, int face)
    {
        // trdp-wire.md §7.5: replyComId 0 = same ComId, replyIp 0 = the requester; both 0 = no reply.
        if (request.ReplyComId == 0 && request.ReplyIpAddress == 0)
        {
            return;
        }

        if (Pulls is null || !_publications.ContainsKey(PullResponder.ReplyComId(request)))
        {
            Reject(RejectReason.NoPublication);
            return;
        }

        _inbox.Post(datagram, source, now, FrameArrival.PdPull, Pulls, face: face);
    }
}
