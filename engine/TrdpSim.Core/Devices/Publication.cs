using TrdpSim.Devices.Generators;
using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>A published PD telegram: sent as 'Pd' every cycle and as 'Pp' when pulled.</summary>
/// <remarks>
/// Cyclic sending runs on the wheel thread. Pull replies are built on the receive thread of the
/// device from <see cref="PreparePullReply"/>; a pull racing a cycle may see a payload half-way through
/// its update, which a simulator accepts (TCNopen guards this with a mutex on the application side).
/// A pull-only publication (<see cref="PullOnly"/>) has no cycles, so each reply advances its generators.
/// </remarks>
public sealed class Publication : OutgoingTelegram
{
    private readonly FieldGenerator[] _generators;
    private readonly int _datasetLength;
    private uint _sequence;
    private uint _pullSequence;

    public Publication(string name, uint comId, DeviceSender sender, TelegramCounters counters, TelegramGroup group,
        Ip4Endpoint destination, in PdHeader headerTemplate, ReadOnlySpan<byte> initialPayload, FieldGenerator[] generators)
        : base(name, sender, counters, group, destination, PdFrame.MaxFrameSize)
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

    /// <summary>The payload of a 'Pp' (receive thread): a cyclic publication's current payload; a pull-only one's
    /// next values — its generators advance once per reply, so a counter counts replies.</summary>
    /// <remarks>
    /// Running the generators here is safe because a pull-only publication's payload and generators have
    /// exactly one thread, the receive loop of the device's unicast socket (the only dispatcher its pulls
    /// reach): it is never scheduled (the compiler adds no start for cycle 0 and load phases take only
    /// cyclic publications), so no cycle prepares its frame, and its fault links act only on frames a cycle
    /// emits (a babble link stands still at cycle 0). The one writer from another thread is a runtime
    /// override (<c>run.setField()</c>, wheel thread), which <see cref="FieldGenerator.Override"/> publishes
    /// as one reference, so a reply sees the old or the new pinned value, never half of one.
    /// </remarks>
    /// <returns>The dataset length copied into <paramref name="destination"/>.</returns>
    public int PreparePullReply(Span<byte> destination)
    {
        var payload = Payload;
        if (PullOnly)
        {
            foreach (var generator in _generators)
            {
                generator.Write(payload);
            }
        }

        payload.CopyTo(destination);
        return _datasetLength;
    }

    /// <summary>Takes the next pull-reply sequence number (receive thread only).</summary>
    public uint NextPullSequence() => _pullSequence++;

    /// <summary>Writes <paramref name="sequence"/> into the prepared frame and counts on from it (a
    /// sequence fault's jump, reset or roll-back; wheel thread only).</summary>
    internal void BendSequence(uint sequence)
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
}
