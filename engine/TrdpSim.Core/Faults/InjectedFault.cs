using TrdpSim.Plan;
using TrdpSim.Plan.Faults;
using TrdpSim.Telemetry;

namespace TrdpSim.Faults;

/// <summary>A fault attached to live telegrams: what the runtime (timeline, lifecycle, control API)
/// holds to change its intensity or take it away again.</summary>
/// <remarks>Wheel thread only, except <see cref="FaultTelemetry.Strikes"/>, which any thread may read.</remarks>
public abstract class InjectedFault : FaultTelemetry
{
    private double _intensity;

    protected InjectedFault(FaultPlan plan) => Plan = plan;

    /// <summary>The fault as planned (name, kind, target, parameters).</summary>
    public FaultPlan Plan { get; }

    public override string Name => Plan.Name;

    /// <inheritdoc />
    public override string KindName => FaultKinds.Name(Plan.Kind);

    /// <inheritdoc />
    public override string TargetText => Plan.Target.ToString();

    public FaultKind Kind => Plan.Kind;

    /// <summary>Current intensity, 0…1: 0 = no effect, 1 = as planned. Set by ramps and settling.</summary>
    public double Intensity
    {
        get => _intensity;
        set
        {
            _intensity = value;
            NoteActing(Attached && value > 0);
        }
    }

    /// <summary>Takes the fault off every target it is attached to; safe to call more than once.</summary>
    public void Detach()
    {
        if (!Attached)
        {
            return;
        }

        Attached = false;
        NoteActing(false);
        OnDetach();
    }

    /// <summary>Removes the fault from its targets (restores what it changed).</summary>
    protected abstract void OnDetach();
}
