using TrdpSim.Events;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices;

/// <summary>The publications of one redundancy group id across the run's devices (trdp-wire.md §7.7): the
/// leader device's publications send, every other member's are followers — they prepare each cycle (their
/// sequence counters keep counting, as TCNopen's do) and send nothing.</summary>
/// <remarks>
/// <para>TCNopen keeps leadership per session and leaves it to the application; redundant partners are
/// different devices using the same id. trdpsim plays every partner, so the group spans devices, and the
/// plan's first member (in device order) claims leadership at start, as an application that claims it at
/// start-up does (TCNopen itself starts every member as a follower, ticket #355).</para>
/// <para><b>Switchover</b> (<see cref="SwitchTo"/>, wheel thread): the old leader's publications become
/// followers and the new leader's send again from their next cycle with counter 0 — TCNopen resets the
/// counter on taking the lead — so a subscriber sees the new source start at 0. Followers are kept
/// preparing rather than parked so that their payload generators stay in step with the leader's.</para>
/// <para><b>Takeover</b> (<see cref="WatchLeader"/>): the followers hear the leader where its frames reach the
/// wire — after its fault stage, so a silence or loss fault, the silence command or a stalled sender are heard
/// as silence, like a partner that supervises the leader's telegram would hear it. When no frame of the leader
/// left for <see cref="RedundancyFigures.TakeoverAfterNanoseconds"/> (checked at every follower cycle), one
/// follower takes the lead: the member with the lowest address, then the lowest name, among those that are not
/// switched off (silence command, parked). All of it runs on the wheel thread, so there is exactly one leader
/// at any time. A returning old leader stays a follower: nothing hands the lead back but a command or the
/// silence of the new leader (no flapping).</para>
/// </remarks>
internal sealed class RedundancyGroup
{
    private readonly List<Member> _members = [];
    private RedundancyFigures? _figures;

    // The takeover watch (wheel thread): leader frames heard so far, the count the last check saw, since when
    // the followers have heard nothing (0 = start watching at the next check) and when a follower last checked.
    private long _heard;
    private long _heardSeen;
    private long _silentSince;
    private long _lastCheck;

    // The gap of the switchover under way: the old leader's last frame on the wire, until the new one's first.
    private long _lastLeaderFrame;
    private bool _pending;
    private SwitchoverCause _pendingCause;
    private string _pendingPrevious = string.Empty;

    public RedundancyGroup(uint id) => Id = id;

    /// <summary>The group id (the plan's <c>redundancy-group</c>, XML <c>redundant</c>).</summary>
    public uint Id { get; }

    /// <summary>The leading device's name (empty before the first member was added).</summary>
    public string Leader { get; private set; } = string.Empty;

    /// <summary>Counts, gaps and the takeover time (set by <see cref="Collect"/>).</summary>
    public RedundancyFigures Figures => _figures ??= new RedundancyFigures(Id, Leader, 0);

    /// <summary>Where switchovers are posted (the run's event stream); null = nobody listens. Set before the run starts.</summary>
    public RunEventBus? Events { get; set; }

    /// <summary>Member devices, in plan order.</summary>
    public IEnumerable<string> Members
    {
        get
        {
            foreach (var member in _members)
            {
                yield return member.Device;
            }
        }
    }

    /// <summary>Leadership changes applied so far (readers).</summary>
    public long Switchovers => Figures.TotalSwitchovers;

    /// <summary>Whether <paramref name="device"/> has publications in this group.</summary>
    public bool HasMember(string device) => IndexOf(device) >= 0;

    /// <summary>The member after the leader, in plan order (wrapping), for a switchover that names no device.</summary>
    public string NextMember()
    {
        var leader = IndexOf(Leader);
        return _members[(leader + 1) % _members.Count].Device;
    }

    /// <summary>Adds a publication of <paramref name="device"/> (set-up only); the first member leads.</summary>
    internal void Add(string device, uint address, Publication publication)
    {
        var index = IndexOf(device);
        if (index < 0)
        {
            _members.Add(new Member(device, address, []));
            index = _members.Count - 1;
        }

        _members[index].Publications.Add(publication);
        if (Leader.Length == 0)
        {
            Leader = device;
        }

        publication.Follower = device != Leader;
        publication.Redundancy = this;
    }

    /// <summary>Makes <paramref name="device"/> the leader (wheel thread). False when it leads already or is no member.</summary>
    public bool SwitchTo(string device, SwitchoverCause cause = SwitchoverCause.Command)
    {
        var index = IndexOf(device);
        if (index < 0 || device == Leader)
        {
            return false;
        }

        foreach (var publication in _members[IndexOf(Leader)].Publications)
        {
            publication.Follower = true;
        }

        foreach (var publication in _members[index].Publications)
        {
            publication.RestartSequence();
            publication.Follower = false;
        }

        if (_pending)
        {
            Post(double.NaN); // the previous new leader never sent: that switchover has no gap of its own
        }

        _pending = true;
        _pendingCause = cause;
        _pendingPrevious = Leader;
        Leader = device;
        Figures.Leader = device;
        Figures.Count(cause);
        _silentSince = 0; // the new leader gets a whole takeover time to be heard
        return true;
    }

