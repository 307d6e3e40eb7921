using System.CommandLine;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim runs delete &lt;run&gt;…</c>: removes runs and everything recorded with them (not a live one).</summary>
internal static class RunsDeleteCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run-id") { Description = "the runs to delete (ids, or starts that name only one)", Arity = ArgumentArity.OneOrMore };
        var dataDirectory = StoreOptions.DataDirectory();
        var command = new Command("delete", "delete stored runs (a run still playing is refused)") { runs, dataDirectory };
        command.SetAction(parse => RunsCommand.With(parse.GetValue(dataDirectory), store => Execute(store, parse.GetRequiredValue(runs))));
        return command;
    }

    private static int Execute(RunStore store, string[] ids)
    {
        foreach (string given in ids)
        {
            StoredRun run = store.Resolve(given);
            store.Delete(run.Id);
            Console.WriteLine($"deleted run {run.Id}");
        }

        return ExitCodes.Ok;
    }
}
