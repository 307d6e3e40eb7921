using TrdpSim.Hosting;
using TrdpSim.Reporting;
using TrdpSim.Scenarios.Runtime;

namespace TrdpSim.Cli.Commands;

/// <summary>Ends the run's scenarios (end hooks) and prints how they went.</summary>
internal static class ScenarioReport
{
    /// <summary>Runs the end hooks and puts the scenarios' outcome into <paramref name="summary"/>
    /// (<see cref="ScenarioOutcome.Finish"/>), saying so when the hooks had to be cancelled.</summary>
    public static void Finish(ScenarioHost? scenarios, RunSummary summary)
    {
        if (!ScenarioOutcome.Finish(scenarios, summary))
        {
            Console.Error.WriteLine($"trdpsim: scenario end hooks did not finish within {ScenarioOutcome.EndHookTimeout.TotalSeconds:0} s and were cancelled");
        }
    }

    public static void Print(ScenarioHost? scenarios)
    {
        if (scenarios is null || scenarios.Scenarios.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Scenarios");
        foreach (var scenario in scenarios.Scenarios)
        {
            Console.WriteLine($"  {scenario.Name,-24} {scenario.State.ToString().ToLowerInvariant()}{(scenario.Error is null ? string.Empty : " (failed)")}");
        }

        if (scenarios.EventsDelivered + scenarios.EventsDropped > 0)
        {
            Console.WriteLine($"  script events: {scenarios.EventsDelivered} delivered, {scenarios.EventsDropped} dropped (queue full)");
        }

        if (scenarios.MdScriptFallbacks > 0)
        {
            Console.WriteLine($"  MD requests answered by the plan because the script was late: {scenarios.MdScriptFallbacks}");
        }

        foreach (var error in scenarios.Errors)
        {
            Console.Error.WriteLine($"{error}");
        }

        foreach (var failure in scenarios.Failures)
        {
            Console.Error.WriteLine($"{failure.At}: run.fail: {failure.Reason}");
        }
    }
}
