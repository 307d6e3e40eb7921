namespace TrdpSim.Composition;

/// <summary>What a control change did.</summary>
public enum ControlActionKind
{
    Inject,
    Repair,
    SetCycle,
    Silence,
    Unsilence,
    SetField,
    LockField,
    UnlockField,
    Pause,
    Resume,
    SwitchLeader,
    StopScenario,
    ResetScenario,

    /// <summary>A scenario parameter given a new value while the run goes (scripts read it with <c>run.param()</c>).</summary>
    SetParameter,

    /// <summary>The daemon started the run (the first event of a run started over HTTP).</summary>
    StartRun,

    /// <summary>Someone asked the daemon to stop the run.</summary>
    StopRun,

    /// <summary>Every change made over the control plane taken back and the scenarios reset: the run as planned.</summary>
    ResetRun,
}

/// <summary>One applied control change, as the audit hook sees it.</summary>
/// <param name="Action">What was done.</param>
/// <param name="Target">What it was done to, as resolved (<c>device/telegram</c>, a fault's name, a scenario).</param>
/// <param name="Detail">The new value or state in words (<c>cycle 50 ms</c>, <c>count = 7</c>), empty when the action says it all.</param>
/// <param name="Actor">Who asked.</param>
/// <param name="MonotonicNanoseconds">When it was applied, on the run's monotonic clock.</param>
/// <param name="Utc">When it was applied, wall clock.</param>
/// <param name="IsUndo">Whether this takes back an earlier change of the same actor (a scenario settling or being reset).</param>
public readonly record struct ControlEvent(
    ControlActionKind Action, string Target, string Detail, ControlActor Actor, long MonotonicNanoseconds, DateTimeOffset Utc, bool IsUndo);

/// <summary>Receives every applied control change (a run store, an event stream, a log).</summary>
/// <remarks>Called on the wheel thread right after the change, in the order changes were applied: keep it
/// short and never block (hand the event to a queue). An exception is caught and counted
/// (<see cref="RunControl.ObserverFailures"/>); the change stands.</remarks>
public interface IControlObserver
{
    void OnControlApplied(in ControlEvent applied);
}
