namespace TrdpSim.Plan;

/// <summary>Everything a run needs: network settings, datasets and virtual devices.</summary>
/// <remarks>
/// Independent of where it came from: TOML configuration, a JavaScript scenario or a TCNopen XML device
/// file all build this same model. It is a description; the engine compiles it into devices once at
/// start, and runtime changes (rates, field values, faults) arrive later as commands against the
/// compiled devices, addressed by the names given here.
/// </remarks>
public sealed class RunPlan : PlanEntry
{
    /// <summary>Name shown in summaries and metrics (default: the source file's name).</summary>
    public string Name { get; set; } = "run";

    /// <summary>The file the plan was read from, if any.</summary>
    public string? SourcePath { get; set; }

    /// <summary>How long to run; <c>null</c> runs until stopped.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Seed for every random generator and fault model (deterministic runs).</summary>
    public ulong Seed { get; set; } = 1;

    public NetworkPlan Network { get; set; } = new();

    /// <summary>Address rewrites asked for by the sources and the command line, applied once before
    /// validation (<see cref="Addresses.AddressMapper"/>).</summary>
    public Addresses.AddressMapPlan AddressMap { get; } = new();

    /// <summary>How the engine's threads run on the host (wait grid, real-time scheduling, stalls).</summary>
    public EnginePlan Engine { get; set; } = new();

    public MetricsPlan Metrics { get; set; } = new();

    public List<DatasetPlan> Datasets { get; } = [];

    public List<DevicePlan> Devices { get; } = [];

    /// <summary>Faults planned for the run (more can be injected at runtime).</summary>
    public List<FaultPlan> Faults { get; } = [];

    /// <summary>Scenarios with phases, timelines and hooks (empty for a plain configuration).</summary>
    public List<ScenarioPlan> Scenarios { get; } = [];

    /// <summary>Pass/fail rules checked while the run goes and at its end (exit code 1 when one fails).</summary>
    public List<ThresholdPlan> Thresholds { get; } = [];

    /// <summary>The value every scenario parameter (<c>plan.param</c>) took: the <c>--param</c> value, else the
    /// default. Recorded for the run manifest; the scenarios already hold the values they use.</summary>
    public List<ParameterValue> Parameters { get; } = [];
}
