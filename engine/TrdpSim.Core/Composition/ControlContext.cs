using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>What a change sees when it is applied on the wheel thread: the wheel, the time, the run, and
/// where to remember how to take it back.</summary>
public readonly struct ControlContext
{
    private readonly ControlCommand _command;

    internal ControlContext(ControlCommand command, TimingWheel wheel, long now)
    {
        _command = command;
        Wheel = wheel;
        NowNanoseconds = now;
    }

    /// <summary>The run the change is applied to: the one of the control that posted it.</summary>
    public LiveRun Run => _command.Control.Run;

    public TimingWheel Wheel { get; }

    /// <summary>Monotonic time of the change.</summary>
    public long NowNanoseconds { get; }

    /// <summary>The scope's journal, or null when its changes are not taken back.</summary>
    public ControlJournal? Journal => _command.Scope.Journal;

    /// <summary>Remembers how to take back the change just made (nothing when the scope keeps no journal).</summary>
    /// <param name="detail">What the undo restores, for the audit event it raises (<c>cycle 10 ms</c>).</param>
    /// <param name="undo">Wheel thread, with the time of the undo.</param>
    public void RememberUndo(string detail, Action<TimingWheel, long> undo) =>
        Journal?.Record(_command.Action, _command.Target, detail, undo);
}
