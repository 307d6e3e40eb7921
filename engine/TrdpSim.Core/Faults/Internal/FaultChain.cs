using TrdpSim.Buffers;
using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>The faults attached to one outlet, applied to every frame (and, for MD, every reply decision) that
/// passes it.</summary>
/// <remarks>
/// <para>An outlet without faults has no chain (a null check on the send path). With one, each frame goes:
/// header links (sequence, topography: they change the telegram's own frame, as the fault means) → gate
/// links (silence, loss) → a pooled copy when any link needs one → mutate links (FCS, bit flips,
/// malformation) on the copy → extra copies → delay or reorder → the outlet's port. The telegram's own
/// frame is never broken by a transient fault, so later cycles are clean. Links of one stage run in the
/// order they were attached. MD listeners consult the reply links before a reply exists; MD callers the
/// confirm links before they confirm an 'Mq'.</para>
/// <para>Wheel thread only; nothing here allocates once the buffer pools are warm.</para>
/// </remarks>
internal sealed class FaultChain : IOutletStage
{
    private readonly Outlet _outlet;
    private readonly TimingWheel _wheel;
    private FaultLink[] _links = new FaultLink[4];
    private int _count;
    private bool _needsCopy;

    public FaultChain(Outlet outlet, TimingWheel wheel)
    {
        _outlet = outlet;
        _wheel = wheel;
    }

    public int Count => _count;

    public Outlet Outlet => _outlet;

    /// <summary>Adds a link after the others of its stage.</summary>
    public void Add(FaultLink link)
    {
        if (_count == _links.Length)
        {
            Array.Resize(ref _links, _count * 2);
        }

        var at = _count;
        while (at > 0 && _links[at - 1].Stage > link.Stage)
        {
            _links[at] = _links[at - 1];
            at--;
        }

        _links[at] = link;
        _count++;
        link.Chain = this;
        Refresh();
    }

    /// <summary>Removes a link; returns true when the chain is empty afterwards.</summary>
    public bool Remove(FaultLink link)
    {
        var index = Array.IndexOf(_links, link, 0, _count);
        if (index >= 0)
        {
            Array.Copy(_links, index + 1, _links, index, _count - index - 1);
            _links[--_count] = null!;
            Refresh();
        }

        return _count == 0;
    }

    /// <inheritdoc />
    public void Emit(byte[] frame, int length, in FrameRoute route, long intendedNanoseconds)
    {
        if (!PassesHeaderAndGates(frame.AsSpan(0, length)))
        {
            return;
        }

        if (!_needsCopy)
        {
            _outlet.Deliver(frame, length, route, intendedNanoseconds);
            return;
        }

        var first = _outlet.Copies.Rent();
        frame.AsSpan(0, length).CopyTo(first.Block);
        first.Length = length;
        Shape(first, route, intendedNanoseconds);
    }

    /// <inheritdoc />
    public void EmitCopy(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds)
    {
        if (!PassesHeaderAndGates(copy.Span))
        {
            _outlet.Copies.Return(copy);
            return;
        }

        if (!_needsCopy)
        {
            _outlet.DeliverCopy(copy, route, intendedNanoseconds);
            return;
        }

        Shape(copy, route, intendedNanoseconds);
    }

    /// <summary>Prepares and sends one extra frame between cycles (babbling).</summary>
    /// <returns>False when the telegram is silenced by the runtime command (nothing prepared or sent).</returns>
    public bool EmitExtra(long intendedNanoseconds)
    {
        var source = _outlet.Source!;
        if (!source.TryPrepareExtraFrame())
        {
            return false;
        }

        Emit(source.Frame, source.FrameLength, new FrameRoute(source.Destination), intendedNanoseconds);
        return true;
    }

    /// <inheritdoc />
    public long Stretch(long cycleNanoseconds)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_links[i].Stage == LinkStage.Schedule)
            {
                cycleNanoseconds = _links[i].Stretch(cycleNanoseconds);
            }
        }

        return cycleNanoseconds;
    }

    /// <inheritdoc />
    public void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_links[i].Stage == LinkStage.Reply)
            {
                _links[i].ShapeReply(ref decision, callerTimeoutNanoseconds, ref fromAlternatePort);
            }
        }
    }

    /// <inheritdoc />
    public bool WithholdsConfirm()
    {
        // Every confirm link draws, so that each keeps its own stream whatever the others decide.
        var withhold = false;
        for (var i = 0; i < _count; i++)
        {
            if (_links[i].Stage == LinkStage.Confirm)
            {
                withhold |= _links[i].WithholdsConfirm();
            }
        }

        return withhold;
    }

    /// <summary>Hands a copy to the outlet's port, which returns it to the pool after the send.</summary>
    /// <param name="copy">A pooled copy this chain owns; ownership passes to the outlet.</param>
    /// <param name="route">Where it goes.</param>
    /// <param name="intendedNanoseconds">The cycle time, or <see cref="SendPort.Unscheduled"/> for a
    /// frame that leaves late on purpose (its lateness is not recorded).</param>
    public void Send(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds) =>
        _outlet.DeliverCopy(copy, route, intendedNanoseconds);

    private bool PassesHeaderAndGates(Span<byte> frame)
    {
        var links = _links;
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            if (links[i].Stage == LinkStage.Header)
            {
                links[i].OnHeader(frame);
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (links[i].Stage == LinkStage.Gate && links[i].Drops())
            {
                // Prepared (sequence counter taken) but withheld: counted so that sent + struck adds up to
                // the frames the telegram played, and the receiver's gap can be checked against it.
                if (_outlet.Source is not null && _outlet.Counters is { } counters)
                {
                    counters.Struck++;
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>Mutates the first copy, makes the extra ones and routes each (delay, reorder or the port).</summary>
    private void Shape(TelegramBuffer first, in FrameRoute route, long intendedNanoseconds)
    {
        var links = _links;
        var count = _count;
        var length = first.Length;
        var copies = 1;
        for (var i = 0; i < count; i++)
        {
            var link = links[i];
            if (link.Stage == LinkStage.Mutate)
            {
                link.Mutate(first.Block, ref length);
            }
            else if (link.Stage == LinkStage.Multiply)
            {
                copies += link.ExtraCopies();
            }
        }

        first.Length = length;
        // Duplicates are byte-identical, so they may leave before the original; each is routed on its
        // own (a delay fault draws a delay per copy).
        for (var c = 1; c < copies; c++)
        {
            var copy = _outlet.Copies.Rent();
            first.Span.CopyTo(copy.Block);
            copy.Length = length;
            Route(copy, route, intendedNanoseconds);
        }

        Route(first, route, intendedNanoseconds);
    }

    private void Route(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds)
    {
        var links = _links;
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            var stage = links[i].Stage;
            if ((stage == LinkStage.Delay && links[i].TryDelay(copy, route, intendedNanoseconds, _wheel)) ||
                (stage == LinkStage.Reorder && links[i].TryHold(copy, route)))
            {
                return;
            }
        }

        Send(copy, route, intendedNanoseconds);
        for (var i = 0; i < count; i++)
        {
            if (links[i].Stage == LinkStage.Reorder)
            {
                links[i].AfterSend();
            }
        }
    }

    private void Refresh()
    {
        _needsCopy = false;
        for (var i = 0; i < _count; i++)
        {
            _needsCopy |= _links[i].NeedsCopy;
        }
    }
}
