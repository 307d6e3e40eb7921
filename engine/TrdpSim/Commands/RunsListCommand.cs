using System.CommandLine;
using System.Globalization;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim runs list</c>: every stored run, newest first, one line each.</summary>
internal static class RunsListCommand
{
    private static readonly string[] Header = ["ID", "NAME", "STATE", "VERDICT", "STARTED (UTC)", "PLAYED", "INTERVALS", "BASELINE"];

    public static Command Create()
    {
        var dataDirectory = StoreOptions.DataDirectory();
        var command = new Command("list", "stored runs, newest first: id, plan, state, verdict, start, length, intervals") { dataDirectory };
        command.SetAction(parse => RunsCommand.With(parse.GetValue(dataDirectory), Execute));
        return command;
    }

    private static int Execute(RunStore store)
    {
        IReadOnlyList<StoredRun> runs = store.List();
        if (runs.Count == 0)
        {
            Console.WriteLine($"no runs in {store.FilePath}");
            return ExitCodes.Ok;
        }

        var baselines = new HashSet<string>(StringComparer.Ordinal);
        foreach (StoredRun run in runs)
        {
            if (store.Baseline(run.ScenarioKey) is { } baseline)
            {
                baselines.Add(baseline.Id);
            }
        }

        var rows = new List<string[]> { Header };
        foreach (StoredRun run in runs)
        {
            rows.Add([
                run.Id,
                run.Name,
                RunStates.Label(run.State),
                run.Verdict ?? "-",
                run.StartedUtc?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
                FormattableString.Invariant($"{run.Duration.TotalSeconds:0.#} s"),
                run.Intervals.ToString(CultureInfo.InvariantCulture),
                baselines.Contains(run.Id) ? "yes" : "",
            ]);
        }

        Console.WriteLine($"runs in {store.FilePath}:");
        TextTable.Write(rows);
        return ExitCodes.Ok;
    }
}
