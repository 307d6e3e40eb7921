using TrdpSim.Devices.Generators;
using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices.Md;

/// <summary>A replier: which requests it takes, how it answers and how it misbehaves on purpose.</summary>
/// <remarks>Wheel thread only (the behaviour's random stream is not thread-safe, and need not be).</remarks>
internal sealed class MdListener(string name, uint comId, uint source, TrdpUri sourceUriFilter, TrdpUri destinationUriFilter,
    bool withConfirm, uint replyComId, int userStatus, long confirmTimeoutNanoseconds, TrdpUri ownUri, ReplyBehavior behavior,
    RandomStream random, byte[] payload, MdGroup group, bool tcp, FieldGenerator[]? generators = null)
{
    private readonly byte[] _payload = payload;
    private readonly FieldGenerator[] _generators = generators ?? [];
    private RandomStream _random = random;

    public string Name { get; } = name;

    public uint ComId { get; } = comId;

    public uint Source { get; } = source;

    public TrdpUri SourceUriFilter { get; } = sourceUriFilter;

    public TrdpUri DestinationUriFilter { get; } = destinationUriFilter;

    public bool WithConfirm { get; } = withConfirm;

    public uint ReplyComId { get; } = replyComId;

    public int UserStatus { get; } = userStatus;

    public long ConfirmTimeoutNanoseconds { get; } = confirmTimeoutNanoseconds;

    public TrdpUri OwnUri { get; } = ownUri;

    public ReplyBehavior Behavior { get; } = behavior;

    /// <summary>The payload of the latest reply (after <see cref="AdvancePayload"/>).</summary>
    public ReadOnlySpan<byte> Payload => _payload;

    /// <summary>Moves the field generators on for a new reply: each reply carries the next values (a counter
    /// counts replies). A repeated 'Mq' (trdp-wire.md §8.5) is sent with the current values, not new ones.</summary>
    internal void AdvancePayload()
    {
        foreach (var generator in _generators)
        {
            generator.Write(_payload);
        }
    }

    public MdGroup Group { get; } = group;

    /// <summary>Listens for TCP requests (else UDP): TCNopen matches TCP requests only to TCP listeners.</summary>
    public bool Tcp { get; } = tcp;

    /// <summary>Where the listener's replies leave (set when the run is built); faults on it may bend its
    /// decisions (withheld, late, error, wrong port).</summary>
    public Outlet Outlet { get; internal set; } = null!;

    /// <summary>A script that computes this replier's answers (scenario <c>mdRequest</c> hook); null = the plan answers.</summary>
    public IMdRequestTap? RequestTap { get; set; }

    /// <summary>What to do with the next request (seeded: same seed, same sequence of decisions).</summary>
    public ReplyDecision Decide(long callerTimeoutNanoseconds)
    {
        Behavior.Decide(ref _random, callerTimeoutNanoseconds, out var decision);
        return decision;
    }

    /// <summary>The station's interfaces the listener hears on, as a mask (bit i = interface i); 0 = every interface.
    /// A request that arrived on another interface is not for it (that interface's TCNopen session has no such
    /// listener).</summary>
    public int Faces { get; init; }

    /// <summary>TCNopen's listener match (trdp-wire.md §8.1): ComId, source address, URIs when set; and the interface
    /// <paramref name="face"/> the request arrived on is one of the listener's.</summary>
    public bool Matches(in MdHeader header, uint source, bool tcp, int face) =>
        tcp == Tcp &&
        (Faces == 0 || (Faces & (1 << face)) != 0) &&
        header.ComId == ComId &&
        (Source == 0 || Source == source) &&
        (SourceUriFilter.IsEmpty || SourceUriFilter.EqualsIgnoreCase(header.SourceUri)) &&
        (DestinationUriFilter.IsEmpty || DestinationUriFilter.EqualsIgnoreCase(header.DestinationUri));
}
