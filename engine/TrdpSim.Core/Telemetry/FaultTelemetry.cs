using TrdpSim.Scheduling;

namespace TrdpSim.Telemetry;

/// <summary>What reports show of an injected fault: its name, kind, target, strikes and when it acted.</summary>
/// <remarks>The fault library's live faults derive from this, so reports read them without knowing the
/// fault library. <see cref="Strikes"/> and the acting times are written on the wheel thread and read by any
/// thread. A fault acts at most once — from its start (or the first step of its ramp) until its stop, the end
/// of its settling or its repair — so two times say all of it, however late a reader looks.</remarks>
public abstract class FaultTelemetry
{
    private bool _attached = true;
    private long _beganActing;
    private long _stoppedActing;

    /// <summary>The fault's name (unique among the active faults of a run).</summary>
    public abstract string Name { get; }

    /// <summary>The fault kind as written in plans (<c>loss</c>, <c>delay</c> …).</summary>
    public abstract string KindName { get; }

    /// <summary>The target selector as written in the plan.</summary>
    public abstract string TargetText { get; }

    /// <summary>Number of telegrams, callers or repliers the fault is attached to.</summary>
    public abstract int TargetCount { get; }

    /// <summary>Whether the fault is still attached (false once repaired).</summary>
    public bool Attached
    {
        get => Volatile.Read(ref _attached);
        protected set => Volatile.Write(ref _attached, value);
    }

    /// <summary>Monotonic time (<c>MonotonicClock</c> nanoseconds) at which the fault began acting on its
    /// targets, or 0 while it has not.</summary>
    public long BeganActingNanoseconds => Volatile.Read(ref _beganActing);

    /// <summary>Monotonic time at which the fault stopped acting, or 0 while it has not (or never began).</summary>
    public long StoppedActingNanoseconds => Volatile.Read(ref _stoppedActing);

    /// <summary>Frames (or sessions, or cycles) the fault has changed so far.</summary>
    public long Strikes;

    /// <summary>Notes whether the fault acts now (attached, intensity above 0); the first change each way is
    /// timed, so a reader that polls once a second still learns when a short fault began and ended.</summary>
    protected void NoteActing(bool acting)
    {
        if (acting)
        {
            if (_beganActing == 0)
            {
                Volatile.Write(ref _beganActing, MonotonicClock.NowNanoseconds());
            }
        }
        else if (_beganActing != 0 && _stoppedActing == 0)
        {
            Volatile.Write(ref _stoppedActing, MonotonicClock.NowNanoseconds());
        }
    }
}
