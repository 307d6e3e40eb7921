using TrdpSim.Events;

namespace TrdpSim.Composition;

/// <summary>Posts every applied control change to the run's event stream (<c>run.control</c>): the audit hook
/// of <see cref="RunControl"/> turned into events.</summary>
/// <remarks>Runs on the wheel thread: one post into the bus's ring, no allocation (the strings are the
/// change's own, the action's name is a constant).</remarks>
public sealed class ControlEventPoster(RunEventBus events) : IControlObserver
{
    private static readonly string[] ActionNames =
    [
        "inject", "repair", "set-cycle", "silence", "unsilence", "set-field", "lock-field", "unlock-field", "pause", "resume",
        "stop-scenario", "reset-scenario",
    ];

    /// <summary>The wire name of an action (<c>set-cycle</c>, <c>pause</c> …).</summary>
    public static string ActionName(ControlActionKind action) => ActionNames[(int)action];

    public void OnControlApplied(in ControlEvent applied) =>
        events.Post(new RunEvent(RunEventKind.ControlAction, applied.MonotonicNanoseconds, Source: applied.Actor.Name,
            Subject: applied.Target, Detail: ActionName(applied.Action), Text: applied.Detail.Length > 0 ? applied.Detail : null,
            Count: applied.IsUndo ? 1 : 0));
}
