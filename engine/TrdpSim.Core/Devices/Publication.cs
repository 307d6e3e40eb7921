using TrdpSim.Devices.Generators;
using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>A published PD telegram: sent as 'Pd' every cycle and as 'Pp' when pulled.</summary>
/// <remarks>
/// Everything runs on the wheel thread: cycles, and pull replies too — a receive loop posts each accepted
/// 'Pr' to the wheel inbox, and <see cref="AnswerPull"/> builds the 'Pp' from the current payload and sends
/// it through <see cref="PullOutlet"/>, where the telegram's faults strike it as they strike its cycles.
/// A pull-only publication (<see cref="PullOnly"/>) has no cycles, so each reply advances its generators.
/// </remarks>
internal sealed class Publication : OutgoingTelegram
{
    private readonly FieldGenerator[] _generators;
    private readonly int _datasetLength;
    private uint _sequence;
    private uint _pullSequence;
    private PullReplyCounter? _pullReplies;

    public Publication(string name, uint comId, TelegramCounters counters, TelegramGroup group,
        Ip4Endpoint destination, in PdHeader headerTemplate, ReadOnlySpan<byte> initialPayload, FieldGenerator[] generators)
        : base(name, counters, group, destination, PdFrame.MaxFrameSize)
    {
        ComId = comId;
        _generators = generators;
        _datasetLength = initialPayload.Length;
        var header = headerTemplate;
        header.MessageType = TrdpMessageType.Pd;
        header.ComId = comId;
        header.SequenceCounter = 0;
        header.ReplyComId = 0;
        header.ReplyIpAddress = 0;
        FrameLength = PdFrame.Encode(Frame, header, initialPayload);
    }

    public uint ComId { get; }

    /// <summary>Redundancy group id (0 = none; trdp-wire.md §7.7).</summary>
    public uint RedundancyGroup { get; init; }

    /// <summary>How long followers of its group wait without hearing the leader before one takes over: -1 = the
    /// default (<see cref="Devices.RedundancyGroup.DefaultTakeoverCycles"/> cycles), 0 = never (plan
    /// <c>takeover-after</c>).</summary>
    public long TakeoverAfterNanoseconds { get; init; } = -1;

    /// <summary>The redundancy group it belongs to (set when the run is assembled; null outside a group).</summary>
    internal RedundancyGroup? Redundancy { get; set; }

    /// <summary>The next telegram carries counter 0: a follower taking over as leader (TCNopen's
    /// <c>tlp_setRedundant()</c>; wheel thread).</summary>
    internal void RestartSequence() => _sequence = 0;

    /// <summary>Dataset bytes inside <see cref="OutgoingTelegram.Frame"/>.</summary>
    public Span<byte> Payload => Frame.AsSpan(PdFrame.HeaderSize, _datasetLength);

    /// <summary>The generator writing <paramref name="field"/>, if any (runtime changes).</summary>
    public FieldGenerator? FindGenerator(string field)
    {
        foreach (var generator in _generators)
        {
            if (string.Equals(generator.Field, field, StringComparison.Ordinal))
            {
                return generator;
            }
        }

        return null;
    }

    /// <summary>Published with cycle 0: sent only as the answer to a pull, never scheduled on the wheel.</summary>
    public bool PullOnly { get; init; }

    /// <summary>Where this telegram's pull replies leave (set when the run is built): from the device's first
    /// interface.</summary>
    public Outlet PullOutlet { get; internal set; } = null!;

    /// <summary>A multi-homed device's pull-reply outlets of its further interfaces (index: interface − 1): a 'Pp'
    /// leaves on the interface its 'Pr' arrived on. Null for a single-homed device (set when the run is built).</summary>
    internal Outlet[]? PullPaths { get; set; }

    /// <summary>The device's interfaces the telegram plays on, as a mask (bit i = interface i); 0 = every interface.
    /// A 'Pr' that arrived on another interface is not answered by it (that interface's session has no such
    /// publication).</summary>
    internal int Faces { get; set; }

    /// <summary>Whether the telegram plays on interface <paramref name="face"/>.</summary>
    internal bool PlaysOn(int face) => Faces == 0 || (Faces & (1 << face)) != 0;

    /// <summary>Counts the outcome of each pull reply (pull requests answered, or send failures).</summary>
    internal ISentFrameOwner PullReplies => _pullReplies ??= new PullReplyCounter(Counters);

    /// <inheritdoc />
    public override int PayloadLength => _datasetLength;

    /// <summary>Answers one accepted 'Pr' with a 'Pp' to <paramref name="replyTo"/> (wheel thread): a cyclic
    /// publication's current payload, a pull-only one's next generated values.</summary>
    /// <param name="replyTo">Where the 'Pp' goes.</param>
    /// <param name="face">The device's interface the 'Pr' arrived on (0 = a): the 'Pp' leaves on it.</param>
    public void AnswerPull(Ip4Endpoint replyTo, int face = 0)
    {
        var payload = Payload;
        if (PullOnly)
        {
            foreach (var generator in _generators)
            {
                generator.Write(payload);
            }
        }

        var header = new PdHeader
        {
            SequenceCounter = _pullSequence++,
            ProtocolVersion = PdFrame.CurrentProtocolVersion,
            MessageType = TrdpMessageType.Pp,
            ComId = ComId,
        };
        var outlet = face > 0 && PullPaths is { } paths && face <= paths.Length ? paths[face - 1] : PullOutlet;
        var copy = outlet.Copies.Rent();
        copy.Length = PdFrame.Encode(copy.Capacity, header, payload);
        outlet.SendCopy(copy, new FrameRoute(replyTo), SendPort.Unscheduled);
    }

    /// <inheritdoc />
    public override void OnSent(bool accepted, long sentNanoseconds)
    {
        base.OnSent(accepted, sentNanoseconds);
        if (accepted && !Follower && Redundancy is { } group)
        {
            group.OnLeaderFrame(sentNanoseconds);
        }
    }

    /// <inheritdoc />
    protected override void OnFollowerCycle(long nowNanoseconds) => Redundancy?.WatchLeader(nowNanoseconds);

    /// <summary>Writes <paramref name="sequence"/> into the prepared frame and counts on from it (a
    /// sequence fault's jump, reset or roll-back; wheel thread only).</summary>
    public override void ContinueSequenceFrom(uint sequence)
    {
        PdFrame.RewriteSequence(Frame, sequence);
        _sequence = sequence + 1;
    }

    /// <inheritdoc />
    protected override void PrepareFrame(long cycleIndex)
    {
        var payload = Payload;
        foreach (var generator in _generators)
        {
            generator.Write(payload);
        }

        PdFrame.RewriteSequence(Frame, _sequence++);
    }

    /// <summary>Counts pull replies on the publication's own counters.</summary>
    private sealed class PullReplyCounter(TelegramCounters counters) : ISentFrameOwner
    {
        public void OnSent(bool accepted, long sentNanoseconds)
        {
            if (accepted)
            {
                counters.PullRequests++;
            }
            else
            {
                counters.SendFailures++;
            }
        }
    }
}