    /// <summary>A frame of the leader reached the wire (wheel thread, after the send call; <paramref name="sentNanoseconds"/>
    /// on the monotonic clock). The first one after a switchover closes its gap.</summary>
    internal void OnLeaderFrame(long sentNanoseconds)
    {
        _heard++;
        if (_pending)
        {
            var gap = _lastLeaderFrame > 0 ? sentNanoseconds - _lastLeaderFrame : -1;
            if (gap >= 0)
            {
                Figures.Gap.Record(gap);
            }

            Post(gap >= 0 ? gap : double.NaN, sentNanoseconds);
        }

        _lastLeaderFrame = sentNanoseconds;
    }

    /// <summary>A follower's cycle (wheel thread, <paramref name="now"/> on the wheel's clock): takes the lead from a
    /// leader that has not been heard for the takeover time.</summary>
    internal void WatchLeader(long now)
    {
        var takeoverAfter = Figures.TakeoverAfterNanoseconds;
        if (takeoverAfter <= 0)
        {
            return;
        }

        // Heard since the last check, or the first check, or no follower checked for a whole takeover time (the
        // run was paused, the followers were silenced or parked, the wheel stalled): watch afresh from now.
        if (_heard != _heardSeen || _silentSince == 0 || now - _lastCheck > takeoverAfter)
        {
            _heardSeen = _heard;
            _silentSince = now;
            _lastCheck = now;
            return;
        }

        _lastCheck = now;
        if (now - _silentSince >= takeoverAfter && Successor() is { } next)
        {
            SwitchTo(next, SwitchoverCause.LeaderSilence);
        }
    }

    /// <summary>The follower that takes over from a silent leader: lowest address, then lowest name, among the
    /// members not switched off; null when there is none.</summary>
    private string? Successor()
    {
        Member? best = null;
        foreach (var member in _members)
        {
            if (member.Device == Leader || !member.CanSend)
            {
                continue;
            }

            if (best is null || member.Address < best.Address
                || (member.Address == best.Address && string.CompareOrdinal(member.Device, best.Device) < 0))
            {
                best = member;
            }
        }

        return best?.Device;
    }

    private void Post(double gap, long now = 0)
    {
        Events?.Post(new RunEvent(RunEventKind.Switchover, now != 0 ? now : Scheduling.MonotonicClock.NowNanoseconds(),
            Subject: Figures.Label, Device: Leader, Text: _pendingPrevious, Detail: RedundancyFigures.Word(_pendingCause),
            Count: Figures.TotalSwitchovers, Value: gap));
        _pending = false;
    }

    private int IndexOf(string device) => _members.FindIndex(m => m.Device == device);

    /// <summary>Groups the publications of <paramref name="devices"/> by redundancy id (set-up only) and registers each
    /// group's figures in <paramref name="telemetry"/>.</summary>
    public static List<RedundancyGroup> Collect(IEnumerable<VirtualDevice> devices, RunTelemetry? telemetry = null)
    {
        var groups = new List<RedundancyGroup>();
        foreach (var device in devices)
        {
            foreach (var publication in device.Publications)
            {
                if (publication.RedundancyGroup == 0)
                {
                    continue;
                }

                var group = groups.Find(g => g.Id == publication.RedundancyGroup);
                if (group is null)
                {
                    group = new RedundancyGroup(publication.RedundancyGroup);
                    groups.Add(group);
                }

                group.Add(device.Name, device.Address, publication);
            }
        }

        foreach (var group in groups)
        {
            var takeoverAfter = group.TakeoverAfter();
            group._figures = telemetry?.AddRedundancy(group.Id, group.Leader, takeoverAfter) ?? new RedundancyFigures(group.Id, group.Leader, takeoverAfter);
        }

        return groups;
    }

    /// <summary>Cycles of the slowest telegram the followers wait for by default: one late or lost frame, or two in a
    /// row, is not yet a dead leader (a takeover on a single loss would flap under any loss fault); three cycles is
    /// also the timeout TRDP configurations commonly give a subscriber of a telegram (trdp-wire.md §10's example
    /// supervises a 500 ms telegram with 1500 ms), so the partner gives up on the leader when its subscribers do.</summary>
    public const int DefaultTakeoverCycles = 3;

    /// <summary>The plan's takeover time (members agree; the validator sees to that), or
    /// <see cref="DefaultTakeoverCycles"/> of the group's slowest cyclic telegram; 0 = never.</summary>
    private long TakeoverAfter()
    {
        var longest = 0L;
        foreach (var member in _members)
        {
            foreach (var publication in member.Publications)
            {
                if (publication.TakeoverAfterNanoseconds >= 0)
                {
                    return publication.TakeoverAfterNanoseconds;
                }

                longest = Math.Max(longest, publication.CycleNanoseconds);
            }
        }

        return DefaultTakeoverCycles * longest;
    }

    private sealed record Member(string Device, uint Address, List<Publication> Publications)
    {
        /// <summary>Whether the member is switched on: some of its group's publications are neither silenced (the
        /// device-off command) nor parked (a load phase).</summary>
        public bool CanSend
        {
            get
            {
                foreach (var publication in Publications)
                {
                    if (!publication.Silenced && !publication.Parked)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
