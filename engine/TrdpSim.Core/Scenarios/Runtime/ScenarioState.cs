namespace TrdpSim.Scenarios.Runtime;

/// <summary>Where a scenario is in its life.</summary>
public enum ScenarioState
{
    /// <summary>Loaded, the run has not started.</summary>
    Pending,

    /// <summary>Timeline, phases, faults and hooks are live.</summary>
    Active,

    /// <summary>Ended (its time is up, it was stopped, or it failed): faults and multipliers ease back.</summary>
    Settling,

    /// <summary>Everything it changed is back as planned.</summary>
    Settled,
}
