using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>What a change sees when it is applied on the wheel thread: the wheel, the time, the run, and
/// where to remember how to take it back.</summary>
public readonly struct ControlContext
{
    private readonly ControlJournal? _journal;
    private readonly ControlActionKind _action;
    private readonly string _target;

    internal ControlContext(LiveRun run, TimingWheel wheel, long now, ControlJournal? journal, ControlActionKind action, string target)
    {
        Run = run;
        Wheel = wheel;
        NowNanoseconds = now;
        _journal = journal;
        _action = action;
        _target = target;
    }

    public LiveRun Run { get; }

    public TimingWheel Wheel { get; }

    /// <summary>Monotonic time of the change.</summary>
    public long NowNanoseconds { get; }

    /// <summary>The scope's journal, or null when its changes are not taken back.</summary>
    public ControlJournal? Journal => _journal;

    /// <summary>Remembers how to take back the change just made (nothing when the scope keeps no journal).</summary>
    /// <param name="detail">What the undo restores, for the audit event it raises (<c>cycle 10 ms</c>).</param>
    /// <param name="undo">Wheel thread, with the time of the undo.</param>
    public void RememberUndo(string detail, Action<TimingWheel, long> undo) => _journal?.Record(_action, _target, detail, undo);
}
