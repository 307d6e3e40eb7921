using TrdpSim.Events;

namespace TrdpSim.Composition;

/// <summary>Posts every applied control change to the run's event stream (<c>run.control</c>): the audit hook
/// of <see cref="RunControl"/> turned into events.</summary>
/// <remarks>Runs on the wheel thread: one post into the bus's ring, no allocation (the strings are the
/// change's own, the action's name is a constant).</remarks>
internal sealed class ControlEventPoster(RunEventBus events) : IControlObserver
{
    /// <summary>The wire name of an action (<c>set-cycle</c>, <c>pause</c> …); a switch, so a new action that is not
    /// named here fails loudly in the test over every action instead of being posted under another's name.</summary>
    public static string ActionName(ControlActionKind action) => action switch
    {
        ControlActionKind.Inject => "inject",
        ControlActionKind.Repair => "repair",
        ControlActionKind.SetCycle => "set-cycle",
        ControlActionKind.Silence => "silence",
        ControlActionKind.Unsilence => "unsilence",
        ControlActionKind.SetField => "set-field",
        ControlActionKind.LockField => "lock-field",
        ControlActionKind.UnlockField => "unlock-field",
        ControlActionKind.Pause => "pause",
        ControlActionKind.Resume => "resume",
        ControlActionKind.SwitchLeader => "switch-leader",
        ControlActionKind.SetParameter => "set-parameter",
        ControlActionKind.StartRun => "start-run",
        ControlActionKind.StopRun => "stop-run",
        ControlActionKind.ResetRun => "reset-run",
        ControlActionKind.StopScenario => "stop-scenario",
        ControlActionKind.ResetScenario => "reset-scenario",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "an action without a wire name"),
    };

    public void OnControlApplied(in ControlEvent applied) =>
        events.Post(new RunEvent(RunEventKind.ControlAction, applied.MonotonicNanoseconds, Source: applied.Actor.Name,
            Subject: applied.Target, Detail: ActionName(applied.Action), Text: applied.Detail.Length > 0 ? applied.Detail : null,
            Count: applied.IsUndo ? 1 : 0));
}
