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
/// </remarks>
internal sealed class RedundancyGroup
{
    private readonly List<(string Device, List<Publication> Publications)> _members = [];
    private long _switchovers;

    public RedundancyGroup(uint id) => Id = id;

    /// <summary>The group id (the plan's <c>redundancy-group</c>, XML <c>redundant</c>).</summary>
    public uint Id { get; }

    /// <summary>The leading device's name (empty before the first member was added).</summary>
    public string Leader { get; private set; } = string.Empty;

    /// <summary>Member devices, in plan order.</summary>
    public IEnumerable<string> Members
    {
        get
        {
            foreach (var (device, _) in _members)
            {
                yield return device;
            }
        }
    }

    /// <summary>Leadership changes applied so far (readers).</summary>
    public long Switchovers => Volatile.Read(ref _switchovers);

    /// <summary>Whether <paramref name="device"/> has publications in this group.</summary>
    public bool HasMember(string device) => IndexOf(device) >= 0;

    /// <summary>The member after the leader, in plan order (wrapping), for a switchover that names no device.</summary>
    public string NextMember()
    {
        var leader = IndexOf(Leader);
        return _members[(leader + 1) % _members.Count].Device;
    }

    /// <summary>Adds a publication of <paramref name="device"/> (set-up only); the first member leads.</summary>
    internal void Add(string device, Publication publication)
    {
        var index = IndexOf(device);
        if (index < 0)
        {
            _members.Add((device, []));
            index = _members.Count - 1;
        }

        _members[index].Publications.Add(publication);
        if (Leader.Length == 0)
        {
            Leader = device;
        }

        publication.Follower = device != Leader;
    }

    /// <summary>Makes <paramref name="device"/> the leader (wheel thread). False when it leads already or is no member.</summary>
    public bool SwitchTo(string device)
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

        Leader = device;
        Interlocked.Increment(ref _switchovers);
        return true;
    }

    private int IndexOf(string device) => _members.FindIndex(m => m.Device == device);

    /// <summary>Groups the publications of <paramref name="devices"/> by redundancy id (set-up only).</summary>
    public static List<RedundancyGroup> Collect(IEnumerable<VirtualDevice> devices)
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

                group.Add(device.Name, publication);
            }
        }

        return groups;
    }
}
