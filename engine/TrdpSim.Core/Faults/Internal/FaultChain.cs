using TrdpSim.Buffers;
using TrdpSim.Devices;
using TrdpSim.Pipeline;
using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>The faults attached to one publication, applied to every frame it sends.</summary>
/// <remarks>
/// <para>A publication without faults has no chain (a null check on the send path). With one, each
/// frame goes: header links (sequence, topography: they change the publication's own frame, as the
/// fault means) → gate links (silence, loss) → a pooled copy when any link needs one → mutate links
/// (FCS, bit flips, malformation) on the copy → extra copies → delay or reorder → the device's send
/// batch. The publication's own frame is never broken by a transient fault, so later cycles are
/// clean. Links of one stage run in the order they were attached.</para>
/// <para>Wheel thread only; nothing here allocates once the buffer pools are warm.</para>
/// </remarks>
internal sealed class FaultChain : IFaultStage
{
    private readonly Publication _publication;
    private readonly TelegramBufferPool _pool;
    private FaultLink[] _links = new FaultLink[4];
    private int _count;
    private bool _needsCopy;

    public FaultChain(Publication publication, TelegramBufferPool pool)
    {
        _publication = publication;
        _pool = pool;
    }

    public int Count => _count;

    public Publication Publication => _publication;

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

    /// <summary>Sends the publication's prepared frame through the links (one cycle, or a babbled extra).</summary>
    public void Emit(long intendedNanoseconds, TimingWheel wheel)
    {
        var links = _links;
        var count = _count;
        var frame = _publication.Frame.AsSpan(0, _publication.FrameLength);
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
                // the frames the publication played, and the receiver's gap can be checked against it.
                _publication.Counters.Struck++;
                return;
            }
        }

        if (!_needsCopy)
        {
            _publication.Sender.Enqueue(_publication, _publication.Frame, _publication.FrameLength, intendedNanoseconds);
            return;
        }

        var first = _pool.Rent();
        frame.CopyTo(first.Block);
        var length = frame.Length;
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
            var copy = _pool.Rent();
            first.Span.CopyTo(copy.Block);
            copy.Length = length;
            Route(copy, intendedNanoseconds, wheel);
        }

        Route(first, intendedNanoseconds, wheel);
    }

    /// <summary>Prepares and sends one extra frame between cycles (babbling).</summary>
    /// <returns>False when the telegram is silenced by the runtime command or the run's traffic is paused
    /// (nothing prepared or sent).</returns>
    public bool EmitExtra(long intendedNanoseconds, TimingWheel wheel)
    {
        if (_publication.Silenced || _publication.IsPaused)
        {
            return false;
        }

        _publication.PrepareExtraFrame();
        Emit(intendedNanoseconds, wheel);
        return true;
    }

    /// <summary>The time to the next cycle after every schedule link has stretched it.</summary>
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

    /// <summary>Hands a copy to the send batch; the batch returns it to the pool after the send.</summary>
    /// <param name="copy">A pooled copy this chain owns; ownership passes to the sender.</param>
    /// <param name="intendedNanoseconds">The cycle time, or <see cref="DeviceSender.Unscheduled"/> for a
    /// frame that leaves late on purpose (its lateness is not recorded).</param>
    public void Send(TelegramBuffer copy, long intendedNanoseconds) =>
        _publication.Sender.EnqueueCopy(_publication, copy, _pool, intendedNanoseconds);

    private void Route(TelegramBuffer copy, long intendedNanoseconds, TimingWheel wheel)
    {
        var links = _links;
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            var stage = links[i].Stage;
            if ((stage == LinkStage.Delay && links[i].TryDelay(copy, intendedNanoseconds, wheel)) ||
                (stage == LinkStage.Reorder && links[i].TryHold(copy)))
            {
                return;
            }
        }

        Send(copy, intendedNanoseconds);
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
