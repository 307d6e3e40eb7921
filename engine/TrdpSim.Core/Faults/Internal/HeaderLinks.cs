using System.Buffers.Binary;
using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Protocol;

namespace TrdpSim.Faults.Internal;

/// <summary>Sequence counter faults: freeze repeats one value while active; jump, reset and roll back
/// bend the publication's counter once, and it counts on from there (the lasting change is the fault).</summary>
internal sealed class SequenceLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly SequenceFaultMode _mode = fault.Plan.SequenceMode;
    private readonly uint _step = fault.Plan.SequenceStep;
    private bool _frozen;
    private uint _frozenValue;
    private bool _done;

    public override LinkStage Stage => LinkStage.Header;

    public override void OnHeader(Span<byte> frame)
    {
        var active = Intensity > 0;
        var current = BinaryPrimitives.ReadUInt32BigEndian(frame);
        if (_mode == SequenceFaultMode.Freeze)
        {
            if (!active)
            {
                _frozen = false;
                return;
            }

            if (!_frozen)
            {
                // The first frame of the freeze still carries its own counter; the following ones repeat it.
                _frozen = true;
                _frozenValue = current;
                return;
            }

            PdFrame.RewriteSequence(frame, _frozenValue);
            Fault.Strikes++;
            return;
        }

        if (!active || _done)
        {
            return;
        }

        _done = true;
        var bent = _mode switch
        {
            SequenceFaultMode.Jump => current + _step,
            SequenceFaultMode.Reset => 0u,
            _ => current - _step,
        };
        Source.ContinueSequenceFrom(bent);
        Fault.Strikes++;
    }
}

/// <summary>Writes other topography counters into the publication's header while active (an inauguration
/// the receivers did not take part in) and writes the original ones back when it ends.</summary>
internal sealed class TopoLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private const int EtbOffset = 12;
    private const int OpTrainOffset = 16;
    private readonly uint _etb = fault.Plan.EtbTopoCount;
    private readonly uint _opTrain = fault.Plan.OpTrainTopoCount;
    private readonly uint _originalEtb = BinaryPrimitives.ReadUInt32BigEndian(outlet.Source!.Frame.AsSpan(EtbOffset));
    private readonly uint _originalOpTrain = BinaryPrimitives.ReadUInt32BigEndian(outlet.Source!.Frame.AsSpan(OpTrainOffset));
    private bool _applied;

    public override LinkStage Stage => LinkStage.Header;

    public override void OnHeader(Span<byte> frame)
    {
        if (Intensity > 0)
        {
            if (!_applied)
            {
                Write(frame, _etb, _opTrain);
                _applied = true;
            }

            Fault.Strikes++;
        }
        else if (_applied)
        {
            Restore(frame);
        }
    }

    public override void OnRemoved()
    {
        if (_applied)
        {
            Restore(Source.Frame.AsSpan(0, Source.FrameLength));
        }
    }

    private void Restore(Span<byte> frame)
    {
        Write(frame, _originalEtb, _originalOpTrain);
        _applied = false;
    }

    private static void Write(Span<byte> frame, uint etb, uint opTrain)
    {
        BinaryPrimitives.WriteUInt32BigEndian(frame[EtbOffset..], etb);
        BinaryPrimitives.WriteUInt32BigEndian(frame[OpTrainOffset..], opTrain);
        HeaderFcs.Write(frame[..PdFrame.HeaderSize]);
    }
}
