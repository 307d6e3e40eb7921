using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>A control call waiting for the wheel thread; abandoned with an answer when the run stops first.</summary>
internal interface IPendingControl
{
    void Abandon(ControlResult result);
}

/// <summary>A change posted to the wheel thread; its task completes (off the wheel thread) once applied.</summary>
internal sealed class ControlCommand(RunControl control, ControlScope scope, ControlActionKind action, string target, string detail,
    Func<ControlContext, ControlResult> change) : IWheelCommand, IPendingControl
{
    private readonly TaskCompletionSource<ControlResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The control that posted the command (and whose run it changes).</summary>
    public RunControl Control => control;

    public ControlScope Scope => scope;

    public ControlActionKind Action => action;

    public string Target => target;

    public string Detail => detail;

    public Func<ControlContext, ControlResult> Change => change;

    public Task<ControlResult> Task => _done.Task;

    public void Execute(TimingWheel wheel) => _done.TrySetResult(control.Execute(this, wheel));

    public void Abandon(ControlResult result) => _done.TrySetResult(result);
}

/// <summary>A read that needs the wheel thread's consistent view (a publication's payload, the active faults).</summary>
internal sealed class ControlQuery<T>(RunControl control, Func<TimingWheel, long, ControlResult<T>> read) : IWheelCommand, IPendingControl
{
    private readonly TaskCompletionSource<ControlResult<T>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ControlResult<T>> Task => _done.Task;

    public void Execute(TimingWheel wheel) => _done.TrySetResult(control.Answer(this, wheel, read));

    public void Abandon(ControlResult result) => _done.TrySetResult(result);
}
