using TrdpSim.Plan;

namespace TrdpSim.Faults;

/// <summary>A fault attached to live telegrams: what the runtime (timeline, lifecycle, control API)
/// holds to change its intensity or take it away again.</summary>
/// <remarks>Wheel thread only, except <see cref="Strikes"/>, which any thread may read.</remarks>
public abstract class InjectedFault
{
    protected InjectedFault(FaultPlan plan) => Plan = plan;

    /// <summary>The fault as planned (name, kind, target, parameters).</summary>
    public FaultPlan Plan { get; }

    public string Name => Plan.Name;

    public FaultKind Kind => Plan.Kind;

    /// <summary>Current intensity, 0…1: 0 = no effect, 1 = as planned. Set by ramps and settling.</summary>
    public double Intensity { get; set; }

    /// <summary>Whether the fault is still attached (false once repaired).</summary>
    public bool Attached { get; private set; } = true;

    /// <summary>Frames (or sessions, or cycles) the fault has changed so far.</summary>
    public long Strikes;

    /// <summary>Number of telegrams, callers or repliers the fault is attached to.</summary>
    public abstract int TargetCount { get; }

    /// <summary>Takes the fault off every target it is attached to; safe to call more than once.</summary>
    public void Detach()
    {
        if (!Attached)
        {
            return;
        }

        Attached = false;
        OnDetach();
    }

    /// <summary>Removes the fault from its targets (restores what it changed).</summary>
    protected abstract void OnDetach();
}
