namespace TrdpSim.Plan.Validation;

/// <summary>The one judge of a <see cref="RunPlan"/>: every semantic rule — ranges, relations between keys,
/// unique names and addresses, references between items, faults, thresholds, scenarios — whichever front
/// end (TOML, JavaScript, XML) wrote the plan.</summary>
/// <remarks>
/// Front ends only read: they report what they cannot represent (wrong types, unknown keys, unparsable
/// durations or addresses, missing required keys) and carry the position of every key into the plan
/// (<see cref="PlanEntry.Keys"/>). The validator reports each problem at the exact key it concerns, in the
/// file that key came from, so a rule reads the same for every front end. Pure: no I/O, no machine state
/// (the host-address check of the run lives in Composition).
/// </remarks>
public static class PlanValidator
{
    /// <summary>Every problem that would stop <paramref name="plan"/> from running, sorted by position.</summary>
    public static IReadOnlyList<PlanError> Validate(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var report = new PlanReport();
        RunChecks.Check(plan, report);
        EngineChecks.Check(plan.Engine, report);
        var datasets = DatasetChecks.Check(plan, report);
        DeviceChecks.Check(plan, datasets, report);
        RedundancyChecks.Check(plan, report);
        FaultChecks.Check(plan, report);
        ThresholdChecks.Check(plan, report);
        ScenarioChecks.Check(plan, report);
        return PlanErrorOrder.Sort(report.Errors);
    }
}
