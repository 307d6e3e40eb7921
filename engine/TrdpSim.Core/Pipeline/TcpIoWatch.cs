using TrdpSim.Scheduling;

namespace TrdpSim.Pipeline;

/// <summary>Watches the .NET thread pool that MD over TCP receives on: a pool that runs queued work late holds every
/// TCP frame the device already sent, so its delays are stalls of trdpsim, not of the device.</summary>
/// <remarks>
/// <para>TCP socket operations complete on the thread pool (<see cref="Transport.Tcp.TcpMdConnection"/>), which the
/// wheel's and receive loops' own probes do not see. At most every <see cref="IntervalNanoseconds"/> the wheel thread
/// queues this watch as a pool work item and promises it for that moment (<see cref="StallProbe.Due"/>); the pool
/// thread that runs it checks in. A pool busy or starved for longer than the stall threshold (every worker blocked,
/// or none given a core) is then a stall of <see cref="StallSources.MdReceive"/> named <c>tcp-io</c>, and the
/// timeouts and round trips it overlapped count as self-inflicted, as for an MD receive loop that lagged.</para>
/// <para>Built only for runs with MD over TCP: elsewhere the pool carries no frames. Stalls are judged per kind of
/// thread, not per session, so in a run with MD over UDP as well a pool stall also sets apart the UDP sessions'
/// effects it overlapped. The check on the wheel is two comparisons; queuing costs one pool work item per interval,
/// nothing allocated (the watch is its own work item).</para>
/// </remarks>
internal sealed class TcpIoWatch(StallProbe probe) : ITickWork, IThreadPoolWorkItem
{
    /// <summary>How often the pool is asked to run the watch (10 ms: twice per default stall threshold).</summary>
    public const long IntervalNanoseconds = 10_000_000;

    private long _nextAt;
    private int _queued;
    private long _runs;

    /// <summary>The probe (tests).</summary>
    internal StallProbe Probe => probe;

    /// <summary>How often a pool thread has run the watch (tests).</summary>
    internal long Runs => Volatile.Read(ref _runs);

    /// <summary>Wheel thread: queues the watch when the interval has passed and the previous one has run.</summary>
    public void Run(long nowNanoseconds)
    {
        if (nowNanoseconds < _nextAt || Volatile.Read(ref _queued) != 0)
        {
            return; // a watch still waiting in the pool is itself the measurement: it shows as a stall in progress
        }

        _nextAt = nowNanoseconds + IntervalNanoseconds;
        Volatile.Write(ref _queued, 1);
        probe.Due(nowNanoseconds); // the wake-up's time: this runs first in it (RunBuilder), so it is queued right then
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>A pool thread: the pool ran the watch; later than promised by the threshold records a stall.</summary>
    public void Execute()
    {
        probe.CheckIn(MonotonicClock.NowNanoseconds());
        probe.Idle();
        Volatile.Write(ref _queued, 0);
        Interlocked.Increment(ref _runs);
    }
}
