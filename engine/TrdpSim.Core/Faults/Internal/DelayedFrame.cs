using TrdpSim.Buffers;
using TrdpSim.Pipeline;
using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>A frame copy waiting in the wheel for its delayed send time.</summary>
/// <remarks>Pooled by <see cref="DelayedFramePool"/>; it returns itself after handing the copy to the
/// send batch. The copy still leaves after its fault was repaired: it was sent, only late.</remarks>
internal sealed class DelayedFrame(DelayedFramePool pool) : WheelTimer
{
    private FaultChain? _chain;
    private TelegramBuffer? _copy;
    private FrameRoute _route;

    public void Set(FaultChain chain, TelegramBuffer copy, in FrameRoute route)
    {
        _chain = chain;
        _copy = copy;
        _route = route;
    }

    public void Clear()
    {
        _chain = null;
        _copy = null;
        _route = default;
    }

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        var chain = _chain!;
        var copy = _copy!;
        var route = _route;
        Clear();
        pool.Return(this);
        chain.Send(copy, route, SendPort.Unscheduled);
    }
}

/// <summary>Free list of <see cref="DelayedFrame"/> timers (wheel thread only): in steady state every delayed
/// frame reuses one, so delaying allocates nothing once the pool has grown to the frames in flight.</summary>
internal sealed class DelayedFramePool
{
    private readonly Stack<DelayedFrame> _free = new();

    public DelayedFrame Rent() => _free.TryPop(out var timer) ? timer : new DelayedFrame(this);

    public void Return(DelayedFrame timer) => _free.Push(timer);

    /// <summary>Makes sure at least <paramref name="count"/> timers are free.</summary>
    public void Reserve(int count)
    {
        while (_free.Count < count)
        {
            _free.Push(new DelayedFrame(this));
        }
    }
}
