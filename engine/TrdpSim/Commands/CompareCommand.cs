using System.CommandLine;
using TrdpSim.Records;
using TrdpSim.Records.Analysis;
using TrdpSim.Records.Reports;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim compare &lt;runA&gt; &lt;runB&gt;</c> and <c>trdpsim compare --baseline [&lt;run&gt;]</c>: what
/// changed per telegram group, differences beyond noise flagged (README, "Comparing runs").</summary>
/// <remarks>Exit codes: 0 compared (any flags without --baseline; normal or warning with it), 1 with --baseline: a
/// critical flag, 2 bad usage, no such run or no baseline for the scenario, 3 the store cannot be read.</remarks>
internal static class CompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run-id")
        {
            Description = "run A then run B; with --baseline only the run to judge (default: the newest)",
            Arity = new ArgumentArity(0, 2),
        };
        var baseline = OptionValues.Flag("--baseline", "compare the run with its scenario's baseline (trdpsim runs baseline) and exit 1 on a critical flag");
        var all = OptionValues.Flag("--all", "list every figure, not only those beyond noise");
        var output = new Option<string?>("--output", "-o") { Description = "also write the comparison as an HTML page to this file [default: text only]", HelpName = "file" };
        var dataDirectory = StoreOptions.DataDirectory();
        var command = new Command("compare", "compare two stored runs (or a run with its baseline) per telegram group")
        {
            runs, baseline, all, output, dataDirectory,
        };
        command.SetAction(parse => RunsCommand.With(parse.GetValue(dataDirectory), store =>
            Execute(store, parse.GetValue(runs) ?? [], parse.GetValue(baseline), parse.GetValue(all), parse.GetValue(output))));
        return command;
    }

    private static int Execute(RunStore store, string[] ids, bool againstBaseline, bool all, string? output)
    {
        StoredRun a, b;
        if (againstBaseline)
        {
            if (ids.Length > 1)
            {
                Console.Error.WriteLine("trdpsim: compare --baseline takes one run (the one to judge)");
                return ExitCodes.Usage;
            }

            b = store.Resolve(ids.Length == 1 ? ids[0] : "latest");
            if (store.Baseline(b.ScenarioKey) is not { } reference)
            {
                Console.Error.WriteLine($"trdpsim: no baseline for scenario {b.ScenarioKey} (trdpsim runs baseline <run-id> marks one)");
                return ExitCodes.Usage;
            }

            a = reference;
        }
        else
        {
            if (ids.Length != 2)
            {
                Console.Error.WriteLine("trdpsim: compare needs two runs (or --baseline and one)");
                return ExitCodes.Usage;
            }

            a = store.Resolve(ids[0]);
            b = store.Resolve(ids[1]);
        }

        RunComparison comparison = RunComparison.Compare(store.Load(a.Id), store.Load(b.Id));
        Console.Write(ComparisonReport.Text(comparison, all));
        if (output is not null)
        {
            File.WriteAllText(output, ComparisonReport.Html(comparison));
            Console.WriteLine($"comparison page: {output}");
        }

        return againstBaseline && comparison.Worst == ChangeFlag.Critical ? ExitCodes.ThresholdsFailed : ExitCodes.Ok;
    }
}
