using TrdpSim.Reporting;
using TrdpSim.Scenarios.Runtime;

namespace TrdpSim.Hosting;

/// <summary>Ends a run's scenarios (their end hooks) and records how they went in the summary: the same for
/// <c>trdpsim run</c> and for runs of the daemon.</summary>
public static class ScenarioOutcome
{
    /// <summary>How long end hooks may run before they are cancelled.</summary>
    public static readonly TimeSpan EndHookTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the end hooks (after the wheel stopped) and puts the scenarios' outcome into
    /// <paramref name="summary"/>; <c>run.fail()</c> verdicts reach the threshold report on their own.</summary>
    /// <returns>False when the end hooks did not finish within <see cref="EndHookTimeout"/> and were cancelled.</returns>
    public static bool Finish(ScenarioHost? scenarios, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (scenarios is null)
        {
            return true;
        }

        var finished = scenarios.End(summary, EndHookTimeout);
        var rows = new List<ScenarioSummaryRow>();
        foreach (var scenario in scenarios.Scenarios)
        {
            rows.Add(new ScenarioSummaryRow(scenario.Name, scenario.State.ToString().ToLowerInvariant(), scenario.Error));
        }

        summary.Scenarios = new ScenarioSummary(rows, scenarios.EventsDelivered, scenarios.EventsDropped, scenarios.MdScriptFallbacks);
        return finished;
    }
}
