using TrdpSim.Devices.Md;
using TrdpSim.Plan;

namespace TrdpSim.Faults.Md;

/// <summary>An MD fault attached to repliers or callers: the hooks it added, so taking it off removes
/// exactly those and nothing else.</summary>
/// <remarks>Wheel thread only (the hooks are run, added and removed there).</remarks>
internal sealed class MdInjectedFault : InjectedFault
{
    private readonly List<(MdListener Listener, MdReplierHook Hook)> _repliers = [];
    private readonly List<(MdCaller Caller, MdCallerHook Hook)> _callers = [];

    public MdInjectedFault(FaultPlan plan)
        : base(plan) => Intensity = plan.Intensity;

    /// <inheritdoc />
    public override int TargetCount => _repliers.Count + _callers.Count;

    internal void Attach(MdListener listener, MdReplierHook hook)
    {
        listener.AddHook(hook);
        _repliers.Add((listener, hook));
    }

    internal void Attach(MdCaller caller, MdCallerHook hook)
    {
        caller.AddHook(hook);
        _callers.Add((caller, hook));
    }

    /// <summary>Counts one transaction the fault changed (readable from any thread).</summary>
    internal void Strike() => Interlocked.Increment(ref Strikes);

    /// <inheritdoc />
    protected override void OnDetach()
    {
        foreach (var (listener, hook) in _repliers)
        {
            listener.RemoveHook(hook);
        }

        foreach (var (caller, hook) in _callers)
        {
            caller.RemoveHook(hook);
        }
    }
}
