namespace TrdpSim.Plan;

/// <summary>A timeline entry: a script callback at an absolute moment of the run, or every period.</summary>
public sealed class TimelinePlan : PlanEntry
{
    /// <summary>First call, from the run start (<c>at</c>; <c>after</c> is resolved to this at load).</summary>
    public TimeSpan At { get; set; }

    /// <summary>Repeat period; zero = once.</summary>
    public TimeSpan Every { get; set; }

    /// <summary>No calls at or after this moment (from the run start); <c>null</c> = no end.</summary>
    public TimeSpan? Until { get; set; }

    /// <summary>Index of the callback in the scenario's script.</summary>
    public int Callback { get; set; }
}
