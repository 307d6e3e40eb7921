using TrdpSim.Scheduling;

namespace TrdpSim.Pipeline;

/// <summary>The send stage: flushes every device batch that got frames during a wheel tick.</summary>
/// <remarks>
/// Runs on the wheel thread as its <see cref="IWheelTickListener"/>. Sending inline on the wheel thread
/// (rather than handing frames to a separate send worker) saves a thread wake-up per tick, which on a
/// 2-core machine costs more lateness than the send itself.
/// </remarks>
public sealed class SendQueue : IWheelTickListener
{
    private readonly List<IFlushable> _pending = [];
    private readonly List<ITickWork> _work = [];

    internal void MarkPending(IFlushable sender) => _pending.Add(sender);

    /// <summary>Adds work that runs at every wake-up before the due timers fire (set-up only), e.g.
    /// draining received MD frames whose handling queues replies; what it sends leaves in the same flush.</summary>
    public void AddTickWork(ITickWork work) => _work.Add(work);

    /// <inheritdoc />
    public void BeforeAdvance(long nowNanoseconds)
    {
        for (var i = 0; i < _work.Count; i++)
        {
            _work[i].Run(nowNanoseconds);
        }
    }

    /// <inheritdoc />
    public void AfterTick(long nowNanoseconds, int fired)
    {
        var pending = _pending;
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].Flush();
        }

        pending.Clear();
    }
}
