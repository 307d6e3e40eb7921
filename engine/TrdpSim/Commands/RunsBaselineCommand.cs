using System.CommandLine;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim runs baseline &lt;run&gt;</c>: makes a run the baseline of its scenario, which
/// <c>trdpsim compare --baseline</c> judges later runs against.</summary>
internal static class RunsBaselineCommand
{
    public static Command Create() =>
        RunsCommand.OnOneRun("baseline", "mark a run as the baseline of its scenario (plan name and inputs' hash)", (store, run) =>
        {
            StoredRun marked = store.SetBaseline(run);
            Console.WriteLine($"run {marked.Id} is the baseline of scenario {marked.ScenarioKey}");
            return ExitCodes.Ok;
        });
}
