namespace TrdpSim.Plan;

/// <summary>One scenario of a run: its phases, its timeline, its hooks and how it ends.</summary>
/// <remarks>
/// A run plays one or more scenarios over one set of devices. Each scenario goes active → settling →
/// settled: it is active from the run start for <see cref="ActiveFor"/> (default: as long as its phases,
/// or the whole run), then its faults and phase multipliers ease back to normal over
/// <see cref="Settle"/>, then it is settled and leaves the devices as the plan made them. Devices a
/// scenario drives (faults, phases, timeline actions) are its claims; two scenarios claiming one device
/// is a plan error.
/// </remarks>
public sealed class ScenarioPlan : PlanEntry
{
    public string Name { get; set; } = "scenario";

    /// <summary>The scenario's file (positions of its items point into it).</summary>
    public string? SourcePath { get; set; }

    /// <summary>How long the scenario stays active; <c>null</c> = the sum of its phases, or the whole run
    /// when it has none.</summary>
    public TimeSpan? ActiveFor { get; set; }

    /// <summary>Time to ease faults and multipliers back to normal once the scenario ends (0 = at once).</summary>
    public TimeSpan Settle { get; set; }

    /// <summary>Load stages, played in order from the run start.</summary>
    public List<PhasePlan> Phases { get; } = [];

    /// <summary>Actions at chosen moments.</summary>
    public List<TimelinePlan> Timeline { get; } = [];

    /// <summary>Script functions called on run events.</summary>
    public List<HookPlan> Hooks { get; } = [];

    /// <summary>Devices this scenario drives beyond its faults' and phases' targets (explicit claims).</summary>
    public List<string> Claims { get; } = [];

    /// <summary>The script behind the timeline and hook callbacks; <c>null</c> for a purely declarative scenario.</summary>
    public IScenarioScript? Script { get; set; }
}

/// <summary>A loaded script that owns the callbacks a scenario's timeline and hooks refer to by index.</summary>
/// <remarks>Opaque to the plan; the Scenarios part runs it on its own worker thread.</remarks>
public interface IScenarioScript : IDisposable
{
    /// <summary>The script's file name, for messages.</summary>
    string FileName { get; }
}
